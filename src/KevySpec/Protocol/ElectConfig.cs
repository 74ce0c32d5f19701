namespace KevySpec;

/// <summary>Election timings. The defaults are the protocol's.</summary>
public sealed record ElectConfig
{
    /// <summary>Period between heartbeats to each peer. Default 200 ms.</summary>
    public TimeSpan HbInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A peer with no heartbeat for this long is DOWN. Default 5 s (25 heartbeats: a 1 s blip is no election).</summary>
    public TimeSpan DownAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a candidate waits for a quorum. Default 3 s.</summary>
    public TimeSpan ElectionTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Floor of the wait after a failed candidacy. Default 1 s.</summary>
    public TimeSpan ElectionBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Maximum random extra wait on top of <see cref="ElectionBackoff"/>. Default 4 s; zero means none.</summary>
    public TimeSpan ElectionBackoffJitter { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>The protocol's defaults.</summary>
    public static ElectConfig Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first timing that is not usable.</summary>
    public void Validate()
    {
        Positive(HbInterval, nameof(HbInterval));
        Positive(DownAfter, nameof(DownAfter));
        Positive(ElectionTimeout, nameof(ElectionTimeout));
        Positive(ElectionBackoff, nameof(ElectionBackoff));
        if (ElectionBackoffJitter < TimeSpan.Zero)
            throw new ArgumentException($"{nameof(ElectionBackoffJitter)} must not be negative (got {ElectionBackoffJitter}).", nameof(ElectionBackoffJitter));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{name} must be positive (got {value}).", name);
    }
}
