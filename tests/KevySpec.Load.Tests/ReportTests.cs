using System.Globalization;
using KevySpec.Load.Metrics;
using KevySpec.Load.Reports;

namespace KevySpec.Load.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kevyspec-load-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_safety_line_states_the_delay_bound_write_safety_assumed_and_how_often_it_was_exceeded()
    {
        var run = SampleRun.Create([]);
        var never = ReportText.Safety(ReportModel.Build(run with { WriteSafety = new(TimeSpan.FromMilliseconds(50), 0, TimeSpan.Zero) }, charts: false));
        var twice = ReportText.Safety(ReportModel.Build(run with { WriteSafety = new(TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromMilliseconds(1250)) }, charts: false));

        Assert.EndsWith("; write-safety assumes delay_bound 50ms, never exceeded", never, StringComparison.Ordinal);
        Assert.EndsWith("; write-safety assumes delay_bound 50ms, exceeded 2 times (1.25s not judged)", twice, StringComparison.Ordinal);
        Assert.DoesNotContain("delay_bound", ReportText.Safety(ReportModel.Build(run, charts: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_are_computed_from_the_run()
    {
        var model = ReportModel.Build(SampleRun.Create([]), charts: false);

        Assert.InRange(model["failover.p50"].Value!.Value, 507.5 * 0.999, 507.5 * 1.001);
        Assert.InRange(model["failover.max"].Value!.Value, 512 * 0.999, 512 * 1.001);
        Assert.InRange(model["overhead.max"].Value!.Value, 12 - 0.6, 12 + 0.6);
        Assert.InRange(model["detection.p50"].Value!.Value, 495 * 0.999, 495 * 1.001);
        Assert.Equal(3, model["failover.count"].Value);
        Assert.Equal(0, model["failover.timeouts"].Value);
        // Only the first kill's winner (n2, epoch 2) reports has_quorum true: one writable sample, 503 ms.
        Assert.InRange(model["writable.p50"].Value!.Value, 503 * 0.999, 503 * 1.001);
        Assert.Equal(1, model["writable.count"].Value);
        Assert.Equal(503, model["unwritable.total"].Value!.Value, 9);
        Assert.Equal(503, model["unwritable.max"].Value!.Value, 9);
        Assert.Equal(3, model["events"].Value);
        Assert.Equal(2, model["events.skipped"].Value);
        Assert.Equal(4, model["elections"].Value);
        Assert.Equal(1, model["elections.per_event"].Value);
        Assert.Equal(1, model["elections.spurious"].Value);
        Assert.Equal(0, model["violations"].Value);
        Assert.Equal(121, model["frames.out_per_sec"].Value!.Value, 9);
        Assert.Equal(6, model["reconnects"].Value);
        Assert.Equal(5, model["cpu.percent"].Value!.Value, 9);
        Assert.Equal(80, model["memory.peak_mb"].Value!.Value, 9);
        Assert.Equal(10_000, model["duration"].Value!.Value, 9);
        Assert.Equal(MetricCatalog.All.Count, model.Metrics.Count);
    }

    [Fact]
    public void Thresholds_are_judged_on_the_metrics()
    {
        var model = ReportModel.Build(SampleRun.Create(["failover.p99<=700ms", "elections.spurious==0", "detection.count>=3"]), charts: false);

        Assert.Equal([true, false, true], model.Outcomes.Select(o => o.Passed).ToArray());
        Assert.False(model.Passed);
        Assert.Equal("elections.spurious==0", Assert.Single(model.Failed).Threshold.Text);
        Assert.Equal("FAILED (1 of 3 thresholds)", ReportText.Verdict(model));
    }

    [Fact]
    public void The_report_folder_holds_every_report_with_the_measures()
    {
        var model = ReportModel.Build(SampleRun.Create(["failover.p99<=700ms", "violations==0"], withViolation: true));

        var written = ReportFolder.Write(model, _folder);

        foreach (var name in new[] { "report.md", "report.html", "metrics.csv", "events.csv", "timeline.csv", "failover-histogram.png", "timeline-roles.png", "timeline-epochs.png" })
            Assert.Contains(Path.Combine(_folder, name), written);

        var csv = File.ReadAllLines(Path.Combine(_folder, "metrics.csv"));
        Assert.Equal("metric,value,unit,description", csv[0]);
        Assert.Equal(MetricCatalog.All.Count + 1, csv.Length);
        Assert.Contains(csv, line => line.StartsWith("violations,1,count,", StringComparison.Ordinal));
        Assert.Contains(csv, line => line.StartsWith("failover.count,3,count,", StringComparison.Ordinal));
        var p99 = double.Parse(csv.Single(l => l.StartsWith("failover.p99,", StringComparison.Ordinal)).Split(',')[1], CultureInfo.InvariantCulture);
        Assert.InRange(p99, 512 * 0.999, 512 * 1.001);

        var md = File.ReadAllText(Path.Combine(_folder, "report.md"));
        Assert.Contains("# KevySpec load run: primary-kill on 3 nodes", md);
        Assert.Contains("**Thresholds:** FAILED (1 of 2 thresholds)", md);
        Assert.Contains("**Safety:** UNSAFE: 1 violation(s)", md);
        Assert.Contains("| `violations==0` | 1 | **FAIL** |", md);
        Assert.Contains("n1 and n2 are both primary at epoch 2", md);
        Assert.Contains("| `failover.p50` | 507.", md);
        Assert.Contains("![Failover and detection latency](failover-histogram.png)", md);
        Assert.Contains("a note for the reader", md);
        Assert.Contains("|kill-primary|3|3|0|0|507.500|512.000|512.000|3|", md);
        Assert.Contains("|event|fault|at|winner|elected after ms|writable after ms|", md);
        Assert.Contains("|1|kill-primary n1|1.000 s|n2 (epoch 2)|503.000|503.000|", md);
        Assert.Contains("|2|kill-primary n2|2.000 s|n1 (epoch 3)|507.500|not by the event's end|", md);
        Assert.Contains("| `writable.p99` | 503.", md);

        var html = File.ReadAllText(Path.Combine(_folder, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(3, CountOf(html, "src=\"data:image/png;base64,iVBORw0KGgo"));
        Assert.Contains("<code>failover.p99</code>", html);
        Assert.Contains("FAILED (1 of 2 thresholds)", html);
        Assert.Contains("<h3>Failovers</h3>", html);
        Assert.Contains("<td>n2 (epoch 2)</td>", html);
        // The HTML carries the Markdown report's definitions.
        Assert.Contains("<h2>Definitions</h2>", html);
        Assert.Contains("## Definitions", md);
        foreach (var (term, _) in ReportText.Definitions)
        {
            Assert.Contains($"<dt><b>{term}</b></dt>", html);
            Assert.Contains($"- **{term}**: ", md);
        }

        var events = File.ReadAllLines(Path.Combine(_folder, "events.csv"));
        Assert.Equal("1,kill-primary,n1,1000,1600,1900,n1,1,n2,2,480,503,503,1,converged", events[1]);

        var timeline = File.ReadAllLines(Path.Combine(_folder, "timeline.csv"));
        Assert.Equal("at_ms,node,what,role,epoch,follows,has_quorum", timeline[0]);
        Assert.Contains("1000,n1,killed,,,,", timeline);
        Assert.Equal(10, timeline.Length);

        foreach (var png in Directory.GetFiles(_folder, "*.png"))
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4).ToArray());
    }

    [Fact]
    public void Role_segments_follow_reports_kills_and_restarts()
    {
        var run = SampleRun.Create([]);

        var n1 = RoleSegments.From(run.Timeline, run.NodeIds, run.MeasuredTo).Where(s => s.NodeId == "n1")
            .Select(s => (s.State, s.Epoch, s.From.TotalMilliseconds, s.To.TotalMilliseconds)).ToArray();

        Assert.Equal(
            [(SegmentState.Primary, 1UL, 100, 1000), (SegmentState.Down, 1UL, 1000, 1600), (SegmentState.Replica, 1UL, 1600, 1610), (SegmentState.Replica, 2UL, 1610, 10_100)],
            n1);
    }

    [Fact]
    public void Quorum_stretches_are_a_primary_answering_has_quorum_true_while_alive()
    {
        var run = SampleRun.Create([]);

        var held = RoleSegments.QuorumHeld(run.Timeline, run.NodeIds, run.MeasuredTo)
            .Select(h => (h.NodeId, h.From.TotalMilliseconds, h.To.TotalMilliseconds)).ToArray();

        Assert.Equal([("n1", 100, 1000), ("n2", 1503, 10_100)], held);
    }

    [Fact]
    public void The_violations_metric_names_no_invariant_list_of_its_own()
    {
        // The Safety line lists the run's spec's invariants; a fixed list in the description went stale beside it.
        var description = MetricCatalog.All.Single(m => m.Name == "violations").Description;
        Assert.DoesNotContain(KevySpec.Checking.InvariantNames.Safety, name => description.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Epoch_lines_are_nudged_apart_within_the_spread()
    {
        var nudges = Enumerable.Range(0, 5).Select(i => Charts.EpochNudge(i, 5)).ToArray();

        Assert.Equal(5, nudges.Distinct().Count());
        Assert.All(nudges, n => Assert.InRange(n, -Charts.EpochSpread / 2, Charts.EpochSpread / 2));
        Assert.Equal(Charts.EpochSpread, nudges.Max() - nudges.Min(), 9);
        Assert.Equal(0, Charts.EpochNudge(0, 1));
    }

    [Fact]
    public void Histogram_bins_cover_the_values()
    {
        var (low, width, count) = Charts.Bins(480, 512);

        Assert.Equal(1, width);
        Assert.Equal(480, low);
        Assert.Equal(33, count);
        Assert.Equal([2, 0, 1], Charts.Histogram([480, 480.5, 482], low, width, count).Take(3).ToArray());
        Assert.Equal(1, Charts.Histogram([512], low, width, count)[^1]);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
