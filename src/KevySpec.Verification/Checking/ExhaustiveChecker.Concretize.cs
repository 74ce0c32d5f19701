using System.Globalization;
using KevySpec.Properties;
using KevySpec.Simulation;

namespace KevySpec.Checking;

// A counterexample path of abstract moves, replayed on a real cluster in real (virtual) time: the
// replay records the trace, and must break the same invariant at its last step (a safety
// invariant) or end in a state that shows it broken (a property of the quiet continuation, which
// starts at move quietFrom), which checks the time abstraction on the very path it reports. Every
// property is judged by the properties library on the replayed cluster's facts.
public sealed partial class ExhaustiveChecker
{
    // settledFrom: the move before which the model found the quiet continuation settled (no-disruption), or -1.
    private Counterexample Concretize(List<Move> path, Violation violation, int quietFrom = -1, int settledFrom = -1)
    {
        var cluster = new SteppedCluster(_definition, _members, _options.Config, _invariants);
        // no-disruption is confirmed only by an OFFER (or a deposition) after the settled point,
        // judged as the simulator judges it, while the settled primary lives.
        var disruption = settledFrom >= 0 ? new NoDisruptionWatch() : null;
        var watching = false;
        Violation? disrupted = null;
        var events = new List<ScenarioEvent>();
        var now = TimeSpan.Zero;
        var roles = Starts()[path[0].Arg];
        for (var i = 0; i < _n; i++) Record(cluster.New(_members[i], roles[i], _options.ClampedJitter));

        TimeSpan? quietAt = null;
        int? quietEvent = null;
        for (var m = 1; m < path.Count; m++)
        {
            var move = path[m];
            if (m == settledFrom)
            {
                watching = true;
                disruption!.Step(new SteppedClusterFacts(cluster, now), "", null, now);
            }
            if (m == quietFrom)
            {
                quietAt = now;
                quietEvent = events.Count;
                events.Add(new ScenarioEvent(ScenarioEventKind.Fault, now,
                    Text: "faults stop: from here every message is delivered, every live node ticks and one time step passes per round"));
            }
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

        if (quietFrom >= 0)
        {
            if (quietAt is null)
            {
                quietEvent = events.Count;
                events.Add(new ScenarioEvent(ScenarioEventKind.Fault, now, Text: "faults stop"));
            }
            var shown = QuietViolation(cluster, violation.Invariant, now - (quietAt ?? now), disrupted)
                ?? throw new InvalidOperationException($"internal error: the quiet continuation for {violation.Invariant} did not show it broken when replayed");
            return new Counterexample(_definition.Name, Name(path, shown), shown, _members, 0, events, quietEvent);
        }
        if (cluster.Violation is not { } replayed || replayed.Invariant != violation.Invariant || cluster.ViolationStep != cluster.Steps.Count - 1)
            throw new InvalidOperationException(
                $"internal error: the counterexample for {violation} did not break the same invariant at its last step when replayed " +
                $"(replay: {cluster.Violation?.ToString() ?? "no violation"}); the time abstraction does not match the elector");

        return new Counterexample(_definition.Name, Name(path, replayed), replayed, _members, 0, events);

        void Record(ClusterStep step, string? remark = null)
        {
            events.Add(new ScenarioEvent(ScenarioEventKind.Step, step.At ?? now, step, Text: remark));
            if (watching) disrupted ??= disruption!.Step(new SteppedClusterFacts(cluster, now), step.Node, step.Out, now);
        }
    }

    private string Name(List<Move> path, Violation violation)
    {
        var start = _options.BootstrapStart && path[0].Arg == 0 ? "bootstrap" : "cold";
        return $"{_definition.Name}-{violation.Invariant}-n{_n}-{start}";
    }

    // The replayed cluster judged as the quiet continuation judged the abstract one: liveness and
    // convergence by its end state, no-disruption by what the watch saw after the settled point.
    private static Violation? QuietViolation(SteppedCluster cluster, string invariant, TimeSpan quiet, Violation? disrupted) => invariant switch
    {
        InvariantNames.Liveness => LivenessMonitor.Check(cluster, quiet),
        InvariantNames.Convergence => ClusterProperties.ConvergenceProblem(new SteppedClusterFacts(cluster, TimeSpan.Zero)) is { } problem
            ? new Violation(InvariantNames.Convergence, $"{problem} {StepNarrator.Seconds(quiet)} after faults stopped ({ClusterText.Describe(cluster)})")
            : null,
        _ => disrupted,
    };
}
