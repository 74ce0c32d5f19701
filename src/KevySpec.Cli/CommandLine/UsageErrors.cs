using System.CommandLine;
using System.CommandLine.Parsing;

namespace KevySpec.Cli.CommandLine;

/// <summary>
/// Writes usage errors the way both programs do (kevyspec and kevyspec-load compile this file): one
/// line per problem, the last one pointing at the help of the command that was run, so a single
/// mistake is a single line.
/// </summary>
internal static class UsageErrors
{
    /// <summary>
    /// Writes <paramref name="problems"/> as <c>tool: problem</c> lines; the last ends with
    /// <c>; see 'command --help'</c> unless it already points at a help.
    /// </summary>
    public static void Write(TextWriter error, string tool, IReadOnlyList<string> problems, string command)
    {
        for (var i = 0; i < problems.Count; i++)
        {
            var line = $"{tool}: {OneLine(problems[i]).TrimEnd('.')}";
            var last = i == problems.Count - 1 && !line.Contains("--help", StringComparison.Ordinal);
            error.WriteLine(last ? $"{line}; see '{command} --help'" : line);
        }
    }

    // System.CommandLine lists allowed values on lines of their own ("Must be one of:\n\t'a'\n\t'b'"): join them.
    private static string OneLine(string message)
    {
        var parts = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length <= 1 ? message.Trim() : $"{parts[0]} {string.Join(", ", parts[1..])}";
    }

    /// <summary>The parse errors of <paramref name="parsed"/>, written as above with the path of the command they belong to.</summary>
    public static void Write(TextWriter error, string tool, ParseResult parsed) =>
        Write(error, tool, [.. parsed.Errors.Select(e => e.Message)], CommandPath(parsed.CommandResult));

    /// <summary>The words that name <paramref name="result"/>'s command, e.g. <c>kevyspec check</c>.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }
}
