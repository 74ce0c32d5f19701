using System.Diagnostics;

namespace KevySpec.Simulation;

/// <summary>How far a many-seed simulation has got.</summary>
/// <param name="Done">Seeds finished.</param>
/// <param name="Total">Seeds to run.</param>
/// <param name="Violations">Seeds that broke an invariant so far.</param>
/// <param name="Elapsed">Time since the start.</param>
public readonly record struct SimProgress(int Done, int Total, int Violations, TimeSpan Elapsed);

/// <summary>The outcome of many seeds.</summary>
/// <param name="Seeds">Seeds run.</param>
/// <param name="Steps">Node steps over all runs.</param>
/// <param name="Elections">Elections won over all runs.</param>
/// <param name="ViolationsByInvariant">Failing seeds per broken invariant.</param>
/// <param name="Failures">The failing runs (lowest seeds first, at most the number asked for), with their counterexamples.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="FailingSeeds">Every failing seed with the invariant it broke, lowest seed first (also those beyond <paramref name="Failures"/>).</param>
public sealed record SimSummary(int Seeds, long Steps, long Elections, IReadOnlyDictionary<string, int> ViolationsByInvariant,
    IReadOnlyList<SimResult> Failures, TimeSpan Elapsed, IReadOnlyList<(long Seed, string Invariant)> FailingSeeds)
{
    /// <summary>Seeds that broke an invariant.</summary>
    public int Violations => ViolationsByInvariant.Values.Sum();
}

/// <summary>Runs the simulator over a range of seeds on every core; the outcome does not depend on scheduling.</summary>
public static class SimRunner
{
    /// <summary>Runs seeds <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="seeds"/> − 1.</summary>
    /// <exception cref="ArgumentException">The options are not usable, or <paramref name="seeds"/> is not positive.</exception>
    public static SimSummary Run(ElectorDefinition definition, SimOptions options, long firstSeed, int seeds, int keepFailures = 10,
        Action<SimProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        return Run(definition, _ => options, firstSeed, seeds, keepFailures, progress, cancel);
    }

    /// <summary>
    /// Runs seeds <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="seeds"/> − 1,
    /// each with the options <paramref name="optionsFor"/> gives for it (a swarm: see <see cref="Swarm"/>).
    /// </summary>
    /// <exception cref="ArgumentException">Some seed's options are not usable, or <paramref name="seeds"/> is not positive.</exception>
    public static SimSummary Run(ElectorDefinition definition, Func<long, SimOptions> optionsFor, long firstSeed, int seeds, int keepFailures = 10,
        Action<SimProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(optionsFor);
        if (seeds < 1) throw new ArgumentException($"seeds must be at least 1 (got {seeds})", nameof(seeds));

        var clock = Stopwatch.StartNew();
        var gate = new object();
        var failures = new List<SimResult>();
        var failingSeeds = new List<(long, string)>();
        var byInvariant = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long steps = 0, elections = 0;
        var done = 0;
        var lastReport = TimeSpan.Zero;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel };
        Parallel.For(0, seeds, parallel, offset =>
        {
            var result = Simulator.Run(definition, optionsFor(firstSeed + offset), firstSeed + offset);
            lock (gate)
            {
                done++;
                steps += result.Steps;
                elections += result.Elections;
                if (result.Violation is { } violation)
                {
                    byInvariant[violation.Invariant] = byInvariant.GetValueOrDefault(violation.Invariant) + 1;
                    failingSeeds.Add((result.Seed, violation.Invariant));
                    failures.Add(result);
                    // Keep the lowest seeds only, whatever order the cores finish in.
                    if (failures.Count > keepFailures)
                    {
                        failures.Sort((x, y) => x.Seed.CompareTo(y.Seed));
                        failures.RemoveAt(failures.Count - 1);
                    }
                }
                if (progress is not null && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(1))
                {
                    lastReport = clock.Elapsed;
                    progress(new SimProgress(done, seeds, byInvariant.Values.Sum(), clock.Elapsed));
                }
            }
        });
        failures.Sort((x, y) => x.Seed.CompareTo(y.Seed));
        failingSeeds.Sort();
        clock.Stop();
        return new SimSummary(seeds, steps, elections, byInvariant, failures, clock.Elapsed, failingSeeds);
    }
}
