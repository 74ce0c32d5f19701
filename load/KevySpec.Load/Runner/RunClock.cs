namespace KevySpec.Load.Runner;

/// <summary>
/// The run's clock: time since the run started, on the same <see cref="TimeProvider"/> the
/// nodes' electors read, so fault instants and the nodes' reports share one time line.
/// </summary>
public sealed class RunClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();

    /// <summary>The provider the nodes are given.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Time since the run started.</summary>
    public TimeSpan Now => Time.GetElapsedTime(_start);

    /// <summary>The run time of a <see cref="TimeProvider.GetTimestamp"/> value.</summary>
    public TimeSpan At(long timestamp) => Time.GetElapsedTime(_start, timestamp);
}
