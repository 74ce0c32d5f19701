using System.Globalization;
using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Scenarios;
using ScottPlot;

namespace KevySpec.Load.Reports;

/// <summary>A rendered chart: its file name and PNG bytes.</summary>
/// <param name="FileName">e.g. <c>failover-histogram.png</c>.</param>
/// <param name="Title">A caption for the reports.</param>
/// <param name="Png">The image.</param>
public sealed record ChartImage(string FileName, string Title, byte[] Png);

/// <summary>The charts of a run, rendered headless with ScottPlot as PNG.</summary>
public static class Charts
{
    private static readonly Color FailoverColor = Color.FromHex("#1f77b4");
    private static readonly Color DetectionColor = Color.FromHex("#ff7f0e");
    private static readonly Dictionary<SegmentState, Color> StateColors = new()
    {
        [SegmentState.Replica] = Color.FromHex("#aec7e8"),
        [SegmentState.Candidate] = Color.FromHex("#ff7f0e"),
        [SegmentState.Primary] = Color.FromHex("#2ca02c"),
        [SegmentState.Down] = Color.FromHex("#444444"),
    };

    private static readonly Color WritableColor = Color.FromHex("#2ca02c");
    private static readonly Color QuorumColor = Color.FromHex("#0b4f0b");
    private static readonly Color ViolationColor = Color.FromHex("#d62728");
    private static readonly Color TimeoutColor = Color.FromHex("#9467bd");

    /// <summary>A series of a latency histogram: its legend label, samples and colour.</summary>
    /// <param name="Label">The legend text (the sample count is added).</param>
    /// <param name="Samples">The latencies.</param>
    /// <param name="Color">The bars' colour.</param>
    public sealed record LatencySeries(string Label, IReadOnlyList<TimeSpan> Samples, Color Color);

    /// <summary>Every chart of <paramref name="run"/>: the latency histogram, the role timeline and the epoch timeline.</summary>
    public static IReadOnlyList<ChartImage> Render(RunResult run, WriteAvailability writes) =>
    [
        LatencyHistogramChart(run, writes),
        RoleTimelineChart(run),
        EpochTimelineChart(run),
    ];

    /// <summary>Detection, failover (elected) and writable latencies, binned, with <c>down_after</c> marked.</summary>
    public static ChartImage LatencyHistogramChart(RunResult run, WriteAvailability writes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(writes);
        return LatencyHistogramChart(
            "failover-histogram.png", "Failover and detection latency", $"Failover latency ({run.Failover.Count} failovers)", run.Settings.Config.DownAfter,
            [
                new LatencySeries("detection", run.Detection.Samples, DetectionColor),
                new LatencySeries("elected", run.Failover.Samples, FailoverColor),
                new LatencySeries("writable", writes.Writable().Samples, WritableColor),
            ]);
    }

    /// <summary>Latency series binned alike, side by side in each bin, with <paramref name="downAfter"/> marked.</summary>
    public static ChartImage LatencyHistogramChart(string fileName, string caption, string title, TimeSpan downAfter, IReadOnlyList<LatencySeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        var values = series.Select(s => s.Samples.Select(v => v.TotalMilliseconds).ToArray()).ToArray();
        var down = downAfter.TotalMilliseconds;
        plot.Title(title);
        plot.XLabel("milliseconds after the fault");
        plot.YLabel("events");
        if (values.All(v => v.Length == 0))
        {
            plot.Add.Text("no failover in this run", 0, 0);
            plot.Axes.SetLimits(-1, 1, -1, 1);
        }
        else
        {
            var all = values.SelectMany(v => v).ToArray();
            var (low, width, count) = Bins(Math.Min(all.Min(), down), Math.Max(all.Max(), down));
            // Side by side in each bin: overlapping bars would blend into a colour the legend lacks.
            for (var i = 0; i < series.Count; i++)
                AddBars(plot, Histogram(values[i], low, width, count), low, width, i, series.Count, series[i].Color, $"{series[i].Label} (n={values[i].Length})");
            var line = plot.Add.VerticalLine(down);
            line.Color = Colors.Red;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"down_after = {Ms(down)}";
            plot.ShowLegend(Alignment.UpperLeft);
            plot.Axes.Margins(bottom: 0);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }
        return new ChartImage(fileName, caption, plot.GetImageBytes(900, 450, ImageFormat.Png));
    }

