using System.Text.Json;
using KevySpec.Checking;
using KevySpec.Conformance;
using KevySpec.Simulation;

namespace KevySpec.Scenarios;

// replay FILE: a kevy-elect-trace/1 file (a counterexample the checker wrote) becomes the script's
// cluster. The trace is first replayed as conformance (every step's output, saves and state must
// match what it recorded), then its ops drive the cluster, so status and check see its end state.
public sealed partial class ScenarioRunner
{
    private void Replay(ReadOnlySpan<string> args, List<string> output)
    {
        if (args.Length != 1) throw Fail("usage: replay TRACE.jsonl");
        if (_spec is null) throw Fail("no spec: start the script with 'spec NAME'");
        if (_cluster is not null) throw Fail("'replay' builds the nodes itself: use it instead of 'nodes'");
        var path = Path.Combine(_folder, args[0]);
        if (!File.Exists(path)) throw Fail($"trace '{args[0]}' not found in {_folder}");
        ReplayResult conform;
        try { conform = TraceReplayer.ReplayFile(path, _spec); }
        catch (TraceFormatException e) { throw Fail(e.Message); }
        output.Add(conform.FirstDivergence is { } d
            ? $"{args[0]}: diverges at line {d.Line} ({d.Op}): {d.Field} expected {d.Expected}, got {d.Actual}"
            : $"{args[0]}: {conform.Steps} steps, conforms to {_spec.Name}");
        if (conform.FirstDivergence is null) Drive(path);
    }

    // The trace parsed without error above, so each line is well formed.
    private void Drive(string path)
    {
        var name = Path.GetFileName(path);
        var lineNumber = 0;
        foreach (var text in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || text.Length == 0) continue;
            using var json = JsonDocument.Parse(text);
            var step = new TraceLine(name, lineNumber, json.RootElement);
            var op = step.String("op");
            var node = step.String("node");
            switch (op)
            {
                case "new":
                    _cluster ??= new SteppedCluster(_spec!, step.StringArray("peer_ids"), step.Config(), InvariantSet.ForSpec(_spec!.Table));
                    _cluster.New(node, step.Role("start_role"), step.FixedJitterValue());
                    break;
                case "restart":
                    Nodes.Restart(node, step.Role("start_role"), step.FixedJitterValue());
                    break;
                case "set_offset":
                    Nodes.SetOffset(node, step.UInt64("offset"));
                    break;
                case "tick":
                    _now = Max(_now, step.Time());
                    Nodes.Tick(node, step.Time());
                    break;
                case "msg":
                    _now = Max(_now, step.Time());
                    Nodes.Deliver(step.String("from"), node, step.Message("msg"), step.Time());
                    break;
            }
        }
        _faultsStoppedAt = _now;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
