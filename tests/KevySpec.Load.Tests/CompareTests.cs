using System.Globalization;
using KevySpec.Load.Cli;

namespace KevySpec.Load.Tests;

public sealed class CompareTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kevyspec-load-compare-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Compare_runs_both_specs_on_one_seed_and_reports_them_side_by_side()
    {
        const int seed = 11;
        var (code, output, error) = await CliTests.Run("compare", "--spec", "election", "--spec", "election-hardened", "primary-kill", "--nodes", "3",
            "--duration", "4s", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--no-live", "--out", _folder);

        var md = File.ReadAllText(Path.Combine(_folder, "report.md"));
        // Exit code by both runs' thresholds (the default violations==0).
        Assert.True(code == (md.Contains("thresholds FAILED", StringComparison.Ordinal) ? ExitCodes.ThresholdFailed : ExitCodes.Passed), $"exit {code} (seed {seed})\n{output}\n{error}");
        Assert.Contains("run 1 of 2 (A): spec election, seed 11", output);
        Assert.Contains("run 2 of 2 (B): spec election-hardened, seed 11", output);
        Assert.Contains("# KevySpec compare: primary-kill on 3 nodes, A: election vs B: election-hardened", md);
        Assert.Contains("- **A: election** — thresholds ", md);
        Assert.Contains("- **B: election-hardened** — thresholds ", md);
        Assert.Contains("safety SAFE", md);
        Assert.Contains("![Failover (elected) and writable latency, A and B](latency-histogram.png)", md);
        foreach (var run in new[] { "a-election", "b-election-hardened" })
        {
            Assert.Contains($"]({run}/timeline-roles.png)", md);
            Assert.Contains($"]({run}/report.md)", md);
            Assert.True(File.Exists(Path.Combine(_folder, run, "timeline-roles.png")), $"{run}/timeline-roles.png missing (seed {seed})");
            Assert.True(File.Exists(Path.Combine(_folder, run, "metrics.csv")), $"{run}/metrics.csv missing (seed {seed})");
        }
        Assert.True(File.Exists(Path.Combine(_folder, "latency-histogram.png")));
        Assert.Contains("data:image/png;base64,", File.ReadAllText(Path.Combine(_folder, "report.html")));

        var rows = File.ReadAllLines(Path.Combine(_folder, "metrics.csv"));
        Assert.Equal("metric,a,b,ratio,unit", rows[0]);
        var byName = rows.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        foreach (var name in new[] { "failover.p50", "writable.p50", "unwritable.total", "duration" }) Assert.True(byName.ContainsKey(name), $"{name} missing");
        // Each ratio is B/A of the two columns beside it.
        var duration = byName["duration"];
        var ratio = double.Parse(duration[2], CultureInfo.InvariantCulture) / double.Parse(duration[1], CultureInfo.InvariantCulture);
        // The columns are printed rounded, so the ratio of the printed values agrees to about 1e-5 relative.
        Assert.InRange(double.Parse(duration[3], CultureInfo.InvariantCulture), ratio * (1 - 1e-4), ratio * (1 + 1e-4));
        Assert.Contains("| `duration` | ", md);
    }

    [Theory]
    [InlineData("compare needs --spec twice, A then B (got 1 --spec)", "compare", "--spec", "election")]
    [InlineData("compare needs --spec twice, A then B (got 0 --spec)", "compare", "primary-kill")]
    [InlineData("compare needs --spec twice, A then B (got 3 --spec)", "compare", "--spec", "election", "--spec", "election", "--spec", "election")]
    [InlineData("unknown spec 'nope'; known specs: election, election-hardened", "compare", "--spec", "election", "--spec", "nope")]
    [InlineData("unknown scenario 'sideways'", "compare", "--spec", "election", "--spec", "election-hardened", "sideways")]
    public async Task Compare_says_what_is_wrong_in_one_line_and_runs_nothing(string expected, params string[] args)
    {
        var (code, output, error) = await CliTests.Run([.. args, "--out", _folder]);

        Assert.Equal(ExitCodes.UsageError, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("kevyspec-load compare: " + expected, line);
        Assert.EndsWith("see 'kevyspec-load compare --help'", line.TrimEnd());
        Assert.DoesNotContain("run 1 of 2", output);
    }

    [Fact]
    public async Task Compare_has_help()
    {
        var (code, output, _) = await CliTests.Run("compare", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--spec A --spec B", output);
        Assert.Contains("ratio B/A", output);
        Assert.Contains("writable.p99", output);
    }
}
