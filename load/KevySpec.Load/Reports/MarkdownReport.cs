using System.Globalization;
using System.Text;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Reports;

/// <summary><c>report.md</c>: verdicts, setup, thresholds, measures, safety, events and the charts (as the PNG files beside it).</summary>
public static class MarkdownReport
{
    private const int MaxListed = 50;

    /// <summary>The report as Markdown.</summary>
    public static string Render(ReportModel model)
    {
        var run = model.Run;
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# KevySpec load run: {Scenario.NameOf(run.Settings.Scenario)} on {run.Settings.Nodes} nodes\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Thresholds:** {ReportText.Verdict(model)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Safety:** {ReportText.Safety(model)}\n\n");

        md.Append("## Setup\n\n| | |\n|---|---|\n");
        foreach (var (label, value) in ReportText.Setup(run)) md.Append(CultureInfo.InvariantCulture, $"| {label} | {ReportText.MarkdownCell(value)} |\n");

        md.Append("\n## Thresholds\n\n");
        if (model.Outcomes.Count == 0) md.Append("None given.\n");
        else
        {
            md.Append("| threshold | actual | verdict |\n|---|---|---|\n");
            foreach (var o in model.Outcomes)
                md.Append(CultureInfo.InvariantCulture, $"| `{o.Threshold.Text}` | {o.ActualText} | {(o.Passed ? "pass" : "**FAIL**")} |\n");
        }

        md.Append("\n## Measures\n\n| metric | value | unit |\n|---|---|---|\n");
        foreach (var name in ReportText.Headline)
        {
            var m = model[name];
            md.Append(CultureInfo.InvariantCulture, $"| `{name}` | {m.Text} | {m.Metric.Unit} |\n");
        }
        md.Append("\nEvery metric is in `metrics.csv`; every event in `events.csv`.\n");

        md.Append("\n## Safety\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Checked online: {string.Join(", ", run.CheckedInvariants.Select(i => $"`{i}`"))}.\n\n");
        if (run.Violations.Count == 0) md.Append("No violation.\n");
        else
        {
            md.Append("| run time | invariant | what happened |\n|---|---|---|\n");
            foreach (var v in run.Violations.Take(MaxListed))
                md.Append(CultureInfo.InvariantCulture, $"| {ReportText.Seconds(v.At)} | `{v.Violation.Invariant}` | {ReportText.MarkdownCell(v.Violation.Detail)} |\n");
            if (run.Violations.Count > MaxListed) md.Append(CultureInfo.InvariantCulture, $"\n… and {run.Violations.Count - MaxListed} more.\n");
        }

        md.Append("\n## Events\n\n");
        if (run.Events.Count == 0) md.Append("No event.\n");
        else
        {
            md.Append('|').Append(string.Join('|', ReportText.EventsByKindHeader)).Append("|\n|");
            md.Append(string.Concat(Enumerable.Repeat("---|", ReportText.EventsByKindHeader.Count))).Append('\n');
            foreach (var row in ReportText.EventsByKind(run)) md.Append('|').Append(string.Join('|', row)).Append("|\n");
        }
        if (model.Writes.Failovers.Count > 0)
        {
            md.Append("\n### Failovers\n\n|").Append(string.Join('|', ReportText.FailoversHeader)).Append("|\n|");
            md.Append(string.Concat(Enumerable.Repeat("---|", ReportText.FailoversHeader.Count))).Append('\n');
            foreach (var row in ReportText.Failovers(model)) md.Append('|').Append(string.Join('|', row.Select(ReportText.MarkdownCell))).Append("|\n");
        }
        var spurious = run.Elections.Where(e => e.Spurious).ToArray();
        if (spurious.Length > 0)
        {
            md.Append("\nSpurious elections (no fault explains them):\n\n");
            foreach (var e in spurious.Take(MaxListed))
                md.Append(CultureInfo.InvariantCulture, $"- {ReportText.Seconds(e.At)}: {e.NodeId} stood for epoch {e.Epoch}\n");
        }

        if (model.Charts.Count > 0)
        {
            md.Append("\n## Charts\n\n");
            foreach (var chart in model.Charts) md.Append(CultureInfo.InvariantCulture, $"### {chart.Title}\n\n![{chart.Title}]({chart.FileName})\n\n");
        }

        if (run.Notes.Count > 0)
        {
            md.Append("\n## Notes\n\n");
            foreach (var note in run.Notes) md.Append(CultureInfo.InvariantCulture, $"- {note}\n");
        }

        md.Append("\n## Definitions\n\n");
        foreach (var (term, meaning) in ReportText.Definitions) md.Append(CultureInfo.InvariantCulture, $"- **{term}**: {meaning}\n");
        return md.ToString();
    }
}
