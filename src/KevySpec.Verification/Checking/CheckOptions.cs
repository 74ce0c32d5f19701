namespace KevySpec.Checking;

/// <summary>
/// The bounds of an exhaustive check: cluster size, search depth, the abstract time steps and the
/// fault budget. Every bound is an under-approximation of the real system (documented in
/// <c>docs/checking.md</c>); within them every interleaving is explored.
/// </summary>
public sealed record CheckOptions
{
    /// <summary>
    /// The timings of the checked cluster: small whole seconds whose ratios keep the protocol's
    /// order (hb &lt; election timeout &lt; down_after), so a few time steps cross every threshold.
    /// </summary>
    public static ElectConfig SmallConfig { get; } = new()
    {
        HbInterval = TimeSpan.FromSeconds(1),
        DownAfter = TimeSpan.FromSeconds(3),
        ElectionTimeout = TimeSpan.FromSeconds(2),
        ElectionBackoff = TimeSpan.FromSeconds(1),
        ElectionBackoffJitter = TimeSpan.FromSeconds(1),
    };

    /// <summary>Cluster size, 1 to 4. Default 3.</summary>
    public int Nodes { get; init; } = 3;

    /// <summary>Longest path explored, in transitions. Default 10.</summary>
    public int MaxDepth { get; init; } = 10;

    /// <summary>The timings. Default <see cref="SmallConfig"/>.</summary>
    public ElectConfig Config { get; init; } = SmallConfig;

    /// <summary>Every elector's fixed backoff jitter (clamped to the configured maximum). Default zero.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The amounts by which time may pass between steps; null for the default: the distinct values
    /// of hb_interval, election_timeout, down_after and backoff + jitter.
    /// </summary>
    public IReadOnlyList<TimeSpan>? Advances { get; init; }

    /// <summary>
    /// Distinct heartbeats, and distinct election messages (OFFER, ACCEPT, ANNOUNCE), in flight per
    /// directed link; a send beyond it is lost. Default 2.
    /// </summary>
    public int LinkCapacity { get; init; } = 2;

    /// <summary>Process crashes allowed on a path (each may be followed by a restart). Default 1.</summary>
    public int MaxCrashes { get; init; } = 1;

    /// <summary>Highest replication offset; offsets move up one at a time from 0. Default 1.</summary>
    public ulong MaxOffset { get; init; } = 1;

    /// <summary>Whether a message in flight may be lost. Default true.</summary>
    public bool Loss { get; init; } = true;

    /// <summary>Whether a message may be delivered and stay in flight (so it arrives again). Default true.</summary>
    public bool Duplication { get; init; } = true;

    /// <summary>The roles a crashed node may restart in. Default Replica only (see docs/checking.md on restarting as primary).</summary>
    public IReadOnlyList<Role> RestartRoles { get; init; } = [Role.Replica];

    /// <summary>Start with the first node as the operator's bootstrap primary (the others replicas). Default true.</summary>
    public bool BootstrapStart { get; init; } = true;

    /// <summary>Start with every node a replica and no primary (cold start). Default true.</summary>
    public bool ColdStart { get; init; } = true;

    /// <summary>
    /// Stop after this many distinct states (a memory guard: the fingerprints of 750 million states
    /// take 8 GiB). Default 750 million.
    /// </summary>
    public long MaxStates { get; init; } = 750_000_000;

    /// <summary>
    /// The quiet continuation (liveness) is run from every explored state this many moves deep or
    /// less; 0 turns it off. Default: every explored state.
    /// </summary>
    public int LivenessDepth { get; init; } = int.MaxValue;

    /// <summary>Threads expanding each level; 0 (the default) for one per processor. The results do not depend on it.</summary>
    public int Workers { get; init; }

    /// <summary>The threads in use: <see cref="Workers"/>, or the processor count when it is 0.</summary>
    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>The member ids: <c>a</c>, <c>b</c>, <c>c</c>, <c>d</c> (byte-wise ordered, so the tie-break prefers earlier ones).</summary>
    public IReadOnlyList<string> Members => [.. "abcd".Take(Nodes).Select(c => c.ToString())];

    /// <summary>The time steps in use: <see cref="Advances"/> or the default derived from <see cref="Config"/>.</summary>
    public IReadOnlyList<TimeSpan> EffectiveAdvances =>
        Advances ?? [.. new[] { Config.HbInterval, Config.ElectionTimeout, Config.DownAfter, Config.ElectionBackoff + ClampedJitter }.Distinct().Order()];

    /// <summary>The jitter the electors actually use.</summary>
    public TimeSpan ClampedJitter => Jitter < Config.ElectionBackoffJitter ? Jitter : Config.ElectionBackoffJitter;

    /// <summary>Null when the options are usable, else what is wrong with them.</summary>
    public string? Problem()
    {
        if (Nodes is < 1 or > 4) return $"nodes must be 1 to 4 for an exhaustive check (got {Nodes})";
        if (MaxDepth < 1) return $"depth must be at least 1 (got {MaxDepth})";
        if (LinkCapacity < 1) return $"link capacity must be at least 1 (got {LinkCapacity})";
        if (MaxCrashes < 0) return $"max crashes must not be negative (got {MaxCrashes})";
        if (!BootstrapStart && !ColdStart) return "at least one start (bootstrap or cold) is needed";
        if (LivenessDepth < 0) return $"liveness depth must not be negative (got {LivenessDepth})";
        if (Workers is < 0 or > 256) return $"workers must be 0 (one per processor) to 256 (got {Workers})";
        if (MaxStates < 1) return $"max states must be at least 1 (got {MaxStates})";
        foreach (var advance in EffectiveAdvances)
            if (advance <= TimeSpan.Zero) return $"time steps must be positive (got {advance})";
        try { Config.Validate(); }
        catch (ArgumentException e) { return e.Message; }
        return null;
    }
}