    /// <summary>Per node, its role over the run (grey: killed), with the primary's epoch written on its stretches.</summary>
    public static ChartImage RoleTimelineChart(RunResult run)
    {
        var plot = new Plot();
        var nodes = run.NodeIds;
        var end = run.MeasuredTo;
        var segments = RoleSegments.From(run.Timeline, nodes, end);
        var labelled = nodes.Count <= 12;
        var span = Math.Max(end.TotalSeconds, 1e-3);
        foreach (var segment in segments)
        {
            var row = nodes.Count - 1 - IndexOf(nodes, segment.NodeId);
            var rect = plot.Add.Rectangle(segment.From.TotalSeconds, segment.To.TotalSeconds, row - 0.4, row + 0.4);
            rect.FillColor = StateColors[segment.State];
            rect.LineWidth = 0;
            if (labelled && segment.State == SegmentState.Primary && (segment.To - segment.From).TotalSeconds > span / 40)
            {
                var text = plot.Add.Text($"e{segment.Epoch}", (segment.From.TotalSeconds + segment.To.TotalSeconds) / 2, row);
                text.LabelFontSize = 10;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Colors.White;
            }
        }
        // A primary holding its quorum (has_quorum true: its write fence is open): a dark band along the row's foot.
        foreach (var held in RoleSegments.QuorumHeld(run.Timeline, nodes, end))
        {
            var row = nodes.Count - 1 - IndexOf(nodes, held.NodeId);
            var band = plot.Add.Rectangle(held.From.TotalSeconds, held.To.TotalSeconds, row - 0.4, row - 0.25);
            band.FillColor = QuorumColor;
            band.LineWidth = 0;
        }
        // Link cuts: a red veil over the cut-off nodes from the cut to the heal.
        var cutColor = Color.FromHex("#d62728").WithAlpha(0.35);
        foreach (var e in run.Events.Where(e => e.Kind.IsPartition()))
        {
            var until = (e.Repaired ?? e.End).TotalSeconds;
            foreach (var target in e.Targets)
            {
                var row = nodes.Count - 1 - IndexOf(nodes, target);
                var veil = plot.Add.Rectangle(e.Start.TotalSeconds, until, row - 0.45, row + 0.45);
                veil.FillColor = cutColor;
                veil.LineWidth = 0;
            }
        }
        Measured(plot, run);
        var marks = Marks(plot, run).ToArray();
        foreach (var (state, color) in StateColors)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = state.ToString().ToLowerInvariant(), FillColor = color });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "holds its quorum", FillColor = QuorumColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "cut off", FillColor = cutColor });
        foreach (var mark in marks) plot.Legend.ManualItems.Add(mark);
        plot.ShowLegend(Edge.Right);
        var step = Math.Max(1, nodes.Count / 25);
        var ticks = Enumerable.Range(0, nodes.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Left.SetTicks([.. ticks.Select(i => (double)(nodes.Count - 1 - i))], [.. ticks.Select(i => nodes[i])]);
        plot.Axes.SetLimits(0, span, -0.7, nodes.Count - 0.3);
        plot.Title("Role per node (numbers: the primary's epoch; dark foot: has_quorum true)");
        plot.XLabel("run time, seconds");
        var height = Math.Clamp(140 + nodes.Count * 22, 320, 1600);
        return new ChartImage("timeline-roles.png", "Role per node over the run", plot.GetImageBytes(1200, height, ImageFormat.Png));
    }

    /// <summary>
    /// Per node, its epoch over the run (a step line per node). Nodes mostly share an epoch, so each line is nudged
    /// by its own small offset (all within ±<see cref="EpochSpread"/>/2 of the epoch) and none hides another.
    /// </summary>
    public static ChartImage EpochTimelineChart(RunResult run)
    {
        var plot = new Plot();
        var end = run.MeasuredTo.TotalSeconds;
        var legend = run.NodeIds.Count <= 12;
        for (var i = 0; i < run.NodeIds.Count; i++)
        {
            var node = run.NodeIds[i];
            var points = run.Timeline.Where(e => e.NodeId == node && e.Kind == TimelineKind.Report).OrderBy(e => e.At).ToArray();
            if (points.Length == 0) continue;
            var nudge = EpochNudge(i, run.NodeIds.Count);
            var xs = points.Select(p => p.At.TotalSeconds).Append(end).ToArray();
            var ys = points.Select(p => p.Epoch + nudge).Append(points[^1].Epoch + nudge).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.MarkerSize = 0;
            line.LineWidth = 1.5f;
            if (legend) line.LegendText = node;
        }
        Measured(plot, run);
        _ = Marks(plot, run).ToArray();
        plot.ShowLegend(Edge.Right);
        plot.Title("Epoch per node (as reported; lines nudged apart so that nodes on one epoch stay visible)");
        plot.XLabel("run time, seconds");
        plot.YLabel("epoch");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return new ChartImage("timeline-epochs.png", "Epoch per node over the run", plot.GetImageBytes(1200, 420, ImageFormat.Png));
    }

    /// <summary>How far apart the epoch lines of the first and the last node are drawn, in epochs.</summary>
    public const double EpochSpread = 0.4;

    /// <summary>Node <paramref name="index"/>'s offset of <paramref name="count"/>: evenly spread over ±<see cref="EpochSpread"/>/2, 0 for a single node.</summary>
    public static double EpochNudge(int index, int count) => count <= 1 ? 0 : EpochSpread * (index / (double)(count - 1) - 0.5);

    /// <summary>Equal-width bins covering [min, max]: about 40, each a whole number of 0.5 ms steps.</summary>
    public static (double Low, double Width, int Count) Bins(double min, double max)
    {
        var width = Math.Max(0.5, Math.Ceiling((max - min) / 40 * 2) / 2);
        var low = Math.Floor(min / width) * width;
        var count = Math.Max(1, (int)Math.Floor((max - low) / width) + 1);
        return (low, width, count);
    }

    /// <summary>How many of <paramref name="values"/> fall in each bin.</summary>
    public static double[] Histogram(IEnumerable<double> values, double low, double width, int count)
    {
        var bins = new double[count];
        foreach (var value in values)
            bins[Math.Clamp((int)Math.Floor((value - low) / width), 0, count - 1)]++;
        return bins;
    }

    // Series i of n fills the i-th n-th of each bin.
    private static void AddBars(Plot plot, double[] counts, double low, double width, int series, int of, Color color, string label)
    {
        var slot = width / of;
        var positions = Enumerable.Range(0, counts.Length).Select(i => low + width * i + slot * (series + 0.5)).ToArray();
        var bars = plot.Add.Bars(positions, counts);
        foreach (var bar in bars.Bars)
        {
            bar.Size = slot * 0.96;
            bar.FillColor = color;
            bar.LineWidth = 0;
        }
        bars.LegendText = label;
    }

    // Safety violations (red lines) and failovers that timed out (purple dashed lines, at their fault), on a timeline;
    // returns their legend items, for a chart whose legend is made by hand.
    private static IEnumerable<LegendItem> Marks(Plot plot, RunResult run)
    {
        var first = true;
        foreach (var v in run.Violations)
        {
            var line = plot.Add.VerticalLine(v.At.TotalSeconds);
            line.Color = ViolationColor;
            line.LineWidth = 2;
            if (first) line.LegendText = $"violation ({run.Violations.Count})";
            first = false;
        }
        var timedOut = run.Events.Where(e => e.Outcome == EventOutcome.FailoverTimedOut).ToArray();
        for (var i = 0; i < timedOut.Length; i++)
        {
            var line = plot.Add.VerticalLine(timedOut[i].Start.TotalSeconds);
            line.Color = TimeoutColor;
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            if (i == 0) line.LegendText = $"failover timed out ({timedOut.Length})";
        }
        if (run.Violations.Count > 0) yield return new LegendItem { LabelText = $"violation ({run.Violations.Count})", LineColor = ViolationColor, LineWidth = 2 };
        if (timedOut.Length > 0) yield return new LegendItem { LabelText = $"failover timed out ({timedOut.Length})", LineColor = TimeoutColor, LineWidth = 2 };
    }

    // Shade the warm-up (before the measured window) so the reader knows what counted.
    private static void Measured(Plot plot, RunResult run)
    {
        if (run.MeasuredFrom <= TimeSpan.Zero) return;
        var span = plot.Add.HorizontalSpan(0, run.MeasuredFrom.TotalSeconds);
        span.FillColor = Colors.Gray.WithAlpha(0.15);
        span.LegendText = "warm-up";
    }

    private static int IndexOf(IReadOnlyList<string> nodes, string id)
    {
        for (var i = 0; i < nodes.Count; i++) if (nodes[i] == id) return i;
        return -1;
    }

    private static string Ms(double ms) => ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
