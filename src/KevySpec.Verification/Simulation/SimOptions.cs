namespace KevySpec.Simulation;

/// <summary>
/// One simulated run: cluster size, timings, how long faults go on, and the network's behaviour.
/// Each directed link's delay range and its loss, duplication and late-delivery rates are drawn
/// from the seed within the limits given here.
/// </summary>
public sealed record SimOptions
{
    /// <summary>Cluster size, 1 to 7. Default 3.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>The electors' timings. Default: the protocol's.</summary>
    public ElectConfig Config { get; init; } = ElectConfig.Default;

    /// <summary>Faults (partitions, kills, restarts, pauses, loss, duplication, late messages, offset moves) happen before this instant. Default 40 s.</summary>
    public TimeSpan FaultPhase { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Mean time between two fault events during the fault phase. Default 1.5 s.</summary>
    public TimeSpan MeanFaultGap { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Largest normal one-way delay of a link. Default 20 ms.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Largest extra delay of a late (reordered) message during the fault phase. Default 1 s.</summary>
    public TimeSpan MaxLateDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Highest per-link message loss rate during the fault phase. Default 0.1.</summary>
    public double MaxDropRate { get; init; } = 0.1;

    /// <summary>Highest per-link duplication rate during the fault phase. Default 0.05.</summary>
    public double MaxDuplicateRate { get; init; } = 0.05;

    /// <summary>Highest per-link rate of late (reordered) messages during the fault phase. Default 0.05.</summary>
    public double MaxLateRate { get; init; } = 0.05;

    /// <summary>The roles a revived node restarts in, drawn uniformly. Default Replica only (see docs/checking.md).</summary>
    public IReadOnlyList<Role> RestartRoles { get; init; } = [Role.Replica];

    /// <summary>
    /// Relative weights of the fault kinds, in this order: offset move, one-way cut, symmetric cut,
    /// isolation, heal, kill, revival, pause, quick restart. Default 25, 15, 8, 5, 15, 10, 10, 6, 6.
    /// </summary>
    public IReadOnlyList<int> FaultWeights { get; init; } = [25, 15, 8, 5, 15, 10, 10, 6, 6];

    /// <summary>
    /// True (default) to go on once faults stop: a restart-only phase, then liveness, no-disruption
    /// and convergence. False ends the run when faults stop and late messages have landed (a short
    /// swarm walk, safety only).
    /// </summary>
    public bool QuietChecks { get; init; } = true;

    /// <summary>
    /// How long, once faults stop (and late messages have landed), nodes still restart, rejoin, or
    /// the primary is killed and brought back; no-disruption is checked throughout. Default 20 s.
    /// </summary>
    public TimeSpan PostFaultPhase { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Mean time between two events of the post-fault phase. Default 5 s.</summary>
    public TimeSpan MeanRestartGap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The delay bound write-safety assumes: the config's <see cref="ElectConfig.DelayBound"/>, the
    /// same bound the write fence's guards assume. After a message took longer (a late message beyond
    /// it, or one held for a paused node), write-safety is not judged for <c>down_after</c> plus the bound.
    /// </summary>
    public TimeSpan DelayBound => Config.DelayBound;

    /// <summary>How long the run goes on after the liveness deadline, checking that the primary stays. Default 10 s.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after faults stop a primary known to a majority must exist (the liveness bound):
    /// see <see cref="LivenessBound.For"/>. Null for that derived bound.
    /// </summary>
    public TimeSpan? LivenessBoundOverride { get; init; }

    /// <summary>Put before the size in counterexample names (<c>SPEC-INVARIANT-LABELnN-seedS</c>), e.g. <c>swarm-</c>. Default none.</summary>
    public string Label { get; init; } = "";

    /// <summary>The member ids: <c>a</c> … <c>g</c>.</summary>
    public IReadOnlyList<string> Members => [.. "abcdefg".Take(Nodes).Select(c => c.ToString())];

    /// <summary>The liveness bound in use.</summary>
    public TimeSpan LivenessDeadline => LivenessBoundOverride ?? LivenessBound.For(Config, Nodes, MaxDelay);

    /// <summary>Null when the options are usable, else what is wrong with them.</summary>
    public string? Problem()
    {
        if (Nodes is < 1 or > 7) return $"nodes must be 1 to 7 for a simulation (got {Nodes})";
        if (FaultPhase < TimeSpan.Zero) return "the fault phase must not be negative";
        if (MeanFaultGap <= TimeSpan.Zero) return "the mean fault gap must be positive";
        if (MaxDelay <= TimeSpan.Zero || MaxLateDelay < TimeSpan.Zero) return "delays must be positive";
        if (MaxDropRate is < 0 or > 1 || MaxDuplicateRate is < 0 or > 1 || MaxLateRate is < 0 or > 1) return "rates must be within 0..1";
        if (RestartRoles.Count == 0) return "at least one restart role is needed";
        if (FaultWeights.Count != 9 || FaultWeights.Any(w => w < 0) || FaultWeights.Sum() <= 0) return "fault weights must be 9 non-negative numbers, not all zero";
        if (PostFaultPhase < TimeSpan.Zero || MeanRestartGap <= TimeSpan.Zero) return "the post-fault phase must not be negative and its mean gap must be positive";
        try { Config.Validate(); }
        catch (ArgumentException e) { return e.Message; }
        return null;
    }
}

/// <summary>The liveness bound the simulator checks, derived from the timings (see docs/checking.md).</summary>
public static class LivenessBound
{
    /// <summary>
    /// <c>down_after + hb + 2·d</c> (stale beliefs in a lost primary expire and every live view is
    /// refreshed) <c>+ N·(election_timeout + backoff + max jitter + lease_lapse + hb + 2·d)</c> (at most
    /// one failed candidacy per member; a node of a lease-fenced spec is silent for lease_lapse before
    /// it stands or votes again) <c>+ hb + d</c> (the winner's ANNOUNCE and heartbeats reach the
    /// majority), where d is the largest one-way delay once faults stop.
    /// </summary>
    public static TimeSpan For(ElectConfig config, int nodes, TimeSpan maxDelay)
    {
        ArgumentNullException.ThrowIfNull(config);
        var round = config.ElectionTimeout + config.ElectionBackoff + config.ElectionBackoffJitter + config.LeaseLapse + config.HbInterval + 2 * maxDelay;
        return config.DownAfter + config.HbInterval + 2 * maxDelay + nodes * round + config.HbInterval + maxDelay;
    }
}
