using KevySpec.Cli;
using KevySpec.Tests.Shared;

namespace KevySpec.Tests.Cli;

// Every numeric option of every kevyspec command, found by walking the command tree (new options are
// covered without editing this file), refuses garbage with one line naming it, and exit 2.
public sealed class NumericOptionTests
{
    private static readonly IReadOnlyList<NumericOptionProbe.Case> Cases =
        NumericOptionProbe.Cases(KevySpecCli.CreateRoot(TextWriter.Null, TextWriter.Null));

    public static TheoryData<string> Options => [.. Cases.Select(c => c.ToString())];

    [Fact]
    public void The_walk_finds_numeric_options()
    {
        Assert.NotEmpty(Cases);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public Task Garbage_is_one_line_naming_the_option_and_exit_2(string key) =>
        NumericOptionProbe.AssertGarbageRefusedAsync(Cases.Single(c => c.ToString() == key),
            args => KevySpecCli.CreateRoot(TextWriter.Null, TextWriter.Null).Parse(args).Errors.Count,
            args =>
            {
                var run = CliRun.Of(args);
                return Task.FromResult((run.ExitCode, run.Output, run.Error));
            });

    [Theory]
    [InlineData(new[] { "check", "--seeds", "abc" }, "kevyspec: --seeds must be a whole number from 1 to 2147483647 (got 'abc'); see 'kevyspec check --help'")]
    [InlineData(new[] { "check", "--depth", "1.5" }, "kevyspec: --depth must be a whole number from 1 to 2147483647 (got '1.5'); see 'kevyspec check --help'")]
    [InlineData(new[] { "check", "--seeds", "99999999999999" }, "kevyspec: --seeds must be a whole number from 1 to 2147483647 (got '99999999999999'); see 'kevyspec check --help'")]
    [InlineData(new[] { "check", "--seeds", "0" }, "kevyspec: --seeds must be a whole number from 1 to 2147483647 (got '0'); see 'kevyspec check --help'")]
    [InlineData(new[] { "frobnicate" }, "kevyspec: Unrecognized command or argument 'frobnicate'; see 'kevyspec --help'")]
    public void A_usage_error_is_one_line_pointing_at_the_commands_help(string[] args, string expected)
    {
        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, run.ErrorLines[^1]);
    }
}
