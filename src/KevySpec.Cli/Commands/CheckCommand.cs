using System.CommandLine;
using System.Globalization;
using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Cli.Commands;

/// <summary>
/// <c>kevyspec check</c>: runs the simulator over many seeds, or the bounded exhaustive model
/// checker, against a generated elector and the invariants its spec names. Exit 0 when nothing is
/// violated, 1 with counterexamples written to <c>--out</c>, 2 on bad arguments.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = SpecOption.Create();
        var mode = new Option<string>("--mode")
        {
            Description = "sim: the deterministic simulator over many seeds (checks liveness too); exhaustive: every interleaving up to --depth.",
            DefaultValueFactory = _ => "sim",
        };
        mode.AcceptOnlyFromAmong("sim", "exhaustive");
        var seeds = new Option<int>("--seeds") { Description = "Seeds to simulate (sim mode).", DefaultValueFactory = _ => 1000 };
        var firstSeed = new Option<long>("--first-seed") { Description = "The first seed (sim mode); rerun one seed with --first-seed S --seeds 1.", DefaultValueFactory = _ => 1 };
        var nodes = new Option<int>("--nodes") { Description = "Cluster size: 1 to 7 (sim), 1 to 4 (exhaustive).", DefaultValueFactory = _ => 3 };
        var depth = new Option<int>("--depth") { Description = "Longest path explored, in transitions (exhaustive mode).", DefaultValueFactory = _ => 7 };
        var workers = new Option<int>("--workers") { Description = "Threads expanding each level (exhaustive mode); 0 for one per processor.", DefaultValueFactory = _ => 0 };
        var livenessDepth = new Option<int>("--liveness-depth")
        {
            Description = "Exhaustive mode: run the quiet continuation (liveness) from every state this many moves deep or less; 0 turns it off. Default: every explored state.",
            DefaultValueFactory = _ => int.MaxValue,
        };
        var outDir = new Option<string>("--out") { Description = "Folder for counterexamples (trace .jsonl + steps and diagram .md).", DefaultValueFactory = _ => "check-out" };
        AtLeast(seeds, 1);
        AtLeast(depth, 1);
        AtLeast(workers, 0);
        AtLeast(livenessDepth, 0);
        var command = new Command("check", "Check a spec's invariants with the simulator or the bounded exhaustive model checker; write counterexamples.")
        {
            spec, mode, seeds, firstSeed, nodes, depth, outDir, workers, livenessDepth,
        };
        command.SetAction(parsed =>
        {
            var request = new CheckRequest(parsed.GetValue(spec)!, parsed.GetValue(mode)!, parsed.GetValue(seeds), parsed.GetValue(firstSeed),
                parsed.GetValue(nodes), parsed.GetValue(depth), parsed.GetValue(outDir)!) { Workers = parsed.GetValue(workers), LivenessDepth = parsed.GetValue(livenessDepth) };
            return Run(request, output, error);
        });
        return command;
    }

    private static void AtLeast(Option<int> option, int least) =>
        option.Validators.Add(result =>
        {
            // An unparsable value is the parser's error to report; reading it here would throw.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value < least)
                result.AddError($"{option.Name} must be at least {least}");
        });

    private static int Run(CheckRequest request, TextWriter output, TextWriter error)
    {
        if (SpecOption.Resolve(request.Spec, error) is not { } elector) return KevySpecCli.UsageError;
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
        return request.Mode == "exhaustive" ? Exhaustive(elector, request, output, error, progress) : Simulate(elector, request, output, error, progress);
    }

    private static int Simulate(ElectorDefinition elector, CheckRequest request, TextWriter output, TextWriter error, ProgressLine progress)
    {
        var options = new SimOptions { Nodes = request.Nodes };
        if (options.Problem() is { } problem)
        {
            error.WriteLine($"kevyspec: {problem}");
            return KevySpecCli.UsageError;
        }
        var summary = SimRunner.Run(elector, options, request.FirstSeed, request.Seeds, keepFailures: 10,
            p => progress.Show($"sim: {p.Done}/{p.Total} seeds, {p.Violations} violations, {p.Elapsed.TotalSeconds:0}s"));
        progress.Clear();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sim: {summary.Seeds} seeds, {summary.Violations} violations ({summary.Steps:N0} steps, {summary.Elections:N0} elections, {summary.Elapsed.TotalSeconds:0.0} s; liveness bound {StepNarrator.Seconds(options.LivenessDeadline)} after faults stop)"));
        foreach (var (invariant, count) in summary.ViolationsByInvariant) output.WriteLine($"  {invariant}: {count} seeds");
        return WriteCounterexamples(summary.Failures.Select(f => f.Counterexample!).ToList(), request.Out, output, error);
    }

    private static int Exhaustive(ElectorDefinition elector, CheckRequest request, TextWriter output, TextWriter error, ProgressLine progress)
    {
        var options = new CheckOptions { Nodes = request.Nodes, MaxDepth = request.Depth, Workers = request.Workers, LivenessDepth = request.LivenessDepth };
        if (options.Problem() is { } problem)
        {
            error.WriteLine($"kevyspec: {problem}");
            return KevySpecCli.UsageError;
        }
        var result = new ExhaustiveChecker(elector, options).Run(p =>
            progress.Show(string.Create(CultureInfo.InvariantCulture,
                $"exhaustive: depth {p.Depth}, {p.Explored:N0} states, {p.Distinct:N0} distinct, {p.StatesPerSecond:N0} states/s, {MemoryPerState(p.Distinct)} B/state in all, {p.Violations} violations")));
        progress.Clear();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exhaustive: {result.Explored} states, {result.Distinct} distinct, depth {result.DepthReached}, {result.StatesPerSecond:0} states/s, {result.Counterexamples.Count} violations"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  nodes {options.Nodes}, stopped: {Describe(result.Stop)}, {result.Elapsed.TotalSeconds:0.0} s on {result.Workers} workers; {result.BytesPerState:0.0} B/state visited set, {(double)result.Memory.PeakWorkingSet / Math.Max(1, result.Distinct):0} B/state in all (peak {result.Memory.PeakWorkingSet / (1 << 20):N0} MiB); fingerprint collision odds {result.CollisionOdds:0.0e0}"));
        foreach (var name in result.Unchecked) output.WriteLine($"  {name}: not checked (--liveness-depth 0; --mode sim checks it)");
        foreach (var counterexample in result.Counterexamples)
            output.WriteLine($"  {counterexample.Violation.Invariant}: shortest counterexample, {counterexample.Events.Count - options.Nodes} moves after the start");
        return WriteCounterexamples(result.Counterexamples, request.Out, output, error);
    }

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
                var files = CounterexampleWriter.Write(directory, counterexample);
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

    private sealed record CheckRequest(string Spec, string Mode, int Seeds, long FirstSeed, int Nodes, int Depth, string Out)
    {
        public int Workers { get; init; }

        public int LivenessDepth { get; init; }
    }

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
