using System.Globalization;

namespace KevySpec.Load.Metrics;

/// <summary>A metric's value in a run (null: no sample, e.g. no failover happened).</summary>
/// <param name="Metric">Which metric.</param>
/// <param name="Value">Its value in the metric's unit, or null.</param>
public sealed record MetricValue(MetricDefinition Metric, double? Value)
{
    /// <summary>The value for tables: durations with three decimals, counts whole, <c>n/a</c> when absent.</summary>
    public string Text => Value is not { } v
        ? "n/a"
        : Metric.Kind switch
        {
            MetricKind.Count => v.ToString("0", CultureInfo.InvariantCulture),
            MetricKind.Duration => v.ToString("0.000", CultureInfo.InvariantCulture),
            _ => v.ToString("0.###", CultureInfo.InvariantCulture),
        };

    /// <summary>The value for CSV: invariant culture, empty when absent.</summary>
    public string CsvText => Value is { } v ? v.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
