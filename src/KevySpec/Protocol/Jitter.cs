namespace KevySpec;

/// <summary>
/// Where the elector's backoff jitter comes from. The elector never reads a random source
/// itself: the host hands it one of these.
/// </summary>
public interface IJitterSource
{
    /// <summary>A jitter value in <c>[0, max]</c> (a random source: <c>[0, max)</c>).</summary>
    TimeSpan Next(TimeSpan max);
}

/// <summary>The deterministic jitter <c>Fixed(d)</c>: always <c>min(d, max)</c>.</summary>
public sealed record FixedJitter(TimeSpan Value) : IJitterSource
{
    /// <inheritdoc />
    public TimeSpan Next(TimeSpan max) => Value < max ? Value : max;
}

/// <summary>
/// A production jitter: uniform in <c>[0, max)</c> from its own seeded generator, a new value
/// on every attempt (unlike the reference's per-node constant, so two nodes cannot duel forever).
/// </summary>
public sealed class SeededJitter : IJitterSource
{
    private readonly Random _random;

    /// <summary>A source seeded with <paramref name="seed"/>: the same seed gives the same sequence.</summary>
    public SeededJitter(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed this source was created with.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public TimeSpan Next(TimeSpan max) =>
        max <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks(_random.NextInt64(max.Ticks));
}
