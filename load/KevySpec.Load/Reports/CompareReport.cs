using System.Globalization;
using System.Net;
using System.Text;
using KevySpec.Load.Metrics;
using KevySpec.Load.Scenarios;
using ScottPlot;

namespace KevySpec.Load.Reports;

/// <summary>
/// The report of <c>kevyspec-load compare</c>: <c>report.md</c>, <c>report.html</c>, <c>metrics.csv</c>
/// (<c>metric,a,b,ratio,unit</c>) and <c>latency-histogram.png</c> beside the two runs' own report folders.
/// </summary>
public static class CompareReport
{
    private static readonly Color[] SeriesColors = [Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728")];

    /// <summary>The sub-folder of run <paramref name="index"/> (0: A, 1: B) of spec <paramref name="spec"/>.</summary>
    public static string RunFolder(int index, string spec) => $"{(index == 0 ? "a" : "b")}-{spec}";

    /// <summary>B/A, or null when either is missing or A is zero.</summary>
    public static double? Ratio(double? a, double? b) => a is { } x && b is { } y && x != 0 ? y / x : null;

    /// <summary>Per metric: name, A, B, B/A (as text) and unit, in catalog order.</summary>
    public static IReadOnlyList<string[]> Rows(ReportModel a, ReportModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return [.. a.Metrics.Zip(b.Metrics, (x, y) => new[] { x.Metric.Name, x.Text, y.Text, RatioText(Ratio(x.Value, y.Value)), x.Metric.Unit })];
    }

    /// <summary>Elected and writable latencies of both runs, binned alike.</summary>
    public static ChartImage Histogram(ReportModel a, ReportModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (sa, sb) = (a.Run.Settings.Spec.Name, b.Run.Settings.Spec.Name);
        return Charts.LatencyHistogramChart("latency-histogram.png", "Failover (elected) and writable latency, A and B",
            $"A: {sa} vs B: {sb}", a.Run.Settings.Config.DownAfter,
            [
                new Charts.LatencySeries("A elected", a.Run.Failover.Samples, SeriesColors[0]),
                new Charts.LatencySeries("B elected", b.Run.Failover.Samples, SeriesColors[1]),
                new Charts.LatencySeries("A writable", a.Writes.Writable().Samples, SeriesColors[2]),
                new Charts.LatencySeries("B writable", b.Writes.Writable().Samples, SeriesColors[3]),
            ]);
    }

    /// <summary>Writes the comparison into <paramref name="folder"/> (the runs' own reports are in its sub-folders already); returns the files written.</summary>
    public static IReadOnlyList<string> Write(ReportModel a, ReportModel b, string folder)
    {
        var chart = Histogram(a, b);
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        void Put(string name, Action<string> write)
        {
            var path = Path.Combine(folder, name);
            write(path);
            files.Add(path);
        }
        Put(chart.FileName, path => File.WriteAllBytes(path, chart.Png));
        Put("metrics.csv", path => File.WriteAllText(path, Csv(a, b)));
        Put("report.md", path => File.WriteAllText(path, Markdown(a, b, chart)));
        Put("report.html", path => File.WriteAllText(path, Html(a, b, chart)));
        return files;
    }

    /// <summary><c>metric,a,b,ratio,unit</c>, one row per metric, empty where there is no value.</summary>
    public static string Csv(ReportModel a, ReportModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var text = new StringBuilder("metric,a,b,ratio,unit\n");
        foreach (var (x, y) in a.Metrics.Zip(b.Metrics))
        {
            var ratio = Ratio(x.Value, y.Value) is { } r ? r.ToString("0.######", CultureInfo.InvariantCulture) : "";
            text.Append(CultureInfo.InvariantCulture, $"{x.Metric.Name},{x.CsvText},{y.CsvText},{ratio},{x.Metric.Unit}\n");
        }
        return text.ToString();
    }

    /// <summary>The comparison as Markdown, linking the runs' timelines and reports.</summary>
    public static string Markdown(ReportModel a, ReportModel b, ChartImage histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {Title(a, b)}\n\n");
        foreach (var (label, model, index) in Runs(a, b))
            md.Append(CultureInfo.InvariantCulture, $"- **{label}: {model.Run.Settings.Spec.Name}** — thresholds {ReportText.Verdict(model)}; safety {ReportText.Safety(model)}; [its report]({RunFolder(index, model.Run.Settings.Spec.Name)}/report.md)\n");
        md.Append("\n## Setup\n\n| | |\n|---|---|\n");
        foreach (var (label, value) in Setup(a, b)) md.Append(CultureInfo.InvariantCulture, $"| {label} | {ReportText.MarkdownCell(value)} |\n");
        md.Append("\n## Metrics\n\n| metric | A | B | B/A | unit |\n|---|---|---|---|---|\n");
        foreach (var row in Rows(a, b)) md.Append(CultureInfo.InvariantCulture, $"| `{row[0]}` | {row[1]} | {row[2]} | {row[3]} | {row[4]} |\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## Latency\n\n![{histogram.Title}]({histogram.FileName})\n\n## Timelines\n\n");
        foreach (var (label, model, index) in Runs(a, b))
            foreach (var chart in model.Charts.Where(c => c.FileName.StartsWith("timeline-", StringComparison.Ordinal)))
                md.Append(CultureInfo.InvariantCulture, $"### {label}: {chart.Title}\n\n![{label}: {chart.Title}]({RunFolder(index, model.Run.Settings.Spec.Name)}/{chart.FileName})\n\n");
        return md.ToString();
    }

    /// <summary>The comparison as one self-contained HTML page.</summary>
    public static string Html(ReportModel a, ReportModel b, ChartImage histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        static string E(string text) => WebUtility.HtmlEncode(text);
        static string Img(string title, byte[] png) => $"<img alt=\"{E(title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">\n";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{E(Title(a, b))}</title>\n");
        html.Append(HtmlReport.Style);
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(Title(a, b))}</h1>\n<ul>\n");
        foreach (var (label, model, _) in Runs(a, b))
            html.Append(CultureInfo.InvariantCulture, $"<li><b>{E(label)}: {E(model.Run.Settings.Spec.Name)}</b> — thresholds <span class=\"{(model.Passed ? "pass" : "fail")}\">{E(ReportText.Verdict(model))}</span>; "
                + $"safety <span class=\"{(model.Run.Violations.Count == 0 ? "pass" : "fail")}\">{E(ReportText.Safety(model))}</span></li>\n");
        html.Append("</ul>\n<h2>Setup</h2>\n<table>\n");
        foreach (var (label, value) in Setup(a, b)) html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>\n");
        html.Append("</table>\n<h2>Metrics</h2>\n<table>\n<tr><th>metric</th><th>A</th><th>B</th><th>B/A</th><th>unit</th></tr>\n");
        foreach (var row in Rows(a, b))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(row[0])}</code></td><td class=\"num\">{E(row[1])}</td><td class=\"num\">{E(row[2])}</td><td class=\"num\">{E(row[3])}</td><td>{E(row[4])}</td></tr>\n");
        html.Append("</table>\n<h2>Latency</h2>\n").Append(Img(histogram.Title, histogram.Png)).Append("<h2>Timelines</h2>\n");
        foreach (var (label, model, _) in Runs(a, b))
            foreach (var chart in model.Charts.Where(c => c.FileName.StartsWith("timeline-", StringComparison.Ordinal)))
                html.Append(CultureInfo.InvariantCulture, $"<h3>{E(label)}: {E(chart.Title)}</h3>\n").Append(Img(chart.Title, chart.Png));
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Title(ReportModel a, ReportModel b) =>
        $"KevySpec compare: {Scenario.NameOf(a.Run.Settings.Scenario)} on {a.Run.Settings.Nodes} nodes, A: {a.Run.Settings.Spec.Name} vs B: {b.Run.Settings.Spec.Name}";

    private static (string Label, ReportModel Model, int Index)[] Runs(ReportModel a, ReportModel b) => [("A", a, 0), ("B", b, 1)];

    // The shared setup (A's, which B's repeats but for the spec and the measured window), with both specs named.
    private static IEnumerable<(string Label, string Value)> Setup(ReportModel a, ReportModel b) =>
        ReportText.Setup(a.Run).Select(row => row.Label switch
        {
            "spec" => (row.Label, $"A: {a.Run.Settings.Spec.Name}, B: {b.Run.Settings.Spec.Name}"),
            "measured window" => (row.Label, $"A: {row.Value}; B: {ReportText.Setup(b.Run).Single(r => r.Label == row.Label).Value}"),
            _ => row,
        });

    private static string RatioText(double? ratio) => ratio is { } r ? r.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
