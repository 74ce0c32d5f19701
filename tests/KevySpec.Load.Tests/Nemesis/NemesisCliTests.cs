using KevySpec.Load.Cli;
using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

public class NemesisCliTests
{
    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CliTests.Run(args);

    [Fact]
    public async Task Help_names_every_option_and_fault()
    {
        var (code, output, _) = await Run("nemesis", "--help");

        Assert.Equal(0, code);
        foreach (var text in new[] { "--nodes", "--duration", "--seed", "--timings", "--faults", "--hold", "--spec", "--out", "partition", "one-way", "isolate-primary", "ring", "pause", "kill" })
            Assert.Contains(text, output);
    }

    [Theory]
    [InlineData("--nodes", "abc", "--nodes: 'abc' is not a whole number")]
    [InlineData("--nodes", "2", "--nodes must be between 3 and 50 (got 2)")]
    [InlineData("--seed", "xyz", "--seed: 'xyz' is not a whole number")]
    [InlineData("--seed", "99999999999", "--seed must be between")]
    [InlineData("--duration", "0s", "--duration must be positive (got 0s)")]
    [InlineData("--hold", "soon", "--hold:")]
    [InlineData("--faults", "partition,flood", "unknown fault 'flood' in --faults")]
    [InlineData("--timings", "slow", "unknown --timings 'slow'")]
    [InlineData("--spec", "nope", "unknown spec 'nope'")]
    public async Task Bad_input_is_one_line_and_exit_2_before_anything_runs(string option, string value, string message)
    {
        var (code, _, error) = await Run("nemesis", option, value);

        Assert.Equal(ExitCodes.UsageError, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("kevyspec-load nemesis: ", lines[0]);
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task A_ring_needs_four_nodes()
    {
        var (code, _, error) = await Run("nemesis", "--nodes", "3", "--faults", "ring,pause");

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Contains("the ring fault needs at least 4 nodes (got --nodes 3)", error);
    }

    [Fact]
    public void Three_nodes_by_default_leave_the_ring_out_with_a_note()
    {
        var settings = Resolve(out var problems, out var notes, "--nodes", "3");

        Assert.True(settings is not null, string.Join("\n", problems));
        Assert.Equal(FaultKinds.All.Where(k => k != FaultKind.Ring), settings.Faults);
        Assert.Equal(["note: the ring fault is left out: it needs at least 4 nodes (got --nodes 3)"], notes);
    }

    [Fact]
    public void Five_nodes_by_default_get_every_fault_and_no_note()
    {
        var settings = Resolve(out _, out var notes);

        Assert.Equal(FaultKinds.All, settings!.Faults);
        Assert.Empty(notes);
    }

    [Fact]
    public async Task Help_shows_no_argument_of_the_parent_command()
    {
        var (code, output, _) = await Run("nemesis", "--help");

        Assert.Equal(0, code);
        Assert.Contains("  kevyspec-load nemesis [options]", output);
        Assert.DoesNotContain("scenario", output);
        Assert.DoesNotContain("Arguments:", output);
        var (_, rootHelp, _) = await Run("--help");
        Assert.Contains("<scenario>", rootHelp);   // the root's own help keeps it
    }

    private static NemesisSettings? Resolve(out List<string> problems, out List<string> notes, params string[] args)
    {
        var root = LoadCli.CreateRoot([], TextWriter.Null, TextWriter.Null, outputRedirected: true, CancellationToken.None);
        return NemesisCommand.Resolve(root.Parse(["nemesis", .. args]), out problems, out notes);
    }

    // Namespaces are checked first (exit 4 where they are unavailable), then the report folder.
    [NamespacesFact]
    public async Task An_unwritable_report_folder_is_refused_before_the_run()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, output, error) = await Run("nemesis", "--out", file);

            Assert.Equal(ExitCodes.UsageError, code);
            Assert.Contains($"cannot write the reports to '{file}'", error);
            Assert.DoesNotContain("lab", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
