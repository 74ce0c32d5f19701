using System.Globalization;
using System.Net;
using System.Text;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Reports;

/// <summary><c>report.html</c>: one self-contained page (charts embedded as base64 PNG).</summary>
public static class HtmlReport
{
    /// <summary>The page style and the end of the head, shared with the compare report.</summary>
    internal const string Style = "<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1280px;color:#222}"
        + "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 9px;text-align:left}"
        + "th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}"
        + ".pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}img{max-width:100%;border:1px solid #ddd}"
        + "code{background:#f6f6f6;padding:0 3px}</style>\n</head>\n<body>\n";

    /// <summary>The report as HTML.</summary>
    public static string Render(ReportModel model)
    {
        var run = model.Run;
        var title = $"KevySpec load run: {Scenario.NameOf(run.Settings.Scenario)} on {run.Settings.Nodes} nodes";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title>\n");
        html.Append(Style);
        html.Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Thresholds: <span class=\"{(model.Passed ? "pass" : "fail")}\">{E(ReportText.Verdict(model))}</span><br>");
        html.Append(CultureInfo.InvariantCulture, $"Safety: <span class=\"{(run.Violations.Count == 0 ? "pass" : "fail")}\">{E(ReportText.Safety(model))}</span></p>\n");

        html.Append("<h2>Setup</h2>\n<table>\n");
        foreach (var (label, value) in ReportText.Setup(run)) html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>\n");
        html.Append("</table>\n");

        html.Append("<h2>Thresholds</h2>\n");
        if (model.Outcomes.Count == 0) html.Append("<p>None given.</p>\n");
        else
        {
            html.Append("<table>\n<tr><th>threshold</th><th>actual</th><th>verdict</th></tr>\n");
            foreach (var o in model.Outcomes)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(o.Threshold.Text)}</code></td><td class=\"num\">{E(o.ActualText)}</td><td class=\"{(o.Passed ? "pass" : "fail")}\">{(o.Passed ? "pass" : "FAIL")}</td></tr>\n");
            html.Append("</table>\n");
        }

        html.Append("<h2>Charts</h2>\n");
        foreach (var chart in model.Charts)
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(chart.Title)}</h3>\n<img alt=\"{E(chart.Title)}\" src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\">\n");

        html.Append("<h2>Metrics</h2>\n<table>\n<tr><th>metric</th><th>value</th><th>unit</th><th>meaning</th></tr>\n");
        foreach (var m in model.Metrics)
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(m.Metric.Name)}</code></td><td class=\"num\">{E(m.Text)}</td><td>{E(m.Metric.Unit)}</td><td>{E(m.Metric.Description)}</td></tr>\n");
        html.Append("</table>\n");

        html.Append("<h2>Safety</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Checked online: {E(string.Join(", ", run.CheckedInvariants))}.</p>\n");
        if (run.Violations.Count > 0)
        {
            html.Append("<table>\n<tr><th>run time</th><th>invariant</th><th>what happened</th></tr>\n");
            foreach (var v in run.Violations)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{E(ReportText.Seconds(v.At))}</td><td><code>{E(v.Violation.Invariant)}</code></td><td>{E(v.Violation.Detail)}</td></tr>\n");
            html.Append("</table>\n");
        }

        html.Append("<h2>Events</h2>\n");
        if (run.Events.Count == 0) html.Append("<p>No event.</p>\n");
        else
        {
            html.Append("<table>\n<tr>");
            foreach (var h in ReportText.EventsByKindHeader) html.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
            html.Append("</tr>\n");
            foreach (var row in ReportText.EventsByKind(run))
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Length; i++) html.Append(CultureInfo.InvariantCulture, $"<td{(i == 0 ? "" : " class=\"num\"")}>{E(row[i])}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        if (model.Writes.Failovers.Count > 0)
        {
            html.Append("<h3>Failovers</h3>\n<table>\n<tr>");
            foreach (var h in ReportText.FailoversHeader) html.Append(CultureInfo.InvariantCulture, $"<th>{E(h)}</th>");
            html.Append("</tr>\n");
            foreach (var row in ReportText.Failovers(model))
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Length; i++) html.Append(CultureInfo.InvariantCulture, $"<td{(i is 0 or 4 or 5 ? " class=\"num\"" : "")}>{E(row[i])}</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }

        if (run.Notes.Count > 0)
        {
            html.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var note in run.Notes) html.Append(CultureInfo.InvariantCulture, $"<li>{E(note)}</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<h2>Definitions</h2>\n<dl>\n");
        foreach (var (term, meaning) in ReportText.Definitions) html.Append(CultureInfo.InvariantCulture, $"<dt><b>{E(term)}</b></dt><dd>{E(meaning)}</dd>\n");
        html.Append("</dl>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
