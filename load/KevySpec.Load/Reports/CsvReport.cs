using System.Globalization;
using System.Text;
using KevySpec.Load.Runner;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Reports;

/// <summary>
/// <c>metrics.csv</c> (<c>metric,value,unit,description</c>, one row per metric, empty value when
/// the run had no sample) and <c>events.csv</c> (one row per churn event).
/// </summary>
public static class CsvReport
{
    /// <summary>The metrics as CSV text.</summary>
    public static string Metrics(ReportModel model)
    {
        var text = new StringBuilder("metric,value,unit,description\n");
        foreach (var metric in model.Metrics)
            text.Append(metric.Metric.Name).Append(',').Append(metric.CsvText).Append(',')
                .Append(Quote(metric.Metric.Unit)).Append(',').Append(Quote(metric.Metric.Description)).Append('\n');
        return text.ToString();
    }

    /// <summary>The events as CSV text; times in milliseconds of run time.</summary>
    public static string Events(ReportModel model)
    {
        var text = new StringBuilder("id,kind,targets,start_ms,repaired_ms,end_ms,old_primary,old_epoch,new_primary,new_epoch,detection_ms,failover_ms,writable_ms,elections,outcome\n");
        var writable = model.Writes.Failovers.ToDictionary(f => f.Event.Id, f => f.Writable);
        foreach (var e in model.Run.Events.OrderBy(e => e.Id))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{e.Id},{e.Kind.ToName()},{string.Join(' ', e.Targets)},{Ms(e.Start)},{Ms(e.Repaired)},{Ms(e.End)},{e.OldPrimary},{e.OldEpoch},{e.NewPrimary},{(e.NewEpoch == 0 ? "" : e.NewEpoch.ToString(CultureInfo.InvariantCulture))},{Ms(e.Detection)},{Ms(e.Failover)},{Ms(writable.GetValueOrDefault(e.Id))},{e.Elections},{Outcome(e.Outcome)}\n");
        }
        return text.ToString();
    }

    /// <summary>Every report, kill and restart in time order; times in milliseconds of run time.</summary>
    public static string Timeline(ReportModel model)
    {
        var text = new StringBuilder("at_ms,node,what,role,epoch,follows,has_quorum\n");
        foreach (var e in model.Run.Timeline.OrderBy(e => e.At))
        {
            var report = e.Kind == TimelineKind.Report;
            text.Append(CultureInfo.InvariantCulture,
                $"{Ms(e.At)},{e.NodeId},{e.Kind.ToString().ToLowerInvariant()},{(report ? e.Role.ToWire() : "")},{(report ? e.Epoch.ToString(CultureInfo.InvariantCulture) : "")},{(report ? e.Leader : "")},{(report ? (e.HasQuorum ? "yes" : "no") : "")}\n");
        }
        return text.ToString();
    }

    private static string Outcome(EventOutcome outcome) => outcome switch
    {
        EventOutcome.FailoverTimedOut => "failover-timed-out",
        EventOutcome.NotRejoined => "not-rejoined",
        _ => "converged",
    };

    private static string Ms(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
