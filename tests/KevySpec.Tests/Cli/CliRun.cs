using KevySpec.Cli;

namespace KevySpec.Tests.Cli;

/// <summary>One in-process run of the <c>kevyspec</c> CLI: exit code, and what it wrote to stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = KevySpecCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public string[] OutputLines => Lines(Output);

    public string[] ErrorLines => Lines(Error);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
}
