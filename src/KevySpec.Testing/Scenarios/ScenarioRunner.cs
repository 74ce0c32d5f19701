using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Scenarios;

/// <summary>
/// Runs scenario scripts (<see cref="ScenarioScript"/>) against the real generated electors, on
/// virtual time, through the simulator's <see cref="SteppedCluster"/> (which checks the spec's safety
/// invariants after every step). Output is deterministic: the same script prints the same text.
/// The commands are listed in <c>docs/scenarios.md</c>.
/// </summary>
public sealed partial class ScenarioRunner
{
    private readonly IReadOnlyList<ElectorDefinition> _known;
    private readonly string _folder;
    private readonly ScenarioNetwork _network = new();
    private readonly List<string> _sends = [];
    private ElectorDefinition? _spec;
    private ElectConfig _config = ElectConfig.Default;
    private SteppedCluster? _cluster;
    private TimeSpan _now;
    private TimeSpan _faultsStoppedAt;
    private List<string>? _changes;
    private string _file = "";
    private int _line;

    /// <summary>A runner choosing specs among <paramref name="known"/> (default: the specs compiled into <c>KevySpec</c>); relative paths are read from <paramref name="folder"/>.</summary>
    public ScenarioRunner(string folder, IReadOnlyList<ElectorDefinition>? known = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _folder = folder;
        _known = known ?? KevySpecElectors.All;
    }

