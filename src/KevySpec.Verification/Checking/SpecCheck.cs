using System.Globalization;
using KevySpec.Simulation;

namespace KevySpec.Checking;

/// <summary>
/// How much <see cref="SpecCheck"/> runs. The defaults take seconds for a small spec; the CLI's
/// <c>kevyspec check</c> runs more (1000 seeds per size).
/// </summary>
public sealed record SpecCheckOptions
{
    /// <summary>Seeds per cluster size and mode (simulated runs, and swarm walks).</summary>
    public int Seeds { get; init; } = 200;

    /// <summary>The first seed; a failure's message gives the one to replay.</summary>
    public long FirstSeed { get; init; } = 1;

    /// <summary>The cluster sizes, each 1 to 7.</summary>
    public IReadOnlyList<int> Nodes { get; init; } = [3, 4, 5];

    /// <summary>Also run the swarm (many short walks, safety while faults go on) after the simulator.</summary>
    public bool Swarm { get; init; } = true;
}

/// <summary>
/// One-line verification of a spec from any test framework:
/// <c>SpecCheck.AssertHolds(TinyElector.Definition)</c> runs the simulator (and the swarm) over
/// seeded runs and throws <see cref="SpecViolationException"/> when an invariant the spec claims breaks.
/// </summary>
public static class SpecCheck
{
    /// <summary>Throws when <paramref name="definition"/> breaks one of its spec's invariants in any run.</summary>
    /// <exception cref="SpecViolationException">A run broke an invariant: the message has the violation, the seed, a replay command and the steps.</exception>
    /// <exception cref="UnknownInvariantException">The spec claims an invariant the checker does not implement.</exception>
    /// <exception cref="ArgumentException">The options are not usable (no sizes, a size outside 1 to 7, fewer than one seed).</exception>
    public static void AssertHolds(ElectorDefinition definition, SpecCheckOptions? options = null)
    {
        if (FirstFailure(definition, options) is { } failure) throw new SpecViolationException(definition, failure.Mode, failure.Nodes, failure.Summary);
    }

    /// <summary>The first run mode and size (in the order they run) that broke an invariant, or null when all held.</summary>
    private static (CheckMode Mode, int Nodes, SimSummary Summary)? FirstFailure(ElectorDefinition definition, SpecCheckOptions? options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new SpecCheckOptions();
        if (options.Nodes.Count == 0) throw new ArgumentException("give at least one cluster size", nameof(options));
        InvariantSet.ForSpec(definition.Table);
        foreach (var mode in options.Swarm ? new[] { CheckMode.Sim, CheckMode.Swarm } : [CheckMode.Sim])
            foreach (var nodes in options.Nodes)
            {
                var summary = mode == CheckMode.Sim
                    ? SimRunner.Run(definition, new SimOptions { Nodes = nodes }, options.FirstSeed, options.Seeds, keepFailures: 1)
                    : Simulation.Swarm.Run(definition, nodes, options.FirstSeed, options.Seeds, keepFailures: 1);
                if (summary.Violations > 0) return (mode, nodes, summary);
            }
        return null;
    }
}

/// <summary>A spec broke an invariant it claims: the message says which, in which seeded run, and how to replay it.</summary>
public sealed class SpecViolationException : Exception
{
    // The steps are for reading in a test log; the whole run is one replay away.
    private const int ShownSteps = 40;

    internal SpecViolationException(ElectorDefinition definition, CheckMode mode, int nodes, SimSummary summary)
        : base(Describe(definition, mode, nodes, summary))
    {
        var failure = summary.Failures[0];
        Spec = definition.Name;
        Invariant = failure.Violation!.Invariant;
        Mode = mode;
        Nodes = nodes;
        Seed = failure.Seed;
    }

    /// <summary>The spec's name.</summary>
    public string Spec { get; }

    /// <summary>The invariant broken first (lowest seed).</summary>
    public string Invariant { get; }

    /// <summary>The run mode: <see cref="CheckMode.Sim"/> or <see cref="CheckMode.Swarm"/>.</summary>
    public CheckMode Mode { get; }

    /// <summary>The cluster size of the failing run.</summary>
    public int Nodes { get; }

    /// <summary>The lowest failing seed.</summary>
    public long Seed { get; }

    private static string Describe(ElectorDefinition definition, CheckMode mode, int nodes, SimSummary summary)
    {
        var failure = summary.Failures[0];
        var counterexample = failure.Counterexample!;
        var seeds = summary.FailingSeeds.Select(f => f.Seed.ToString(CultureInfo.InvariantCulture)).ToList();
        var lines = new List<string>
        {
            $"spec '{definition.Name}' ({definition.Table.File}, {definition.Table.Elector}) breaks {counterexample.Violation}",
            string.Create(CultureInfo.InvariantCulture,
                $"  {mode.Spelling()} n={nodes} seed {failure.Seed}; {summary.Violations} of {summary.Seeds} seeds failed ({string.Join(", ", seeds.Take(10))}{(seeds.Count > 10 ? ", …" : "")})"),
            string.Create(CultureInfo.InvariantCulture,
                $"  replay: kevyspec check {ProjectArgument(definition)}--spec {definition.Name} --mode {mode.Spelling()} --nodes {nodes} --first-seed {failure.Seed} --seeds 1"),
            "  steps:",
        };
        var steps = StepNarrator.Describe(counterexample, ShownSteps);
        lines.AddRange(steps.Select(s => "    " + s));
        return string.Join(Environment.NewLine, lines);
    }

    // The package's own electors need no project; a consumer's are found by building the project that compiles them.
    private static string ProjectArgument(ElectorDefinition definition)
    {
        var assembly = definition.Create.Method.Module.Assembly;
        return assembly == typeof(Elector).Assembly ? "" : $"--project <the project of {assembly.GetName().Name}> ";
    }
}
