using KevySpec.Load.Runner;

namespace KevySpec.Load.Metrics;

/// <summary>Computes every metric of <see cref="MetricCatalog"/> from a finished run.</summary>
public static class RunMetrics
{
    /// <summary>Every metric of <paramref name="run"/>, whose write availability is <paramref name="writes"/>, in catalog order.</summary>
    public static IReadOnlyList<MetricValue> Compute(RunResult run, WriteAvailability writes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writes);
        var writable = writes.Writable();
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var downAfter = run.Settings.Config.DownAfter.TotalMilliseconds;

        foreach (var (suffix, percentile) in MetricCatalog.Percentiles)
        {
            var failover = Ms(run.Failover.At(percentile));
            values[$"failover.{suffix}"] = failover;
            values[$"overhead.{suffix}"] = failover - downAfter;
            values[$"detection.{suffix}"] = Ms(run.Detection.At(percentile));
            values[$"writable.{suffix}"] = Ms(writable.At(percentile));
        }
        values["writable.mean"] = Ms(writable.Mean());
        values["writable.count"] = writable.Count;
        values["unwritable.total"] = writes.UnwritableTotal.TotalMilliseconds;
        values["unwritable.max"] = writes.UnwritableMax.TotalMilliseconds;
        values["failover.mean"] = Ms(run.Failover.Mean());
        values["overhead.mean"] = Ms(run.Failover.Mean()) - downAfter;
        values["detection.mean"] = Ms(run.Detection.Mean());
        values["failover.count"] = run.Failover.Count;
        values["overhead.count"] = run.Failover.Count;
        values["detection.count"] = run.Detection.Count;
        values["failover.timeouts"] = run.Events.Count(e => e.TouchesPrimary && e.Failover is null);

        values["events"] = run.Events.Count;
        values["events.skipped"] = run.Skipped;
        values["events.not_rejoined"] = run.Events.Count(e => e.Outcome == EventOutcome.NotRejoined);
        var measured = run.Elections.Where(e => !e.Startup).ToArray();
        values["elections"] = measured.Length;
        values["elections.startup"] = run.Elections.Count(e => e.Startup);
        var failoverEvents = run.Events.Count(e => e.TouchesPrimary);
        values["elections.per_event"] = failoverEvents == 0 ? null : (double)run.Events.Where(e => e.TouchesPrimary).Sum(e => e.Elections) / failoverEvents;
        values["elections.spurious"] = measured.Count(e => e.Spurious);
        values["violations"] = run.Violations.Count;

        var seconds = Math.Max(run.Measured.TotalSeconds, 1e-9);
        values["frames.in_per_sec"] = run.Counters.FramesIn / seconds;
        values["frames.out_per_sec"] = run.Counters.FramesOut / seconds;
        values["frames.dropped"] = run.Counters.FramesDropped;
        values["decode_errors"] = run.Counters.DecodeErrors;
        values["reconnects"] = run.Counters.Reconnects;
        values["cpu.seconds"] = run.CpuTime.TotalSeconds;
        values["cpu.percent"] = run.CpuTime.TotalSeconds / seconds * 100;
        values["memory.peak_mb"] = run.PeakWorkingSet / (1024.0 * 1024.0);
        values["duration"] = run.Measured.TotalMilliseconds;

        return [.. MetricCatalog.All.Select(m => new MetricValue(m, values.TryGetValue(m.Name, out var v) ? v : null))];
    }

    /// <summary>The value of <paramref name="name"/> among <paramref name="values"/>.</summary>
    public static double? ValueOf(IReadOnlyList<MetricValue> values, string name) =>
        values.First(v => v.Metric.Name == name).Value;

    private static double? Ms(TimeSpan? value) => value?.TotalMilliseconds;
}
