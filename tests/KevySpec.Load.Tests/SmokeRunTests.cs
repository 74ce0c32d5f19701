using System.Globalization;
using KevySpec.Load.Cli;

namespace KevySpec.Load.Tests;

/// <summary>
/// The CI smoke run: a real 3-node cluster over TCP loopback, killing its primary again and again
/// for 12 s with thresholds, end to end through the command line. It asserts outcomes (exit code,
/// measures present and consistent), never timings. It runs the hardened elector: the reference
/// one has liveness traps (README, "Checking") that a start on a busy machine can fall into,
/// which would make this smoke run measure nothing.
/// </summary>
public sealed class SmokeRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kevyspec-load-smoke-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Primary_kill_smoke_run_passes_its_thresholds_and_writes_the_reports()
    {
        const int seed = 7;
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await LoadCli.RunAsync(
            ["primary-kill", "--spec", "election-hardened", "--duration", "12s", "--nodes", "3", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--no-live", "--out", _folder,
             "--threshold", "violations==0", "--threshold", "failover.count>=3", "--threshold", "failover.timeouts==0"],
            output, error, outputRedirected: true, CancellationToken.None);

        Assert.True(code == ExitCodes.Passed, $"exit {code} (seed {seed})\n{output}\n{error}");
        foreach (var name in new[] { "report.md", "report.html", "metrics.csv", "events.csv", "timeline.csv", "failover-histogram.png", "timeline-roles.png", "timeline-epochs.png" })
            Assert.True(File.Exists(Path.Combine(_folder, name)), $"{name} missing (seed {seed})");

        var metrics = File.ReadAllLines(Path.Combine(_folder, "metrics.csv")).Skip(1)
            .Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        double Value(string name) => double.Parse(metrics[name], CultureInfo.InvariantCulture);
        Assert.True(Value("failover.count") >= 3, $"failovers: {metrics["failover.count"]} (seed {seed})");
        Assert.Equal(0, Value("violations"));
        // Detection (the first survivor to stand) never comes after convergence.
        Assert.True(Value("detection.max") <= Value("failover.max"), $"detection {metrics["detection.max"]} > failover {metrics["failover.max"]} (seed {seed})");
        // Write availability beside election: every failover's fence opened, and a kill leaves the cluster unwritable a while.
        Assert.Equal(Value("failover.count"), Value("writable.count"));
        foreach (var name in new[] { "writable.p50", "writable.p90", "writable.p99", "writable.max" }) Assert.True(Value(name) > 0, $"{name}: {metrics[name]} (seed {seed})");
        Assert.True(Value("unwritable.total") >= Value("unwritable.max") && Value("unwritable.max") > 0, $"unwritable {metrics["unwritable.total"]} / {metrics["unwritable.max"]} (seed {seed})");
        Assert.True(Value("frames.out_per_sec") > 0);
        Assert.True(Value("cpu.seconds") > 0);
        Assert.True(Value("memory.peak_mb") > 0);

        var md = File.ReadAllText(Path.Combine(_folder, "report.md"));
        Assert.Contains("**Thresholds:** PASSED (3 thresholds)", md);
        Assert.Contains("**Safety:** SAFE", md);
        // Write-safety is judged online, with the delay bound it assumes stated.
        var safety = md.Split('\n').Single(l => l.StartsWith("- **Safety:**", StringComparison.Ordinal));
        Assert.Contains(", write-safety;", safety);
        Assert.Contains("write-safety assumes delay_bound 50ms", safety);
        Assert.Contains("`failover.p99`", md);
        Assert.Contains("data:image/png;base64,", File.ReadAllText(Path.Combine(_folder, "report.html")));
        Assert.Contains("Thresholds: PASSED", output.ToString());
    }
}
