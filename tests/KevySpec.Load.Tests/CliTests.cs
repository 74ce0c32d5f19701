using KevySpec.Load.Cli;

namespace KevySpec.Load.Tests;

public class CliTests
{
    /// <summary>Runs the command line in-process (output redirected), returning its exit code and what it wrote.</summary>
    internal static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await LoadCli.RunAsync(args, output, error, outputRedirected: true, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_names_the_tool_and_every_option()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("kevyspec-load", output);
        foreach (var option in new[] { "--nodes", "--duration", "--hb", "--down-after", "--election-timeout", "--seed", "--simulation", "--rate", "--interval", "--copies", "--threshold", "--out", "--spec", "--no-live", "--timings", "--store", "--warmup", "--hosts" })
            Assert.Contains(option, output);
        Assert.Contains("failover.p99", output);
        Assert.Contains("primary-kill", output);
        Assert.Contains("node-host", output);
    }

    [Fact]
    public async Task The_node_host_command_has_help_too()
    {
        var (code, output, _) = await Run("node-host", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Hosts some of a load run's nodes for the runner", output);
    }

    [Fact]
    public async Task A_run_over_node_hosts_says_so_and_counts_their_cpu()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kevyspec-load-hosts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = await Run("steady", "--nodes", "4", "--hosts", "2", "--duration", "3s", "--seed", "3", "--no-live", "--out", folder);

            Assert.True(code == ExitCodes.Passed, $"exit {code}\n{output}\n{error}");
            var md = File.ReadAllText(Path.Combine(folder, "report.md"));
            Assert.Contains("| nodes | 4, over 2 node host processes (CPU and memory below include theirs) |", md);
            var metrics = File.ReadAllLines(Path.Combine(folder, "metrics.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
            Assert.True(double.Parse(metrics["frames.out_per_sec"], System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.Equal("0", metrics["violations"]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(new[] { "--threshold", "failover.p99<700furlongs" }, "kevyspec-load: bad threshold 'failover.p99<700furlongs': unknown unit 'furlongs' for duration metric 'failover.p99'; use us, ms or s")]
    [InlineData(new[] { "-t", "violations=0" }, "kevyspec-load: bad threshold 'violations=0': '=' is not an operator; use one of <=, <, >=, >, ==")]
    [InlineData(new[] { "--duration", "ten" }, "kevyspec-load: --duration: 'ten' is not a duration (a number followed by one of us, ms, s, m, h, e.g. 500ms or 60s)")]
    [InlineData(new[] { "--hb", "0s" }, "kevyspec-load: --hb must be positive (got 0s)")]
    [InlineData(new[] { "--hb", "1s", "--down-after", "500ms" }, "kevyspec-load: --hb (1s) must be shorter than --down-after (500ms)")]
    [InlineData(new[] { "chaos" }, "kevyspec-load: unknown scenario 'chaos'; known: mixed, steady, primary-kill, partition-flap, rolling-restart")]
    [InlineData(new[] { "--nodes", "0" }, "kevyspec-load: --nodes must be a whole number from 1 to 200 (got '0')")]
    [InlineData(new[] { "--nodes", "3", "--hosts", "4" }, "kevyspec-load: --hosts must be between 0 and 3 for 3 node(s) (got 4)")]
    [InlineData(new[] { "--hosts", "-1" }, "kevyspec-load: --hosts must be a whole number from 0 to 32 (got '-1')")]
    [InlineData(new[] { "--spec", "raft" }, "kevyspec-load: unknown spec 'raft'; known specs: ")]
    [InlineData(new[] { "--simulation", "burst" }, "kevyspec-load: unknown --simulation 'burst'; use inject, keep-constant, ramp or none")]
    [InlineData(new[] { "steady", "--simulation", "inject" }, "kevyspec-load: the steady scenario injects no events")]
    [InlineData(new[] { "--timings", "slow" }, "kevyspec-load: unknown --timings 'slow'; use fast or protocol")]
    [InlineData(new[] { "--store", "disk" }, "kevyspec-load: unknown --store 'disk'; use file or memory")]
    [InlineData(new[] { "--copies", "0" }, "kevyspec-load: --copies must be a whole number from 1 to 2147483647 (got '0')")]
    [InlineData(new[] { "--bogus" }, "kevyspec-load: unknown option '--bogus'")]
    [InlineData(new[] { "primary-kill", "--nodes", "1" }, "kevyspec-load: the primary-kill scenario needs at least 3 nodes: each of its faults must leave a connected majority, which 1 node(s) cannot (got --nodes 1; use steady or --simulation none for fewer)")]
    [InlineData(new[] { "--nodes", "2" }, "kevyspec-load: the mixed scenario needs at least 3 nodes")]
    [InlineData(new[] { "rolling-restart", "-n", "2", "--simulation", "keep-constant" }, "kevyspec-load: the rolling-restart scenario needs at least 3 nodes")]
    [InlineData(new[] { "partition-flap", "-n", "1" }, "kevyspec-load: the partition-flap scenario needs at least 3 nodes")]
    public async Task Bad_input_is_a_usage_error_with_a_precise_message(string[] args, string expected)
    {
        var (code, output, error) = await Run(args);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains(expected, error);
        Assert.Contains("see 'kevyspec-load --help'", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("steady", "1")]
    [InlineData("steady", "2")]
    [InlineData("primary-kill", "3")]
    [InlineData("mixed", "3")]
    [InlineData("primary-kill", "2", "--simulation", "none")]
    public void A_scenario_runs_on_as_few_nodes_as_its_faults_allow(params string[] args)
    {
        var options = new LoadOptions();
        var root = new System.CommandLine.Command("kevyspec-load");
        options.AddTo(root);
        string[] line = [args[0], "--nodes", .. args[1..]];
        var settings = SettingsResolver.Resolve(root.Parse(line), options, "election", line, outputRedirected: true, out var problems);

        Assert.True(settings is not null, string.Join("\n", problems));
    }

    [Fact]
    public void Every_scenario_that_injects_faults_needs_a_fault_budget_and_gets_one_at_its_minimum()
    {
        foreach (var (name, kind, _) in Scenarios.Scenario.Catalog)
        {
            var least = Scenarios.Scenario.MinNodes(kind);
            if (kind == Scenarios.ScenarioKind.Steady)
            {
                Assert.Equal(1, least);
                continue;
            }
            Assert.True(Runner.ChurnEngine.FaultBudget(least) >= 1, name);
            Assert.Equal(0, Runner.ChurnEngine.FaultBudget(least - 1));
        }
    }

    [Fact]
    public async Task An_unwritable_report_folder_is_refused_before_the_run_starts()
    {
        var file = Path.GetTempFileName(); // a file where the folder should go, and under it
        try
        {
            foreach (var outDir in new[] { file, Path.Combine(file, "reports") })
            {
                var (code, output, error) = await Run("steady", "--nodes", "3", "--duration", "10m", "--no-live", "--out", outDir);

                Assert.Equal(ExitCodes.UsageError, code);
                Assert.Equal("", output); // no run started: it would have printed its header
                var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
                Assert.StartsWith($"kevyspec-load: --out: cannot write the reports to '{outDir}': ", line);
                Assert.DoesNotContain("   at ", error);
            }
            Assert.True(File.Exists(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_writable_report_folder_is_created_and_left_empty_by_the_check()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kevyspec-load-probe-" + Guid.NewGuid().ToString("N"), "reports");
        try
        {
            Assert.Null(Reports.ReportFolder.WriteProblem(folder));
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var (code, _, error) = await Run("--duration", "x", "-t", "nope<1");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("--duration: 'x' is not a duration", error);
        Assert.Contains("bad threshold 'nope<1': unknown metric 'nope'", error);
    }
}
