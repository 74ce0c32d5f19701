using Spectre.Console;

namespace KevySpec.Load.Reports;

/// <summary>The final console summary: verdicts, headline measures, thresholds and where the reports are.</summary>
public static class SummaryView
{
    /// <summary>Writes the summary to <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, ReportModel model, string folder)
    {
        var measures = new Table().Border(TableBorder.Rounded).Title("Measures")
            .AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
        foreach (var name in ReportText.Headline)
        {
            var m = model[name];
            measures.AddRow(Markup.Escape(name), Markup.Escape(m.Text), Markup.Escape(m.Metric.Unit));
        }
        console.Write(measures);

        var thresholds = new Table().Border(TableBorder.Rounded).Title("Thresholds")
            .AddColumn("threshold").AddColumn(new TableColumn("actual").RightAligned()).AddColumn("verdict");
        foreach (var o in model.Outcomes)
            thresholds.AddRow(Markup.Escape(o.Threshold.Text), Markup.Escape(o.ActualText), o.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
        console.Write(thresholds);

        foreach (var v in model.Run.Violations.Take(10))
            console.MarkupLine($"[red]violation[/] at {Markup.Escape(ReportText.Seconds(v.At))}: {Markup.Escape(v.Violation.ToString())}");
        foreach (var note in model.Run.Notes) console.MarkupLine($"[yellow]note[/]: {Markup.Escape(note)}");
        console.MarkupLine($"Safety: {(model.Run.Violations.Count == 0 ? "[green]" : "[red]")}{Markup.Escape(ReportText.Safety(model))}[/]");
        console.MarkupLine($"Thresholds: {(model.Passed ? "[green]" : "[red]")}{Markup.Escape(ReportText.Verdict(model))}[/]");
        console.MarkupLine($"Reports: {Markup.Escape(Path.GetFullPath(folder))} (report.md, report.html, metrics.csv, events.csv, timeline.csv, charts)");
        console.MarkupLine($"Seed: {model.Run.Settings.Seed} (rerun with --seed {model.Run.Settings.Seed})");
    }
}