    /// <summary>Runs every command of <paramref name="script"/> in order; returns each command's output.</summary>
    /// <exception cref="ScenarioException">A command is unknown, malformed, or refused by the cluster.</exception>
    public IReadOnlyList<IReadOnlyList<string>> Run(ScenarioScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _file = script.File;
        var outputs = new List<IReadOnlyList<string>>();
        foreach (var command in script.Commands)
        {
            _line = command.Line;
            var output = new List<string>();
            try
            {
                Execute(command.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries), output);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw Fail(e.Message);
            }
            outputs.Add(output);
        }
        return outputs;
    }

    /// <summary>Reads, runs and compares the script at <paramref name="path"/>; with <paramref name="rewrite"/>, writes the actual output back instead.</summary>
    /// <returns>Null when every output matched (or was rewritten); otherwise a readable diff of the first command that differed.</returns>
    public static string? RunFile(string path, bool rewrite, IReadOnlyList<ElectorDefinition>? known = null)
    {
        var script = ScenarioScript.Parse(Path.GetFileName(path), File.ReadAllText(path));
        var actual = new ScenarioRunner(Path.GetDirectoryName(Path.GetFullPath(path))!, known).Run(script);
        if (rewrite)
        {
            File.WriteAllText(path, script.Rewrite(actual));
            return null;
        }
        for (var i = 0; i < actual.Count; i++)
        {
            var command = script.Commands[i];
            if (command.Expected.SequenceEqual(actual[i])) continue;
            return $"{script.File}:{command.Line}: output of '{command.Text}' differs (set KEVYSPEC_REWRITE=1 to accept the new output)\n"
                + ScenarioDiff.Lines(command.Expected, actual[i]);
        }
        return null;
    }

    private ScenarioException Fail(string problem) => new(_file, _line, problem);

    private SteppedCluster Nodes => _cluster ?? throw Fail("no nodes yet: start with 'nodes ID...' (after 'spec NAME')");

    private void Execute(string[] words, List<string> output)
    {
        var args = words.AsSpan(1);
        switch (words[0])
        {
            case "spec": Spec(args); break;
            case "config": Config(args); break;
            case "nodes": NewNodes(args, output); break;
            case "offset": SetOffset(args, output); break;
            case "tick": Tick(args, output); break;
            case "advance": _now += DurationArg(args, "advance DURATION"); break;
            case "deliver": Deliver(args, output); break;
            case "drop": Drop(args, output); break;
            case "dup": Dup(args, output); break;
            case "lose": Lose(args); break;
            case "partition": Partition(args); break;
            case "heal": Exact(args, 0, "heal"); _network.Heal(); FaultsNow(); break;
            case "crash": Crash(args, output); break;
            case "restart": Restart(args, output); break;
            case "stabilize": Stabilize(args, output); break;
            case "status": Exact(args, 0, "status"); Status(output); break;
            case "check": Exact(args, 0, "check"); output.AddRange(ScenarioChecks.Check(Nodes, _now - _faultsStoppedAt)); break;
            case "log": Exact(args, 0, "log"); output.AddRange(_sends); _sends.Clear(); break;
            case "replay": Replay(args, output); break;
            default:
                throw Fail($"unknown command '{words[0]}' (commands: spec, config, nodes, offset, tick, advance, deliver, drop, dup, lose, partition, heal, crash, restart, stabilize, status, check, log, replay)");
        }
    }

    private void Exact(ReadOnlySpan<string> args, int count, string usage)
    {
        if (args.Length != count) throw Fail($"usage: {usage}");
    }

    private TimeSpan DurationArg(ReadOnlySpan<string> args, string usage)
    {
        Exact(args, 1, usage);
        return ScenarioText.Duration(args[0]) ?? throw Fail($"'{args[0]}' is not a duration (e.g. 0, 250us, 200ms, 1.5s)");
    }

    // Faults stop at the last command that injects one: liveness is judged from there.
    private void FaultsNow() => _faultsStoppedAt = _now;

    private void Spec(ReadOnlySpan<string> args)
    {
        Exact(args, 1, "spec NAME");
        if (_cluster is not null) throw Fail("'spec' must come before 'nodes'");
        var found = SpecLookup.Find(args[0], _known);
        _spec = found.Elector ?? throw Fail(found.Error!);
    }

    private void Config(ReadOnlySpan<string> args)
    {
        if (_cluster is not null) throw Fail("'config' must come before 'nodes'");
        if (args.Length == 0) throw Fail("usage: config [small] [hb=D] [down=D] [timeout=D] [backoff=D] [jitter=D]");
        foreach (var arg in args)
        {
            if (arg == "small")
            {
                _config = CheckOptions.SmallConfig;
                continue;
            }
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var value = eq > 0 ? ScenarioText.Duration(arg[(eq + 1)..]) : null;
            if (value is not { } d) throw Fail($"'{arg}' is not KEY=DURATION (keys: hb, down, timeout, backoff, jitter)");
            _config = arg[..eq] switch
            {
                "hb" => _config with { HbInterval = d },
                "down" => _config with { DownAfter = d },
                "timeout" => _config with { ElectionTimeout = d },
                "backoff" => _config with { ElectionBackoff = d },
                "jitter" => _config with { ElectionBackoffJitter = d },
                var key => throw Fail($"unknown config key '{key}' (keys: hb, down, timeout, backoff, jitter)"),
            };
        }
    }

    private void NewNodes(ReadOnlySpan<string> args, List<string> output)
    {
        if (_spec is null) throw Fail("no spec: start the script with 'spec NAME'");
        if (_cluster is not null) throw Fail("'nodes' may appear once");
        var split = args.IndexOf("bootstrap");
        var members = split < 0 ? args : args[..split];
        var bootstrap = split < 0 ? null : args[(split + 1)..].ToArray();
        if (members.Length == 0 || bootstrap is { Length: not 1 }) throw Fail("usage: nodes ID... [bootstrap ID]");
        if (bootstrap is not null && !members.Contains(bootstrap[0])) throw Fail($"bootstrap '{bootstrap[0]}' is not one of the nodes");
        _cluster = new SteppedCluster(_spec, members.ToArray(), _config, InvariantSet.ForSpec(_spec.Table));
        foreach (var id in members) _cluster.New(id, id == bootstrap?[0] ? Role.Primary : Role.Replica, TimeSpan.Zero);
        Status(output);
    }

    private void Status(List<string> output)
    {
        foreach (var id in Nodes.Members)
            output.Add(Nodes.ElectorOf(id) is { } e
                ? $"{id}: {ScenarioText.State(e)} has_quorum={(e.HasQuorum(_now) ? "true" : "false")}"
                : $"{id}: down");
    }
}
