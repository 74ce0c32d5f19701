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

    /// <summary>How long the run goes on after the liveness deadline, checking that the primary stays. Default 10 s.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after faults stop a primary known to a majority must exist (the liveness bound):
    /// see <see cref="LivenessBound.For"/>. Null for that derived bound.
    /// </summary>
    public TimeSpan? LivenessBoundOverride { get; init; }

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
    /// refreshed) <c>+ N·(election_timeout + backoff + max jitter + hb + 2·d)</c> (at most one failed
    /// candidacy per member) <c>+ hb + d</c> (the winner's ANNOUNCE and heartbeats reach the majority),
    /// where d is the largest one-way delay once faults stop.
    /// </summary>
    public static TimeSpan For(ElectConfig config, int nodes, TimeSpan maxDelay)
    {
        ArgumentNullException.ThrowIfNull(config);
        var round = config.ElectionTimeout + config.ElectionBackoff + config.ElectionBackoffJitter + config.HbInterval + 2 * maxDelay;
        return config.DownAfter + config.HbInterval + 2 * maxDelay + nodes * round + config.HbInterval + maxDelay;
    }
}
