using System.Globalization;
using System.Text;
using KevySpec.Load.Cli;
using KevySpec.Load.Metrics;
using KevySpec.Load.Reports;
using ScottPlot;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// A nemesis run's reports: <c>report.md</c>, <c>faults.csv</c> (one row per fault), <c>samples.csv</c> (RSS and
/// send queue per node and second), <c>nodes.csv</c> (per node process) and the charts <c>rss.png</c>, <c>heap.png</c> and
/// <c>send-queue.png</c>; plus the summary printed at the end.
/// </summary>
public static class NemesisReport
{
    /// <summary>Writes every report file into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(NemesisResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        var memory = NodeMemory.Of(result.Samples, result.NodeIds);
        var written = new List<string>();
        void Put(string name, string text)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
            written.Add(Path.Combine(folder, name));
        }
        foreach (var chart in (ChartImage[])[Chart(result, "rss.png", "Resident set per node process (MB)", s => s.ResidentBytes / 1e6),
                     Chart(result, "heap.png", "Managed heap per node process, as of its last GC (MB)", s => s.HeapBytes / 1e6),
                     Chart(result, "send-queue.png", "Bytes in the kernel send queues per node namespace", s => s.SendQueueBytes)])
        {
            File.WriteAllBytes(Path.Combine(folder, chart.FileName), chart.Png);
            written.Add(Path.Combine(folder, chart.FileName));
        }
        Put("faults.csv", FaultsCsv(result));
        Put("samples.csv", SamplesCsv(result));
        Put("nodes.csv", NodesCsv(memory, result));
        Put("report.md", Markdown(result, memory));
        return written;
    }

    /// <summary>The summary lines printed at the end of a run.</summary>
    public static IReadOnlyList<string> Summary(NemesisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var memory = NodeMemory.Of(result.Samples, result.NodeIds);
        return
        [
            $"verdict: {(result.Passed ? "PASS" : "FAIL")}",
            $"faults: {result.Faults.Count} ({Kinds(result)})",
            $"safety violations: {result.Violations.Count} (checked online: {string.Join(", ", result.Checked)}){(result.WriteSafety is { } judged ? $"; {judged.Text}" : "")}",
            $"failover: {Stats(result.Failover)}, timeouts {result.FailoverTimeouts} (bound {DurationText.Format(result.Settings.FailoverBound)})",
            $"recovery after repair: {Stats(result.Recovery)}, timeouts {result.RecoveryTimeouts} (bound {DurationText.Format(result.Settings.RecoveryBound)})",
            $"elections: {result.Elections.Count(e => !e.Startup)}, spurious {result.SpuriousElections}",
            $"RSS per node: {RssLine(memory)}",
            $"send queue max: {(memory.Count == 0 ? "-" : string.Join(", ", memory.GroupBy(m => m.Node).Select(g => $"{g.Key} {g.Max(m => m.SendQueueMaxBytes)} B")))}",
            $"namespaces: {result.Namespaces.Count} created, {result.Leftovers.Count} left behind",
        ];
    }

    /// <summary>What made the run fail, one line each (empty when it passed).</summary>
    public static IReadOnlyList<string> Failures(NemesisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var failures = new List<string>();
        foreach (var violation in result.Violations)
            failures.Add($"safety violation at {DurationText.Format(violation.At)}: {violation.Violation.Invariant}: {violation.Violation.Detail}");
        foreach (var fault in result.Faults.Where(f => f.FailoverTimedOut))
            failures.Add($"fault {fault.Number} ({fault.Fault.Description}): no failover within {DurationText.Format(result.Settings.FailoverBound)}");
        foreach (var fault in result.Faults.Where(f => f.Recovery is null))
            failures.Add($"fault {fault.Number} ({fault.Fault.Description}): no common primary within {DurationText.Format(result.Settings.RecoveryBound)} of the repair");
        if (result.Leftovers.Count > 0) failures.Add($"namespaces left behind: {string.Join(", ", result.Leftovers)}");
        return failures;
    }

    private static string Markdown(NemesisResult result, IReadOnlyList<NodeMemory> memory)
    {
        var s = result.Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Nemesis run, {result.StartedAt:yyyy-MM-dd HH:mm:ss zzz}");
        md.AppendLine();
        md.Append(CultureInfo.InvariantCulture, $"{s.Nodes} nodes, each a node host process in its own network namespace ({result.Namespaces.Count} namespaces with the switch), ");
        md.Append(CultureInfo.InvariantCulture, $"faults injected for {DurationText.Format(s.Duration)}: {string.Join(", ", s.Faults.Select(FaultKinds.NameOf))}; hold {DurationText.Format(s.Hold)}, ");
        md.Append(CultureInfo.InvariantCulture, $"timings {s.TimingsName} (hb {DurationText.Format(s.Config.HbInterval)}, down_after {DurationText.Format(s.Config.DownAfter)}, election_timeout {DurationText.Format(s.Config.ElectionTimeout)}, ");
        md.Append(CultureInfo.InvariantCulture, $"backoff {DurationText.Format(s.Config.ElectionBackoff)} + {DurationText.Format(s.Config.ElectionBackoffJitter)}), spec `{s.Spec.Name}`, seed {s.Seed}");
        md.AppendLine(".");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"**Verdict: {(result.Passed ? "PASS" : "FAIL")}**");
        md.AppendLine();
        foreach (var line in Failures(result)) md.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        if (!result.Passed) md.AppendLine();
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---|");
        foreach (var line in Summary(result).Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {ReportText.MarkdownCell(line[..colon])} | {ReportText.MarkdownCell(line[(colon + 1)..].Trim())} |");
        }
        md.AppendLine();
        md.AppendLine("## Nodes");
        md.AppendLine();
        md.AppendLine("RSS from `/proc/PID/status` once a process is 60 s old (a young process steps up by a few MB as it first meets each kind of fault; `-` for a process that did not live that long); send queue: bytes waiting in the kernel send queues of the node's TCP sockets (`/proc/PID/net/tcp`). Frames dropped: the transport's bounded outbound queue (256 frames per peer) overflowing, or frames for a cut link.");
        md.AppendLine();
        md.AppendLine("| node | process | from | to | RSS first | RSS last | RSS max | drift | heap first → last | send queue max | frames dropped (node) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var m in memory)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Node} | #{m.Incarnation} | {DurationText.Format(m.From)} | {DurationText.Format(m.To)} | {Mb(m.FirstBytes)} | {Mb(m.LastBytes)} | {Mb(m.MaxBytes)} | {(m.DriftPercent is { } d ? d.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %" : "-")} | {Mb(m.HeapFirstBytes)} → {Mb(m.HeapLastBytes)} | {m.SendQueueMaxBytes} B | {(result.Counters.TryGetValue(m.Node, out var c) ? c.FramesDropped.ToString(CultureInfo.InvariantCulture) : "-")} |");
        md.AppendLine();
        md.AppendLine("![RSS](rss.png)");
        md.AppendLine();
        md.AppendLine("![managed heap](heap.png)");
        md.AppendLine();
        md.AppendLine("![send queue](send-queue.png)");
        md.AppendLine();
        md.AppendLine("## Faults");
        md.AppendLine();
        md.AppendLine("| # | at | fault | failover | recovery after repair | primary after |");
        md.AppendLine("|---|---|---|---|---|---|");
        foreach (var f in result.Faults)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {f.Number} | {DurationText.Format(f.Start)} | {ReportText.MarkdownCell(f.Fault.Description)} | {(f.Failover is { } fo ? DurationText.Format(fo) : f.FailoverTimedOut ? "**timed out**" : "")} | {(f.Recovery is { } r ? DurationText.Format(r) : "**timed out**")} | {f.Primary ?? "-"} |");
        md.AppendLine();
        if (result.Violations.Count > 0)
        {
            md.AppendLine("## Safety violations");
            md.AppendLine();
            foreach (var v in result.Violations) md.AppendLine(CultureInfo.InvariantCulture, $"- {DurationText.Format(v.At)}: `{v.Violation.Invariant}`: {v.Violation.Detail}");
            md.AppendLine();
        }
        var spurious = result.Elections.Where(e => e.Spurious).ToArray();
        if (spurious.Length > 0)
        {
            md.AppendLine("## Spurious elections");
            md.AppendLine();
            foreach (var e in spurious) md.AppendLine(CultureInfo.InvariantCulture, $"- {DurationText.Format(e.At)}: {e.NodeId} stood for epoch {e.Epoch}");
            md.AppendLine();
        }
        md.AppendLine("## Notes");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Namespaces created: {string.Join(", ", result.Namespaces)}; left behind: {(result.Leftovers.Count == 0 ? "none" : string.Join(", ", result.Leftovers))}.");
        if (result.Swept.Count > 0) md.AppendLine(CultureInfo.InvariantCulture, $"- Deleted at start, left by a crashed earlier run: {string.Join(", ", result.Swept)}.");
        md.AppendLine("- Failover: fault → every survivor (the connected majority) follows one new primary at a higher epoch (faults that take the primary away only). Recovery: repair → every node follows one primary.");
        md.AppendLine("- A killed node's process gets SIGKILL: steps it took but had not yet written to its pipe are lost to the online checker, as they would be to any observer.");
        foreach (var note in result.Notes) md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        return md.ToString();
    }

    private static string FaultsCsv(NemesisResult result)
    {
        var csv = new StringBuilder("number,kind,description,start_ms,primary_lost,failover_ms,failover_timed_out,repaired_ms,recovery_ms,primary_after\n");
        foreach (var f in result.Faults)
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{f.Number},{FaultKinds.NameOf(f.Fault.Kind)},\"{f.Fault.Description}\",{Ms(f.Start)},{f.Fault.PrimaryLost},{Ms(f.Failover)},{f.FailoverTimedOut},{Ms(f.Repaired)},{Ms(f.Recovery)},{f.Primary}");
        return csv.ToString();
    }

    private static string SamplesCsv(NemesisResult result)
    {
        var csv = new StringBuilder("at_ms,node,process,rss_bytes,send_queue_bytes,paused,heap_bytes,full_gcs\n");
        foreach (var s in result.Samples)
            csv.AppendLine(CultureInfo.InvariantCulture, $"{Ms(s.At)},{s.Node},{s.Incarnation},{s.ResidentBytes},{s.SendQueueBytes},{s.Paused},{s.HeapBytes},{s.FullCollections}");
        return csv.ToString();
    }

    private static string NodesCsv(IReadOnlyList<NodeMemory> memory, NemesisResult result)
    {
        var csv = new StringBuilder("node,process,from_ms,to_ms,rss_first_bytes,rss_last_bytes,rss_max_bytes,drift_percent,heap_first_bytes,heap_last_bytes,send_queue_max_bytes,frames_dropped\n");
        foreach (var m in memory)
            csv.AppendLine(CultureInfo.InvariantCulture,
                $"{m.Node},{m.Incarnation},{Ms(m.From)},{Ms(m.To)},{m.FirstBytes},{m.LastBytes},{m.MaxBytes},{m.DriftPercent:0.00},{m.HeapFirstBytes},{m.HeapLastBytes},{m.SendQueueMaxBytes},{(result.Counters.TryGetValue(m.Node, out var c) ? c.FramesDropped : 0)}");
        return csv.ToString();
    }

    private static ChartImage Chart(NemesisResult result, string file, string title, Func<NodeSample, double?> value)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("seconds into the run");
        foreach (var life in result.Samples.GroupBy(s => (s.Node, s.Incarnation)).OrderBy(g => g.Key.Node, StringComparer.Ordinal).ThenBy(g => g.Key.Incarnation))
        {
            var points = life.Where(s => value(s) is not null).OrderBy(s => s.At).ToArray();
            if (points.Length == 0) continue;
            var line = plot.Add.Scatter(points.Select(p => p.At.TotalSeconds).ToArray(), points.Select(p => value(p)!.Value).ToArray());
            line.MarkerSize = 0;
            line.LegendText = life.Key.Incarnation == 1 ? life.Key.Node : $"{life.Key.Node} #{life.Key.Incarnation}";
        }
        foreach (var fault in result.Faults)
        {
            var span = plot.Add.HorizontalSpan(fault.Start.TotalSeconds, fault.Repaired.TotalSeconds);
            span.FillStyle.Color = Colors.Gray.WithAlpha(0.12);
        }
        if (result.Samples.Count == 0) plot.Add.Text("no samples", 0, 0);
        else plot.ShowLegend(Edge.Right);
        return new ChartImage(file, title, plot.GetImageBytes(1200, 450, ImageFormat.Png));
    }

    private static string Kinds(NemesisResult result) =>
        result.Faults.Count == 0 ? "none" : string.Join(", ", result.Faults.GroupBy(f => f.Fault.Kind).OrderBy(g => g.Key).Select(g => $"{FaultKinds.NameOf(g.Key)} {g.Count()}"));

    private static string RssLine(IReadOnlyList<NodeMemory> memory)
    {
        var settled = memory.Where(m => m.Settled).ToArray();
        if (settled.Length == 0) return $"no process lived {DurationText.Format(NodeMemory.SettleTime)} (RSS is read once settled)";
        var judged = settled.Where(m => m.Judged).ToArray();
        var verdict = judged.Length == 0
            ? "no process lived long enough to judge its drift"
            : $"largest drift {judged.Max(m => Math.Abs(m.DriftPercent!.Value)):0.0} % over {judged.Length} process(es) living ≥ {DurationText.Format(NodeMemory.JudgedAfter)} ({(judged.All(m => Math.Abs(m.DriftPercent!.Value) <= 10) ? "within" : "beyond")} ±10 %)";
        // Per node, its longest-lived settled process.
        return verdict + "; " + string.Join(", ", settled.GroupBy(m => m.Node).Select(g => g.MaxBy(m => m.To - m.From)!)
            .Select(m => $"{m.Node} #{m.Incarnation} {Mb(m.FirstBytes)}→{Mb(m.LastBytes)} (max {Mb(m.MaxBytes)}, heap {Mb(m.HeapFirstBytes)}→{Mb(m.HeapLastBytes)})"));
    }

    private static string Stats(LatencyHistogram h) =>
        h.Count == 0 ? "no samples" : $"n={h.Count} p50 {Ms(h.At(50))} ms, p90 {Ms(h.At(90))} ms, p99 {Ms(h.At(99))} ms, max {Ms(h.At(100))} ms";

    private static string Mb(long? bytes) => bytes is { } b ? (b / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "-";

    private static string Ms(TimeSpan? value) => value is { } v ? v.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture) : "";
}
