using KevySpec.Load.Cli;
using KevySpec.Tests.Shared;

namespace KevySpec.Load.Tests;

// Every numeric option of kevyspec-load and its node-host command, found by walking the command tree,
// refuses garbage with one line naming it (a sentence, not a .NET type), and exit 2.
public class NumericOptionTests
{
    private static readonly IReadOnlyList<NumericOptionProbe.Case> Cases = NumericOptionProbe.Cases(Root());

    public static TheoryData<string> Options => [.. Cases.Select(c => c.ToString())];

    [Fact]
    public void The_walk_finds_numeric_options()
    {
        Assert.NotEmpty(Cases);
    }

    [Theory]
    [MemberData(nameof(Options))]
    public Task Garbage_is_one_line_naming_the_option_and_exit_2(string key) =>
        NumericOptionProbe.AssertGarbageRefusedAsync(Cases.Single(c => c.ToString() == key), args => Root().Parse(args).Errors.Count, async args =>
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await LoadCli.RunAsync(args, output, error, outputRedirected: true, CancellationToken.None);
            return (code, output.ToString(), error.ToString());
        });

    [Fact]
    public async Task A_seed_that_is_not_a_number_is_a_plain_sentence()
    {
        var error = new StringWriter();
        var code = await LoadCli.RunAsync(["--seed", "xyz"], TextWriter.Null, error, outputRedirected: true, CancellationToken.None);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal("kevyspec-load: --seed must be a whole number from -2147483648 to 2147483647 (got 'xyz'); see 'kevyspec-load --help'",
            error.ToString().TrimEnd());
    }

    private static System.CommandLine.Command Root() => LoadCli.CreateRoot([], TextWriter.Null, TextWriter.Null, outputRedirected: true, CancellationToken.None);
}
