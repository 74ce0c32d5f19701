using HdrHistogram;

namespace KevySpec.Load.Metrics;

/// <summary>
/// A latency distribution on HdrHistogram, recorded in microseconds with three significant
/// digits (0.1 % error), up to one hour. Thread-safe: transport callbacks record from many threads.
/// </summary>
public sealed class LatencyHistogram
{
    private static readonly long Highest = (long)TimeSpan.FromHours(1).TotalMicroseconds;
    private readonly LongHistogram _histogram = new(1, Highest, 3);
    private readonly List<TimeSpan> _samples = [];
    private readonly Lock _gate = new();

    /// <summary>Samples recorded.</summary>
    public long Count { get { lock (_gate) return _histogram.TotalCount; } }

    /// <summary>Records one latency. Negative values are recorded as zero (they cannot happen for a latency measured forward in time).</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Clamp((long)Math.Round(latency.TotalMicroseconds), 1, Highest);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
            _samples.Add(latency);
        }
    }

    /// <summary>Every sample in recording order (the charts bin them).</summary>
    public IReadOnlyList<TimeSpan> Samples { get { lock (_gate) return [.. _samples]; } }

    /// <summary>The value at <paramref name="percentile"/> (0–100; 100 is the maximum), or null when empty.</summary>
    public TimeSpan? At(double percentile)
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0) return null;
            var micros = percentile >= 100 ? _histogram.GetMaxValue() : _histogram.GetValueAtPercentile(percentile);
            return TimeSpan.FromMicroseconds(micros);
        }
    }

    /// <summary>The mean, or null when empty.</summary>
    public TimeSpan? Mean()
    {
        lock (_gate)
            return _histogram.TotalCount == 0 ? null : TimeSpan.FromMicroseconds(_histogram.GetMean());
    }
}
