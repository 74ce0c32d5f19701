using System.CommandLine;
using System.Globalization;
using KevySpec.Checking;
using KevySpec.Cli.CommandLine;
using KevySpec.Simulation;

namespace KevySpec.Cli.Commands;

/// <summary>
/// <c>kevyspec check</c>: runs the simulator over many seeds and a swarm of short walks, each over
/// cluster sizes 3, 4 and 5 by default, or the bounded exhaustive model checker, against a generated
/// elector and the invariants its spec names. Exit 0 when nothing is violated, 1 with counterexamples
/// written to <c>--out</c> (and every failing seed listed there), 2 on bad arguments.
/// </summary>
internal static class CheckCommand
{
    private static readonly int[] DefaultSizes = [3, 4, 5];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = SpecOption.Create();
        var project = SpecOption.CreateProject();
        var mode = new Option<string>("--mode")
        {
            Description = "sim: the deterministic simulator over many seeds (liveness, convergence and no-disruption too); swarm: many short walks, "
                + "each with its own fault mix (safety); exhaustive: every interleaving up to --depth. Default: sim, then swarm.",
        };
        mode.AcceptOnlyFromAmong([.. CheckModes.Command.Select(m => m.Spelling())]);
        var seeds = new Option<int>("--seeds") { Description = "Seeds per cluster size: simulated runs (sim) and walks (swarm).", DefaultValueFactory = _ => 1000 };
        var firstSeed = new Option<long>("--first-seed") { Description = "The first seed (sim, swarm); rerun one with --mode M --nodes N --first-seed S --seeds 1.", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int[]>("--nodes")
        {
            Description = "Cluster sizes, one or a list such as 3,4,5: 1 to 7 (sim, swarm), 1 to 4 (exhaustive). Default 3,4,5 (sim, swarm), 3 (exhaustive).",
            CustomParser = ParseSizes,
        };
        var depth = new Option<int>("--depth") { Description = "Longest path explored, in transitions (exhaustive mode).", DefaultValueFactory = _ => 7 };
        var workers = new Option<int>("--workers") { Description = "Threads expanding each level (exhaustive mode); 0 for one per processor.", DefaultValueFactory = _ => 0 };
        var livenessDepth = new Option<int>("--liveness-depth")
        {
            Description = "Exhaustive mode: run the quiet continuation (liveness) from every state this many moves deep or less; 0 turns it off. Default: every explored state.",
            DefaultValueFactory = _ => int.MaxValue,
        };
        var outDir = new Option<string>("--out") { Description = "Folder for counterexamples (trace .jsonl + steps and diagram .md).", DefaultValueFactory = _ => "check-out" };
        seeds.Within(min: 1);
        depth.Within(min: 1);
        workers.Within(min: 0);
        livenessDepth.Within(min: 0);
        var command = new Command("check", "Check a spec's invariants with the simulator (N = 3, 4, 5 by default), a swarm of short walks, or the bounded exhaustive model checker; write counterexamples.")
        {
            spec, project, mode, seeds, firstSeed, nodes, depth, outDir, workers, livenessDepth,
        };
        command.SetAction(parsed =>
        {
            var request = new CheckRequest(parsed.GetValue(spec), parsed.GetValue(project), CheckModes.Parse(parsed.GetValue(mode)), parsed.GetValue(seeds), parsed.GetValue(firstSeed),
                parsed.GetValue(nodes), parsed.GetValue(depth), parsed.GetValue(outDir)!) { Workers = parsed.GetValue(workers), LivenessDepth = parsed.GetValue(livenessDepth) };
            return Run(request, output, error);
        });
        return command;
    }

