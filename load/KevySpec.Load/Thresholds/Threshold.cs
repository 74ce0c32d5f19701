using System.Globalization;
using KevySpec.Load.Metrics;

namespace KevySpec.Load.Thresholds;

/// <summary>A pass/fail bound on one metric, e.g. <c>failover.p99&lt;=700ms</c>.</summary>
/// <param name="Text">The threshold as the user wrote it.</param>
/// <param name="Metric">The metric it bounds.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Bound">The bound, in the metric's stored unit (milliseconds for durations).</param>
public sealed record Threshold(string Text, MetricDefinition Metric, ThresholdOperator Operator, double Bound)
{
    /// <summary>The canonical form, in the metric's unit: <c>failover.p99 &lt;= 700 ms</c>.</summary>
    public string Canonical =>
        $"{Metric.Name} {Operator.ToText()} {Bound.ToString("0.###", CultureInfo.InvariantCulture)}{(Metric.Kind == MetricKind.Duration ? " ms" : "")}";

    /// <summary>Checks the bound against <paramref name="actual"/> (null: the run measured no such value, which fails).</summary>
    public ThresholdOutcome Evaluate(double? actual) =>
        new(this, actual, actual is { } value && Operator.Holds(value, Bound));
}

/// <summary>The verdict of one threshold.</summary>
/// <param name="Threshold">The threshold.</param>
/// <param name="Actual">The measured value in the metric's unit, or null when the run had no sample (e.g. no failover happened).</param>
/// <param name="Passed">True when the value exists and satisfies the bound.</param>
public sealed record ThresholdOutcome(Threshold Threshold, double? Actual, bool Passed)
{
    /// <summary>The measured value as text, or <c>no data</c>.</summary>
    public string ActualText => Actual is { } value
        ? value.ToString("0.###", CultureInfo.InvariantCulture) + (Threshold.Metric.Kind == MetricKind.Duration ? " ms" : "")
        : "no data";
}
