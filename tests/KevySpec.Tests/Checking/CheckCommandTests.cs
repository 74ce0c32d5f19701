using System.Text.RegularExpressions;
using KevySpec.Cli.Commands;
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
    [InlineData("kevyspec: --seeds must be a whole number from 1 to", "check", "--seeds", "0")]
    [InlineData("kevyspec: --depth must be a whole number from 1 to", "check", "--depth", "0")]
    [InlineData("kevyspec: nodes must be 1 to 4 for an exhaustive check (got 5)", "check", "--mode", "exhaustive", "--nodes", "5")]
    [InlineData("kevyspec: --workers must be a whole number from 0 to 2147483647 (got '-1')", "check", "--mode", "exhaustive", "--workers", "-1")]
    [InlineData("kevyspec: workers must be 0 (one per processor) to 256 (got 300)", "check", "--mode", "exhaustive", "--workers", "300")]
    [InlineData("kevyspec: --liveness-depth must be a whole number from 0 to 2147483647 (got '-2')", "check", "--mode", "exhaustive", "--liveness-depth", "-2")]
    [InlineData("kevyspec: --workers must be a whole number from 0 to 2147483647 (got 'two')", "check", "--mode", "exhaustive", "--workers", "two")]
    [InlineData("kevyspec: --depth must be a whole number from 1 to 2147483647 (got 'ten')", "check", "--mode", "exhaustive", "--depth", "ten")]
    [InlineData("kevyspec: nodes must be 1 to 7 for a simulation (got 8)", "check", "--nodes", "8")]
    [InlineData("kevyspec: nodes must be 1 to 7 for a simulation (got 9)", "check", "--nodes", "3,9")]
    [InlineData("kevyspec: --nodes must be a cluster size or a comma-separated list of sizes, such as 3,4,5 (got '3,x')", "check", "--nodes", "3,x")]
    [InlineData("kevyspec: --nodes must be a cluster size or a comma-separated list of sizes, such as 3,4,5 (got '-1')", "check", "--nodes=-1")]
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
    public void A_clean_default_check_runs_sim_and_swarm_over_three_sizes_with_no_progress_on_a_redirected_stderr()
    {
        var run = CliRun.Of("check", "--spec", "election-hardened", "--seeds", "10", "--out", _folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(7, run.OutputLines.Length);
        foreach (var (line, prefix) in run.OutputLines.Zip(new[] { "sim n=3: 10 seeds, 0 violations (", "sim n=4: 10 seeds", "sim n=5: 10 seeds",
                     "swarm n=3: 10 walks, 0 violations (", "swarm n=4: 10 walks", "swarm n=5: 10 walks" }))
            Assert.StartsWith(prefix, line);
        Assert.Matches(@"^check: 0 violations in \d+\.\d s \(sim n=3,4,5; swarm n=3,4,5\)$", run.OutputLines[^1]);
        Assert.Empty(run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void One_mode_and_one_size_print_one_line()
    {
        var run = CliRun.Of("check", "--spec", "election-hardened", "--mode", "swarm", "--nodes", "4", "--seeds", "5", "--out", _folder);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("swarm n=4: 5 walks, 0 violations (", run.OutputLines.Single());
    }

    [Fact]
    public void Violations_exit_1_and_write_counterexamples_that_conform_replays()
    {
        var run = CliRun.Of("check", "--mode", "exhaustive", "--nodes", "2", "--depth", "7", "--out", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"^exhaustive: \d+ states, \d+ distinct, depth 7, \d+ states/s, 2 violations$", run.OutputLines[0]);
        Assert.Matches(@"^  nodes 2, stopped: depth bound reached, [0-9.]+ s on \d+ workers; [0-9.]+ B/state visited set, \d+ B/state in all \(peak [0-9,]+ MiB\); fingerprint collision odds [0-9.]+e-\d+$", run.OutputLines[1]);
        Assert.Contains("  single-primary: a and b are both primary at epoch 2", run.OutputLines);
        Assert.Contains("  single-primary: shortest counterexample, 7 moves after the start", run.OutputLines);
        Assert.Contains("  liveness: shortest counterexample, 2 moves after the start, then faults stop and the quiet continuation runs", run.OutputLines);
        Assert.Contains(run.OutputLines, l => l.StartsWith("  liveness: primary a is known to 1 of 2 (a majority is 2) 18 s after faults stopped", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_folder, "election-single-primary-n2-bootstrap.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "election-liveness-n2-bootstrap.md")));

        // Both traces, the quiet continuation included, are runs of the real elector.
        var replay = CliRun.Of("conform", _folder, "--spec", "election");
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("2 passed, 0 failed", replay.OutputLines.Last());
    }

    [Fact]
    public void The_simulator_reports_the_reference_hazards_says_how_many_it_wrote_and_how_to_replay_each()
    {
        var run = CliRun.Of("check", "--mode", "sim", "--nodes", "3", "--seeds", "60", "--out", _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  single-primary: ", run.Output);
        Assert.Equal(10, Directory.EnumerateFiles(_folder, "election-*-n3-seed*.jsonl").Count());
        var failing = File.ReadAllLines(Path.Combine(_folder, "failing-seeds.txt"));
        Assert.True(failing.Length > 10, string.Join('\n', run.OutputLines));
        Assert.All(failing, line => Assert.Matches(@"^sim n=3 seed \d+ [a-z-]+$", line));
        Assert.Equal($"  {failing.Length} failing runs found; counterexamples of 10 written to {_folder} (the lowest seeds of each size and mode); " +
            $"every failing seed is in {Path.Combine(_folder, "failing-seeds.txt")}", run.OutputLines[^1]);

        var replayLine = run.OutputLines.First(l => l.StartsWith("    replay: ", StringComparison.Ordinal));
        // The tests run from a build in the source tree: the hint is README's `dotnet run --project … --`.
        var hint = Regex.Match(replayLine, @"^    replay: (?<cli>dotnet run --project \S*src/KevySpec.Cli --) (?<args>check --spec election --mode sim --nodes 3 --first-seed \d+ --seeds 1)$");
        Assert.True(hint.Success, replayLine);
        Assert.Equal(SelfInvocation.Prefix, hint.Groups["cli"].Value);
        var replay = CliRun.Of([.. hint.Groups["args"].Value.Split(' '), "--out", Path.Combine(_folder, "again")]);
        Assert.Equal(1, replay.ExitCode);
        Assert.StartsWith("sim n=3: 1 seeds, 1 violations (", replay.OutputLines[0]);
    }
}
