namespace KevySpec.Checking;

/// <summary>How far an exhaustive check has got (reported about once a second).</summary>
/// <param name="Explored">Transitions taken so far (states generated, repeats included).</param>
/// <param name="Distinct">Distinct states found so far.</param>
/// <param name="Depth">The depth being explored.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="Violations">Invariants found broken so far.</param>
public readonly record struct CheckProgress(long Explored, long Distinct, int Depth, TimeSpan Elapsed, int Violations)
{
    /// <summary>Transitions per second so far.</summary>
    public double StatesPerSecond => Elapsed > TimeSpan.Zero ? Explored / Elapsed.TotalSeconds : 0;
}

/// <summary>Why an exhaustive check stopped.</summary>
public enum CheckStop
{
    /// <summary>No new state within the depth bound: every reachable state was explored.</summary>
    Exhausted,

    /// <summary>The depth bound was reached with states left to explore.</summary>
    DepthBound,

    /// <summary>The distinct-state limit was reached.</summary>
    StateLimit,

    /// <summary>Every checked invariant has a counterexample: nothing more to learn.</summary>
    AllViolated,

    /// <summary>The check was cancelled.</summary>
    Cancelled,
}

/// <summary>The outcome of an exhaustive check.</summary>
/// <param name="Explored">Transitions taken (states generated, repeats included).</param>
/// <param name="Distinct">Distinct states reached (initial states included).</param>
/// <param name="DepthReached">The deepest level fully explored.</param>
/// <param name="Stop">Why the search stopped.</param>
/// <param name="Elapsed">Wall time of the search (counterexample replay excluded).</param>
/// <param name="Counterexamples">The shortest counterexample of each broken invariant, shortest first.</param>
/// <param name="Unchecked">Invariants of the spec this run did not check (liveness, when <see cref="CheckOptions.LivenessDepth"/> is 0).</param>
public sealed record ExhaustiveResult(long Explored, long Distinct, int DepthReached, CheckStop Stop, TimeSpan Elapsed,
    IReadOnlyList<Counterexample> Counterexamples, IReadOnlyList<string> Unchecked)
{
    /// <summary>Transitions per second.</summary>
    public double StatesPerSecond => Elapsed > TimeSpan.Zero ? Explored / Elapsed.TotalSeconds : 0;

    /// <summary>The threads that expanded the levels.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>What the search's data took.</summary>
    public MemoryUse Memory { get; init; } = new(0, 0, 0, 0);

    /// <summary>
    /// The expected number of fingerprint collisions among the distinct states, n²/2⁶⁵ (n distinct;
    /// each pair of states shares a 64-bit fingerprint with odds 2⁻⁶⁴): also a bound on the chance
    /// that some state was wrongly taken for one already seen, and so not explored.
    /// </summary>
    public double CollisionOdds => (double)Distinct * Distinct / Math.Pow(2, 65);

    /// <summary>Bytes of the visited set per distinct state.</summary>
    public double BytesPerState => Distinct > 0 ? (double)Memory.Visited / Distinct : 0;
}

/// <summary>The memory an exhaustive search used.</summary>
/// <param name="Visited">Bytes of the visited set (64-bit fingerprints in open-addressing tables).</param>
/// <param name="Frontier">The most bytes the packed levels took at once (the level expanded and the next one).</param>
/// <param name="Paths">Bytes of the per-level keys that lead back to each state's parent (8 per state of every level but the last).</param>
/// <param name="PeakWorkingSet">The process's peak working set, everything included (the runtime, interned parts, other work in the process).</param>
public sealed record MemoryUse(long Visited, long Frontier, long Paths, long PeakWorkingSet);
