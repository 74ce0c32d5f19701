namespace KevySpec.Tests.Cli;

// `kevyspec --help` and `kevyspec conform --help` describe the tool and exit 0.
public sealed class HelpTests
{
    [Fact]
    public void Root_help_lists_the_conform_command()
    {
        var run = CliRun.Of("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("kevyspec", run.Output, StringComparison.Ordinal);
        Assert.Contains("conform", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Conform_help_describes_its_argument_and_options()
    {
        var run = CliRun.Of("conform", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<path>", run.Output, StringComparison.Ordinal);
        Assert.Contains("--spec", run.Output, StringComparison.Ordinal);
        Assert.Contains("--verbose", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void A_value_outside_an_options_list_is_one_line_listing_the_allowed_ones()
    {
        var run = CliRun.Of("check", "--mode", "fast");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("kevyspec: Argument 'fast' not recognized. Must be one of: 'sim', ", line, StringComparison.Ordinal);
        Assert.EndsWith("; see 'kevyspec check --help'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var run = CliRun.Of("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("kevyspec --help", run.Error, StringComparison.Ordinal);
    }
}
