using System.Globalization;
using System.Text.Json;
using KevySpec.Wire;

namespace KevySpec.Conformance;

/// <summary>
/// Replays <c>kevy-elect-trace/1</c> files (see <c>conformance/FORMAT.md</c>) against a
/// generated elector, step by step, and reports the first divergence of each file.
/// </summary>
public static class TraceReplayer
{
    /// <summary>The header's format tag.</summary>
    public const string Format = "kevy-elect-trace/1";

    /// <summary>Replays every <c>*.jsonl</c> of <paramref name="directory"/>, in file-name order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="TraceFormatException">A file is not a valid trace.</exception>
    public static IReadOnlyList<ReplayResult> ReplayDirectory(string directory, ElectorDefinition elector, Action<ReplayResult>? onFile = null)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"trace folder '{directory}' does not exist");
        var results = new List<ReplayResult>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var result = ReplayFile(file, elector);
            onFile?.Invoke(result);
            results.Add(result);
        }
        return results;
    }

    /// <summary>Replays one trace file.</summary>
    /// <exception cref="TraceFormatException">The file is not a valid trace.</exception>
    public static ReplayResult ReplayFile(string path, ElectorDefinition elector)
    {
        using var reader = new StreamReader(path);
        var name = Path.GetFileName(path);
        var lineNumber = 0;
        string? scenario = null;
        var nodes = new Dictionary<string, ReplayNode>(StringComparer.Ordinal);
        var steps = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            JsonDocument json;
            try { json = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new TraceFormatException(name, lineNumber, $"not JSON: {e.Message}"); }
            using (json)
            {
                var step = new TraceLine(name, lineNumber, json.RootElement);
                if (scenario is null)
                {
                    if (step.OptionalString("format") != Format) throw step.Error($"the first line must be a header with \"format\":\"{Format}\"");
                    scenario = step.OptionalString("scenario") ?? name;
                    continue;
                }
                steps++;
                var divergence = Replay(step, nodes, elector);
                if (divergence is not null) return new ReplayResult(path, scenario, steps, divergence);
            }
        }
        if (scenario is null) throw new TraceFormatException(name, 1, "empty file: no header line");
        return new ReplayResult(path, scenario, steps, null);
    }

    private static Divergence? Replay(TraceLine step, Dictionary<string, ReplayNode> nodes, ElectorDefinition elector)
    {
        var op = step.String("op");
        var nodeId = step.String("node");
        nodes.TryGetValue(nodeId, out var node);
        if (node is null && op != "new") throw step.Error($"op '{op}' on node '{nodeId}' before its 'new'");

        node ??= nodes[nodeId] = new ReplayNode();
        var savesBefore = node.Store.History.Count;
        IReadOnlyList<Outbound>? output = null;
        var label = op + " " + nodeId;
        try
        {
            switch (op)
            {
                case "new":
                case "restart":
                    node.Elector = elector.Create(nodeId, step.StringArray("peer_ids"), step.String("addr"),
                        step.Role("start_role"), step.Config(), step.Jitter());
                    node.Elector.AttachStore(node.Store);
                    break;
                case "set_offset":
                    node.Elector!.SetReplOffset(step.UInt64("offset"));
                    break;
                case "tick":
                    node.Now = step.Time();
                    label += $" @ {step.UInt64("t_us")}us";
                    output = node.Elector!.Tick(node.Now);
                    break;
                case "msg":
                    node.Now = step.Time();
                    var from = step.String("from");
                    var message = step.Message("msg");
                    label += $" from {from} @ {step.UInt64("t_us")}us";
                    output = node.Elector!.OnMessage(from, message, node.Now);
                    break;
                default:
                    throw step.Error($"unknown op '{op}'");
            }
        }
        catch (ArgumentException e)
        {
            return new Divergence(step.Line, label, "error", "the step to run", e.Message);
        }

        var expected = step.Expected(hasOutput: output is not null);
        var actual = Observe(node, output, savesBefore);
        if (expected.Out is not null && !expected.Out.SequenceEqual(actual.Out!))
            return new Divergence(step.Line, label, "out", Show(expected.Out), Show(actual.Out!));
        if (!expected.Saves.SequenceEqual(actual.Saves))
            return new Divergence(step.Line, label, "saves", Show(expected.Saves), Show(actual.Saves));
        if (expected.State != actual.State)
            return new Divergence(step.Line, label, "state", expected.State, actual.State);
        return null;
    }

    private static StepOutcome Observe(ReplayNode node, IReadOnlyList<Outbound>? output, int savesBefore)
    {
        var elector = node.Elector!;
        var saves = node.Store.History.Skip(savesBefore).Select(ShowSave).ToList();
        var sent = output?.Select(o => ShowOutbound(o.To, MessageArgv.ToArgv(o.Message))).ToList();
        return new StepOutcome(sent, saves, ShowState(elector.Role.ToWire(), elector.Epoch, elector.CurrentPrimary, elector.HasQuorum(node.Now)));
    }

    internal static string ShowOutbound(string to, IEnumerable<string> argv) => $"{to}: {string.Join(' ', argv)}";

    internal static string ShowSave(PersistedVote vote) => $"({vote.Epoch}, {vote.VotedFor ?? "-"})";

    internal static string ShowState(string role, ulong epoch, string? primary, bool hasQuorum) =>
        $"role={role} epoch={epoch.ToString(CultureInfo.InvariantCulture)} primary={primary ?? "-"} has_quorum={(hasQuorum ? "true" : "false")}";

    private static string Show(IReadOnlyList<string> items) => items.Count == 0 ? "[]" : "[" + string.Join("; ", items) + "]";

    /// <summary>One node of a replay: its store outlives its electors.</summary>
    private sealed class ReplayNode
    {
        public InMemoryElectionStore Store { get; } = new();

        public Elector? Elector { get; set; }

        // has_quorum of time-less ops is evaluated at the last time the node saw, across restarts.
        public TimeSpan Now { get; set; }
    }
}
