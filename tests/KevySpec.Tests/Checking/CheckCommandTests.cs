using KevySpec.Tests.Cli;

namespace KevySpec.Tests.Checking;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kevyspec-check-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Help_lists_every_option()
    {
        var run = CliRun.Of("check", "--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--spec", "--mode", "--seeds", "--first-seed", "--nodes", "--depth", "--out", "--workers", "--liveness-depth" })
            Assert.Contains(option, run.Output);
    }

    [Theory]
    [InlineData("kevyspec: Argument 'fast' not recognized", "check", "--mode", "fast")]
    [InlineData("kevyspec: --seeds must be at least 1", "check", "--seeds", "0")]
    [InlineData("kevyspec: --depth must be at least 1", "check", "--depth", "0")]
    [InlineData("kevyspec: nodes must be 1 to 4 for an exhaustive check (got 5)", "check", "--mode", "exhaustive", "--nodes", "5")]
    [InlineData("kevyspec: --workers must be at least 0", "check", "--mode", "exhaustive", "--workers", "-1")]
    [InlineData("kevyspec: workers must be 0 (one per processor) to 256 (got 300)", "check", "--mode", "exhaustive", "--workers", "300")]
    [InlineData("kevyspec: --liveness-depth must be at least 0", "check", "--mode", "exhaustive", "--liveness-depth", "-2")]
    [InlineData("kevyspec: Cannot parse argument 'two' for option '--workers'", "check", "--mode", "exhaustive", "--workers", "two")]
    [InlineData("kevyspec: Cannot parse argument 'ten' for option '--depth'", "check", "--mode", "exhaustive", "--depth", "ten")]
    [InlineData("kevyspec: nodes must be 1 to 7 for a simulation (got 8)", "check", "--nodes", "8")]
    public void Bad_arguments_exit_2_with_the_reason(string message, params string[] args)
    {
        var run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(message, run.ErrorLines[0]);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void An_unknown_spec_exits_2()
    {
        var run = CliRun.Of("check", "--spec", "raft");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("kevyspec: ", run.ErrorLines[0]);
        Assert.Contains("raft", run.ErrorLines[0]);
    }

    [Fact]
    public void A_clean_simulation_exits_0_with_a_summary_and_no_progress_on_a_redirected_stderr()
    {
        var run = CliRun.Of("check", "--spec", "election-hardened", "--seeds", "20", "--out", _folder);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("sim: 20 seeds, 0 violations (", run.OutputLines.Single());
        Assert.Empty(run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void Violations_exit_1_and_write_counterexamples_that_conform_replays()
    {
        var run = CliRun.Of("check", "--mode", "exhaustive", "--nodes", "2", "--depth", "7", "--out", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^exhaustive: \d+ states, \d+ distinct, depth 7, \d+ states/s, 2 violations$", run.OutputLines[0]);
        Assert.Matches(@"^  nodes 2, stopped: depth bound reached, [0-9.]+ s on \d+ workers; [0-9.]+ B/state visited set, \d+ B/state in all \(peak [0-9,]+ MiB\); fingerprint collision odds [0-9.]+e-\d+$", run.OutputLines[1]);
        Assert.Contains("  single-primary: a and b are both primary at epoch 2", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("  liveness: primary a is known to 1 of 2 (a majority is 2) 15 s after faults stopped", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "election-single-primary-n2-bootstrap.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "election-liveness-n2-bootstrap.md")));

        // Both traces, the quiet continuation included, are runs of the real elector.
        var replay = CliRun.Of("conform", _folder, "--spec", "election");
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("2 passed, 0 failed", replay.OutputLines.Last());
    }

    [Fact]
    public void The_simulator_reports_the_reference_hazards()
    {
        var run = CliRun.Of("check", "--seeds", "30", "--out", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  single-primary: ", run.Output);
        Assert.NotEmpty(Directory.EnumerateFiles(_folder, "election-*-seed*.jsonl"));
    }
}
