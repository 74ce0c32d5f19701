using System.Globalization;

namespace KevySpec.Load.Reports;

/// <summary>Writes a run's reports into one folder: <c>report.md</c>, <c>report.html</c>, <c>metrics.csv</c>, <c>events.csv</c>, <c>timeline.csv</c> and the chart PNGs.</summary>
public static class ReportFolder
{
    /// <summary>The default folder: <c>reports/&lt;yyyyMMdd-HHmmss&gt;</c> under the current directory.</summary>
    public static string DefaultPath(DateTimeOffset at) =>
        Path.Combine("reports", at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>
    /// Checks, before a run, that its reports can be written: creates <paramref name="folder"/> and writes and
    /// deletes a probe file in it. Null when it can; otherwise why not, in a few words.
    /// </summary>
    public static string? WriteProblem(string folder)
    {
        try
        {
            if (File.Exists(folder)) return "it is a file";
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    /// <summary>Writes every report file into <paramref name="folder"/> (created if needed); returns the files written.</summary>
    public static IReadOnlyList<string> Write(ReportModel model, string folder)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Put(string name, string text)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }
        foreach (var chart in model.Charts)
        {
            var path = Path.Combine(folder, chart.FileName);
            File.WriteAllBytes(path, chart.Png);
            written.Add(path);
        }
        Put("metrics.csv", CsvReport.Metrics(model));
        Put("events.csv", CsvReport.Events(model));
        Put("timeline.csv", CsvReport.Timeline(model));
        Put("report.md", MarkdownReport.Render(model));
        Put("report.html", HtmlReport.Render(model));
        return written;
    }
}
