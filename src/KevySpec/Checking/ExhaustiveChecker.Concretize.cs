using System.Globalization;
using KevySpec.Simulation;

namespace KevySpec.Checking;

// A counterexample path of abstract moves, replayed on a real cluster in real (virtual) time: the
// replay records the trace, and must break the same invariant at its last step, which checks the
// time abstraction on the very path it reports.
public sealed partial class ExhaustiveChecker
{
    private Counterexample Concretize(List<Move> path, Violation violation)
    {
        var cluster = new Cluster(_definition, _members, _options.Config, _invariants);
        var events = new List<ScenarioEvent>();
        var now = TimeSpan.Zero;
        var roles = Starts()[path[0].Arg];
        for (var i = 0; i < _n; i++) Record(cluster.New(_members[i], roles[i], _options.ClampedJitter));

        foreach (var move in path.Skip(1))
        {
            var id = _members[move.Node];
            switch (move.Kind)
            {
                case MoveKind.Tick:
                    Record(cluster.Tick(id, now));
                    break;
                case MoveKind.Deliver:
                case MoveKind.Duplicate:
                    var from = _members[_messages.From(move.Message)];
                    Record(cluster.Deliver(from, id, _messages.Message(move.Message), now),
                        move.Kind == MoveKind.Duplicate ? "a copy stays in flight and may arrive again" : null);
                    break;
                case MoveKind.Drop:
                    events.Add(new ScenarioEvent(ScenarioEventKind.Lost, now, From: _members[_messages.From(move.Message)], To: id,
                        Message: _messages.Message(move.Message)));
                    break;
                case MoveKind.Advance:
                    now += _advances[move.Arg];
                    events.Add(new ScenarioEvent(ScenarioEventKind.TimePasses, now,
                        Text: $"{_advances[move.Arg].TotalSeconds.ToString(CultureInfo.InvariantCulture)} s pass"));
                    break;
                case MoveKind.Crash:
                    Record(cluster.Crash(id), "messages in flight to it are lost");
                    break;
                case MoveKind.Restart:
                    Record(cluster.Restart(id, _options.RestartRoles[move.Arg], _options.ClampedJitter));
                    if (cluster.DataOffsetOf(id) > 0) Record(cluster.SetOffset(id, cluster.DataOffsetOf(id)));
                    break;
                case MoveKind.RaiseOffset:
                    Record(cluster.SetOffset(id, cluster.DataOffsetOf(id) + 1));
                    break;
            }
        }

        if (cluster.Violation is not { } replayed || replayed.Invariant != violation.Invariant || cluster.ViolationStep != cluster.Steps.Count - 1)
            throw new InvalidOperationException(
                $"internal error: the counterexample for {violation} did not break the same invariant at its last step when replayed " +
                $"(replay: {cluster.Violation?.ToString() ?? "no violation"}); the time abstraction does not match the elector");

        var start = _options.BootstrapStart && path[0].Arg == 0 ? "bootstrap" : "cold";
        var name = $"{_definition.Name}-{violation.Invariant}-n{_n}-{start}";
        return new Counterexample(_definition.Name, name, replayed, _members, 0, events);

        void Record(ClusterStep step, string? remark = null) =>
            events.Add(new ScenarioEvent(ScenarioEventKind.Step, step.At ?? now, step, Text: remark));
    }
}
