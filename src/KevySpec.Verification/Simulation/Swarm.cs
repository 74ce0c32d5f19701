namespace KevySpec.Simulation;

/// <summary>
/// Swarm testing: many short simulated walks, each with its own mix of faults drawn from its seed
/// (some fault kinds left out altogether, others made frequent), its own network (up to half the
/// messages duplicated or late, late by up to 6 s: votes and offers that arrive after a back-off and a
/// new candidacy), its own timings (heartbeats every 50–300 ms, DOWN after 3–25 of them, elections
/// timing out after 0.3–3 s: many elections per walk) and, in half the walks, no backoff jitter
/// (candidacies back to back, in step).
/// A walk checks the safety invariants and write-safety while its faults go on, and ends when they
/// stop: it is short, so many walks fit where one long run would, and the rare interleavings a
/// uniform mix hides show up in the walks that favour them.
/// </summary>
public static class Swarm
{
    /// <summary>The options of walk <paramref name="seed"/> on <paramref name="nodes"/> nodes (the same seed and size give the same walk).</summary>
    public static SimOptions Options(int nodes, long seed)
    {
        var random = new Random(unchecked((int)(seed * 0x5DEECE66DL) ^ (int)(seed >> 29) ^ 0x5EA5));
        var weights = new int[9];
        while (weights.Sum() == 0)
            for (var i = 0; i < weights.Length; i++) weights[i] = random.Next(3) == 0 ? 0 : 1 + random.Next(10);
        // Timings of their own, mostly much faster than the protocol's: more elections per walk.
        var hb = TimeSpan.FromMilliseconds(50 + random.Next(250));
        var downAfter = hb * (3 + random.Next(23));
        var config = new ElectConfig
        {
            HbInterval = hb,
            DownAfter = downAfter,
            // The write fence's delay bound covers the walk's normal link delays (up to 20 ms), so
            // write-safety is judged outside late deliveries even at the shortest down_after.
            DelayBound = TimeSpan.FromTicks(Math.Max(downAfter.Ticks / 10, TimeSpan.FromMilliseconds(40).Ticks)),
            ElectionTimeout = TimeSpan.FromMilliseconds(300 + random.Next(2_700)),
            ElectionBackoff = TimeSpan.FromMilliseconds(100 + random.Next(900)),
            ElectionBackoffJitter = random.Next(2) == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(random.Next(1_000)),
        };
        return new SimOptions
        {
            Nodes = nodes,
            Config = config,
            FaultWeights = weights,
            FaultPhase = TimeSpan.FromMilliseconds(5_000 + random.Next(25_000)),
            MeanFaultGap = TimeSpan.FromMilliseconds(50 + random.Next(950)),
            MaxDropRate = random.NextDouble() * 0.3,
            MaxDuplicateRate = random.NextDouble() * 0.5,
            MaxLateRate = random.NextDouble() * 0.5,
            MaxLateDelay = TimeSpan.FromMilliseconds(random.Next(6_000)),
            QuietChecks = false,
            Label = "swarm-",
        };
    }

    /// <summary>Runs walks <paramref name="firstSeed"/> … <paramref name="firstSeed"/> + <paramref name="walks"/> − 1 on every core.</summary>
    /// <exception cref="ArgumentException"><paramref name="walks"/> is not positive or <paramref name="nodes"/> is not 1 to 7.</exception>
    public static SimSummary Run(ElectorDefinition definition, int nodes, long firstSeed, int walks, int keepFailures = 10,
        Action<SimProgress>? progress = null, CancellationToken cancel = default)
    {
        if (new SimOptions { Nodes = nodes }.Problem() is { } problem) throw new ArgumentException(problem, nameof(nodes));
        return SimRunner.Run(definition, seed => Options(nodes, seed), firstSeed, walks, keepFailures, progress, cancel);
    }
}