    // "3" or "3,4,5": sizes in the order given, without repeats.
    private static int[]? ParseSizes(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(",", result.Tokens.Select(t => t.Value));
        var sizes = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                result.AddError($"--nodes must be a cluster size or a comma-separated list of sizes, such as 3,4,5 (got '{text}')");
                return null;
            }
            if (!sizes.Contains(size)) sizes.Add(size);
        }
        return [.. sizes];
    }

    private static int Run(CheckRequest request, TextWriter output, TextWriter error)
    {
        using var source = SpecSource.Open(request.Spec, request.Project, error);
        if (source is null) return KevySpecCli.UsageError;
        var elector = source.Elector;
        try
        {
            InvariantSet.ForSpec(elector.Table);
        }
        catch (UnknownInvariantException e)
        {
            error.WriteLine($"kevyspec: {e.Message}");
            return KevySpecCli.UsageError;
        }
        using var progress = new ProgressLine(error);
        if (request.Mode == CheckMode.Exhaustive) return Exhaustive(elector, request, output, error, progress);

        var sizes = request.Nodes is { Length: > 0 } given ? given : DefaultSizes;
        foreach (var size in sizes)
            if (new SimOptions { Nodes = size }.Problem() is { } problem)
            {
                error.WriteLine($"kevyspec: {problem}");
                return KevySpecCli.UsageError;
            }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = new List<SimRun>();
        foreach (var mode in request.Mode is { } one ? [one] : new[] { CheckMode.Sim, CheckMode.Swarm })
            foreach (var size in sizes)
                runs.Add(Simulate(elector, mode, size, request, output, progress));
        var found = runs.Sum(r => r.Summary.Violations);
        if (runs.Count > 1)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"check: {found} violations in {clock.Elapsed.TotalSeconds:0.0} s ({string.Join("; ", runs.GroupBy(r => r.Mode).Select(g => $"{g.Key.Spelling()} n={string.Join(",", g.Select(r => r.Nodes))}"))})"));
        return WriteFailures(runs, elector, request, output, error);
    }

    private static SimRun Simulate(ElectorDefinition elector, CheckMode mode, int size, CheckRequest request, TextWriter output, ProgressLine progress)
    {
        var label = $"{mode.Spelling()} n={size}";
        Action<SimProgress> show = p => progress.Show($"{label}: {p.Done}/{p.Total} {(mode == CheckMode.Sim ? "seeds" : "walks")}, {p.Violations} violations, {p.Elapsed.TotalSeconds:0}s");
        SimSummary summary;
        string detail;
        if (mode == CheckMode.Sim)
        {
            var options = new SimOptions { Nodes = size };
            summary = SimRunner.Run(elector, options, request.FirstSeed, request.Seeds, keepFailures: 10, show);
            detail = $"liveness bound {StepNarrator.Seconds(options.LivenessDeadline)} after faults stop";
        }
        else
        {
            summary = Swarm.Run(elector, size, request.FirstSeed, request.Seeds, keepFailures: 10, show);
            detail = "safety while faults go on";
        }
        progress.Clear();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {summary.Seeds} {(mode == CheckMode.Sim ? "seeds" : "walks")}, {summary.Violations} violations ({summary.Steps:N0} steps, {summary.Elections:N0} elections, {summary.Elapsed.TotalSeconds:0.0} s; {detail})"));
        foreach (var (invariant, count) in summary.ViolationsByInvariant)
        {
            var seeds = summary.FailingSeeds.Where(f => f.Invariant == invariant).Select(f => f.Seed).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {invariant}: {count} seeds ({string.Join(", ", seeds.Take(10))}{(seeds.Count > 10 ? ", …" : "")})"));
        }
        return new SimRun(mode, size, summary);
    }

    // Writes the counterexamples of the lowest failing seeds of each run, and the list of every failing seed.
    private static int WriteFailures(List<SimRun> runs, ElectorDefinition elector, CheckRequest request, TextWriter output, TextWriter error)
    {
        var found = runs.Sum(r => r.Summary.Violations);
        if (found == 0) return 0;
        var written = 0;
        try
        {
            foreach (var run in runs)
                foreach (var failure in run.Summary.Failures)
                {
                    var counterexample = failure.Counterexample!;
                    var files = CounterexampleWriter.Write(request.Out, counterexample, SelfInvocation.Prefix);
                    written++;
                    output.WriteLine($"  {counterexample.Violation} ({run.Mode.Spelling()} n={run.Nodes} seed {failure.Seed})");
                    output.WriteLine($"    wrote {string.Join(" and ", files)}");
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"    replay: {SelfInvocation.Prefix} check {(request.Project is { } project ? $"--project {project} " : "")}--spec {elector.Name} --mode {run.Mode.Spelling()} --nodes {run.Nodes} --first-seed {failure.Seed} --seeds 1"));
                }
            var list = Path.Combine(request.Out, "failing-seeds.txt");
            File.WriteAllLines(list, runs.SelectMany(r => r.Summary.FailingSeeds.Select(f =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Mode.Spelling()} n={r.Nodes} seed {f.Seed} {f.Invariant}"))));
            output.WriteLine($"  {found} failing runs found; counterexamples of {written} written to {request.Out} (the lowest seeds of each size and mode); every failing seed is in {list}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec: cannot write counterexamples to '{request.Out}': {e.Message}");
            return KevySpecCli.UsageError;
        }
        return 1;
    }

    private static int Exhaustive(ElectorDefinition elector, CheckRequest request, TextWriter output, TextWriter error, ProgressLine progress)
    {
        var all = new List<Counterexample>();
        int[] sizes = request.Nodes is { Length: > 0 } given ? given : [3];
        var checks = new List<CheckOptions>();
        foreach (var size in sizes)
        {
            var options = new CheckOptions { Nodes = size, MaxDepth = request.Depth, Workers = request.Workers, LivenessDepth = request.LivenessDepth };
            if (options.Problem() is { } problem)
            {
                error.WriteLine($"kevyspec: {problem}");
                return KevySpecCli.UsageError;
            }
            checks.Add(options);
        }
        foreach (var options in checks)
        {
            var result = new ExhaustiveChecker(elector, options).Run(p =>
                progress.Show(string.Create(CultureInfo.InvariantCulture,
                    $"exhaustive: depth {p.Depth}, {p.Explored:N0} states, {p.Distinct:N0} distinct, {p.StatesPerSecond:N0} states/s, {MemoryPerState(p.Distinct)} B/state in all, {p.Violations} violations")));
            progress.Clear();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exhaustive: {result.Explored} states, {result.Distinct} distinct, depth {result.DepthReached}, {result.StatesPerSecond:0} states/s, {result.Counterexamples.Count} violations"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  nodes {options.Nodes}, stopped: {Describe(result.Stop)}, {result.Elapsed.TotalSeconds:0.0} s on {result.Workers} workers; {result.BytesPerState:0.0} B/state visited set, {(double)result.Memory.PeakWorkingSet / Math.Max(1, result.Distinct):0} B/state in all (peak {result.Memory.PeakWorkingSet / (1 << 20):N0} MiB); fingerprint collision odds {result.CollisionOdds:0.0e0}"));
            foreach (var name in result.Unchecked)
                output.WriteLine(name == InvariantNames.WriteSafety
                    ? $"  {name}: not checked in exhaustive mode (it needs real time; --mode sim checks it)"
                    : $"  {name}: not checked (--liveness-depth 0; --mode sim checks it)");
            foreach (var counterexample in result.Counterexamples)
                output.WriteLine($"  {counterexample.Violation.Invariant}: shortest counterexample, {Moves(counterexample, options.Nodes)}");
            all.AddRange(result.Counterexamples);
        }
        return WriteCounterexamples(all, request.Out, output, error);
    }

    // How deep the counterexample's state is; for a property of the quiet continuation, the rounds that follow are not part of the search.
    private static string Moves(Counterexample counterexample, int nodes) => counterexample.QuietFrom is { } stop
        ? $"{stop - nodes} moves after the start, then faults stop and the quiet continuation runs"
        : $"{counterexample.Events.Count - nodes} moves after the start";

    // The process's memory per distinct state so far (everything: the visited set, the levels, the runtime).
    private static string MemoryPerState(long distinct) =>
        (Environment.WorkingSet / (double)Math.Max(1, distinct)).ToString("0", CultureInfo.InvariantCulture);

    private static string Describe(CheckStop stop) => stop switch
    {
        CheckStop.Exhausted => "every reachable state explored",
        CheckStop.DepthBound => "depth bound reached",
        CheckStop.StateLimit => "state limit reached",
        CheckStop.AllViolated => "every invariant has a counterexample",
        _ => "cancelled",
    };

    private static int WriteCounterexamples(IReadOnlyList<Counterexample> counterexamples, string directory, TextWriter output, TextWriter error)
    {
        if (counterexamples.Count == 0) return 0;
        try
        {
            foreach (var counterexample in counterexamples)
            {
                var files = CounterexampleWriter.Write(directory, counterexample, SelfInvocation.Prefix);
                output.WriteLine($"  {counterexample.Violation}");
                output.WriteLine($"    wrote {string.Join(" and ", files)}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"kevyspec: cannot write counterexamples to '{directory}': {e.Message}");
            return KevySpecCli.UsageError;
        }
        return 1;
    }

    private sealed record CheckRequest(string? Spec, string? Project, CheckMode? Mode, int Seeds, long FirstSeed, int[]? Nodes, int Depth, string Out)
    {
        public int Workers { get; init; }

        public int LivenessDepth { get; init; }
    }

    private sealed record SimRun(CheckMode Mode, int Nodes, SimSummary Summary);

    /// <summary>
    /// A status line on stderr, rewritten in place about once a second; silent when stderr is not
    /// the console (redirected, or a test's writer) or when CI=true.
    /// </summary>
    private sealed class ProgressLine(TextWriter error) : IDisposable
    {
        private readonly bool _enabled = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        private int _width;

        public void Show(string text)
        {
            if (!_enabled) return;
            error.Write("\r" + text.PadRight(_width));
            _width = Math.Max(_width, text.Length);
            error.Flush();
        }

        public void Clear()
        {
            if (!_enabled || _width == 0) return;
            error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }

        public void Dispose() => Clear();
    }
}
