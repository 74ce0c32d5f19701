using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Thresholds;

namespace KevySpec.Load.Reports;

/// <summary>A finished run with its metrics, threshold verdicts and charts: what every report renders.</summary>
/// <param name="Run">The run.</param>
/// <param name="Writes">When writes could be taken: per failover, and the unwritable stretches.</param>
/// <param name="Metrics">Every metric, in catalog order.</param>
/// <param name="Outcomes">Every threshold's verdict, in command-line order.</param>
/// <param name="Charts">The rendered charts.</param>
public sealed record ReportModel(RunResult Run, WriteAvailability Writes, IReadOnlyList<MetricValue> Metrics, IReadOnlyList<ThresholdOutcome> Outcomes, IReadOnlyList<ChartImage> Charts)
{
    /// <summary>True when every threshold passed.</summary>
    public bool Passed => Outcomes.All(o => o.Passed);

    /// <summary>The thresholds that failed.</summary>
    public IEnumerable<ThresholdOutcome> Failed => Outcomes.Where(o => !o.Passed);

    /// <summary>Builds the model: computes the metrics, evaluates the thresholds and (unless <paramref name="charts"/> is false) renders the charts.</summary>
    public static ReportModel Build(RunResult run, bool charts = true)
    {
        var writes = WriteAvailability.Of(run);
        var metrics = RunMetrics.Compute(run, writes);
        var outcomes = run.Settings.Thresholds.Select(t => t.Evaluate(RunMetrics.ValueOf(metrics, t.Metric.Name))).ToArray();
        return new ReportModel(run, writes, metrics, outcomes, charts ? Reports.Charts.Render(run, writes) : []);
    }

    /// <summary>The value of one metric.</summary>
    public MetricValue this[string name] => Metrics.First(m => m.Metric.Name == name);
}
