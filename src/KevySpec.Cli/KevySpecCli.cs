using System.CommandLine;
using System.CommandLine.Help;
using KevySpec.Cli.CommandLine;
using KevySpec.Cli.Commands;

namespace KevySpec.Cli;

/// <summary>The <c>kevyspec</c> command line: one subcommand per job.</summary>
public static class KevySpecCli
{
    /// <summary>Exit code for bad input (arguments, missing files, malformed files).</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parsed = CreateRoot(output, error).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            UsageErrors.Write(error, "kevyspec", parsed);
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>The command tree: the root and one subcommand per job, every whole-number option validated.</summary>
    internal static Command CreateRoot(TextWriter output, TextWriter error)
    {
        // A plain root command named for the tool (RootCommand would take the assembly's name).
        var root = new Command("kevyspec", "kevyspec — design, verify and load-test the kevy election protocol")
        {
            new HelpOption(),
            new VersionOption(),
            ConformCommand.Create(output, error),
            CheckCommand.Create(output, error),
            GraphCommand.Create(output, error),
            NodeCommand.Create(output, error),
        };
        WholeNumberOptions.CoverAll(root);
        return root;
    }
}
