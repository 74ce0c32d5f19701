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

    /// <summary>
    /// The write lease: a primary whose spec fences writes with <c>lease-quorum</c> answers
    /// <c>has_quorum</c> true only while a majority, itself included, was heard at its own epoch
    /// less than this ago. Default <c>down_after / 4</c> (1.25 s for the protocol's timings).
    /// </summary>
    public TimeSpan WriteLease { get => _writeLease ?? DownAfter / 4; init => _writeLease = value; }

    /// <summary>
    /// A replica of such a spec stops heartbeating once its primary has not claimed primary to it
    /// for this long, so that the leases its heartbeats fed can lapse before it votes or stands.
    /// Default <c>down_after / 4</c>.
    /// </summary>
    public TimeSpan QuietAfter { get => _quietAfter ?? DownAfter / 4; init => _quietAfter = value; }

    /// <summary>
    /// The bound on a delivered message's one-way delay that the write fence assumes (and that the
    /// checkers' write-safety judgement assumes with it). Default <c>down_after / 10</c>.
    /// </summary>
    public TimeSpan DelayBound { get => _delayBound ?? DownAfter / 10; init => _delayBound = value; }

    /// <summary>
    /// The bound on how far two hosts' clock rates may differ, as a fraction (0.01: one clock runs
    /// at most 1 % faster than another). The write fence stretches every wait by it. Default 0.01.
    /// </summary>
    public double ClockRateBound { get; init; } = 0.01;

    /// <summary>
    /// How long a node of a <c>lease-quorum</c> spec stays silent (no heartbeat, no ACCEPT) before
    /// it votes or stands: <c>(delay_bound + write_lease · (1 + ρ)) · (1 + ρ)</c> with ρ the
    /// <see cref="ClockRateBound"/>. By then every lease its heartbeats and votes fed has lapsed,
    /// measured on any other host's clock.
    /// </summary>
    public TimeSpan LeaseLapse => (DelayBound + WriteLease * (1 + ClockRateBound)) * (1 + ClockRateBound);

    private readonly TimeSpan? _writeLease;
    private readonly TimeSpan? _quietAfter;
    private readonly TimeSpan? _delayBound;

    /// <summary>Equal when every timing is: a fence timing given explicitly equals the same one derived from down_after.</summary>
    public bool Equals(ElectConfig? other) =>
        other is not null && HbInterval == other.HbInterval && DownAfter == other.DownAfter && ElectionTimeout == other.ElectionTimeout
        && ElectionBackoff == other.ElectionBackoff && ElectionBackoffJitter == other.ElectionBackoffJitter && WriteLease == other.WriteLease
        && QuietAfter == other.QuietAfter && DelayBound == other.DelayBound && ClockRateBound.Equals(other.ClockRateBound);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(HbInterval, DownAfter, ElectionTimeout, ElectionBackoff, ElectionBackoffJitter), WriteLease, QuietAfter, DelayBound, ClockRateBound);

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
        Positive(WriteLease, nameof(WriteLease));
        Positive(QuietAfter, nameof(QuietAfter));
        Positive(DelayBound, nameof(DelayBound));
        if (!(ClockRateBound >= 0 && ClockRateBound < 0.5))
            throw new ArgumentException($"{nameof(ClockRateBound)} must be at least 0 and below 0.5 (got {ClockRateBound}).", nameof(ClockRateBound));
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the write fence's timings leave no time to vote: a
    /// replica must be silent for <see cref="QuietAfter"/> plus <see cref="LeaseLapse"/> after it last
    /// heard its primary, and a candidate stands <see cref="DownAfter"/> after it did. Electors whose
    /// spec fences writes with <c>lease-quorum</c> call it.
    /// </summary>
    public void ValidateWriteFence()
    {
        Validate();
        if (QuietAfter + LeaseLapse >= DownAfter)
            throw new ArgumentException(
                $"{nameof(QuietAfter)} + {nameof(LeaseLapse)} ({QuietAfter} + {LeaseLapse}) must be below {nameof(DownAfter)} ({DownAfter}): " +
                "voters would still be vouching for the old primary when a candidate stands.", nameof(QuietAfter));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            throw new ArgumentException($"{name} must be positive (got {value}).", name);
    }
}
