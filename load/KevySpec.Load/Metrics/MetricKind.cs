namespace KevySpec.Load.Metrics;

/// <summary>What a metric's number means, which decides the units a threshold may use.</summary>
public enum MetricKind
{
    /// <summary>A duration, stored in milliseconds; thresholds may say <c>us</c>, <c>ms</c> or <c>s</c> (plain numbers are ms).</summary>
    Duration,

    /// <summary>A count of things; thresholds use plain numbers.</summary>
    Count,

    /// <summary>A plain ratio or rate (per event, per second, percent of one core, megabytes); thresholds use plain numbers.</summary>
    Number,
}
