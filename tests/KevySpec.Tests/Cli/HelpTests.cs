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
        Assert.Contains("dir", run.Output, StringComparison.Ordinal);
        Assert.Contains("--spec", run.Output, StringComparison.Ordinal);
        Assert.Contains("--verbose", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        var run = CliRun.Of("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("kevyspec --help", run.Error, StringComparison.Ordinal);
    }
}
