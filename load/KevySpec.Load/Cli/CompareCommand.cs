using System.CommandLine;
using System.Globalization;
using KevySpec.Cli.CommandLine;
using KevySpec.Load.Reports;

namespace KevySpec.Load.Cli;

/// <summary>
/// <c>kevyspec-load compare --spec A --spec B [scenario] [options]</c>: the same scenario, seed and timings
/// run on each spec in turn, then one report folder with both runs side by side. Exit code by the thresholds of both runs.
/// </summary>
public static class CompareCommand
{
    /// <summary>The subcommand's name.</summary>
    public const string Name = "compare";

    /// <summary>The subcommand; <paramref name="args"/> is the whole command line (for the reports).</summary>
    public static Command Create(string[] args, TextWriter output, TextWriter error, bool outputRedirected, CancellationToken ct)
    {
        var options = new LoadOptions();
        var specs = new Option<string[]>("--spec")
        {
            Description = $"A spec to run, given twice: A then B; ratios are B/A ({string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command(Name,
            "Runs one scenario, seed and timings on two specs in turn (--spec A --spec B) and writes one report folder: every metric of both "
            + "with the ratio B/A, overlaid failover and writable histograms, both timelines and each spec's safety verdict, with each run's own "
            + "report in a sub-folder (default --out: reports/compare-<yyyyMMdd-HHmmss>). Without --seed both runs share one random seed. Exit 0 when both runs pass their thresholds, 1 when either fails.");
        options.AddTo(command, options.Spec);
        command.Add(specs);
        command.SetAction(async (parsed, _) =>
        {
            var names = parsed.GetValue(specs) ?? [];
            var problems = new List<string>();
            if (names.Length != 2) problems.Add($"compare needs --spec twice, A then B (got {names.Length} --spec)");
            foreach (var unknown in names.Where(n => KevySpecElectors.Find(n) is null))
                problems.Add($"unknown spec '{unknown}'; known specs: {string.Join(", ", KevySpecElectors.All.Select(e => e.Name))}");
            var settings = SettingsResolver.Resolve(parsed, options, names.FirstOrDefault() ?? "election", args, outputRedirected, out var runProblems);
            problems.AddRange(runProblems.Where(p => !p.StartsWith("unknown spec", StringComparison.Ordinal)));
            if (problems.Count > 0 || settings is null)
            {
                UsageErrors.Write(error, "kevyspec-load compare", problems, "kevyspec-load compare");
                return ExitCodes.UsageError;
            }
            var folder = parsed.GetValue(options.Out)
                ?? Path.Combine("reports", "compare-" + DateTimeOffset.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            if (ReportFolder.WriteProblem(folder) is { } why)
            {
                UsageErrors.Write(error, "kevyspec-load compare", [$"--out: cannot write the reports to '{folder}': {why}"], "kevyspec-load compare");
                return ExitCodes.UsageError;
            }

            var models = new List<ReportModel>();
            var worst = ExitCodes.Passed;
            for (var i = 0; i < 2; i++)
            {
                var run = settings with { Spec = KevySpecElectors.Find(names[i])!, OutDir = Path.Combine(folder, CompareReport.RunFolder(i, names[i])) };
                output.WriteLine($"kevyspec-load compare: run {i + 1} of 2 ({(i == 0 ? "A" : "B")}): spec {run.Spec.Name}, seed {run.Seed}");
                var (code, model) = await LoadCli.RunAndReportAsync(run, output, error, ct).ConfigureAwait(false);
                worst = Math.Max(worst, code);
                if (model is null) return ExitCodes.RunFailed;
                models.Add(model);
            }
            try
            {
                CompareReport.Write(models[0], models[1], folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"kevyspec-load compare: cannot write the reports to '{folder}': {e.Message}");
                return ExitCodes.RunFailed;
            }
            output.WriteLine($"kevyspec-load compare: {models[0].Run.Settings.Spec.Name} (A): {ReportText.Verdict(models[0])}; {ReportText.Safety(models[0])}");
            output.WriteLine($"kevyspec-load compare: {models[1].Run.Settings.Spec.Name} (B): {ReportText.Verdict(models[1])}; {ReportText.Safety(models[1])}");
            output.WriteLine($"kevyspec-load compare: report {Path.GetFullPath(folder)} (report.md, report.html, metrics.csv, latency-histogram.png, one sub-folder per run)");
            return worst;
        });
        return command;
    }
}
