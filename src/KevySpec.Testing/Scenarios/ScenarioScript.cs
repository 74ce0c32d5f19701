using System.Text;

namespace KevySpec.Scenarios;

/// <summary>
/// A scenario script (etcd raft's datadriven format): each command is one line, then a line
/// <c>----</c>, then its expected output up to the next blank line (or the end of the file).
/// Lines starting with <c>#</c> and blank lines between commands are kept as they are.
/// </summary>
public sealed class ScenarioScript
{
    /// <summary>The separator between a command and its expected output.</summary>
    public const string Separator = "----";

    private readonly List<object> _parts;

    private ScenarioScript(string file, List<object> parts)
    {
        File = file;
        _parts = parts;
        Commands = [.. parts.OfType<ScenarioCommand>()];
    }

    /// <summary>The file name shown in errors.</summary>
    public string File { get; }

    /// <summary>The commands, in order.</summary>
    public IReadOnlyList<ScenarioCommand> Commands { get; }

    /// <summary>Parses <paramref name="text"/> (a script read from <paramref name="file"/>).</summary>
    /// <exception cref="ScenarioException">A command has no <c>----</c> line after it.</exception>
    public static ScenarioScript Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];
        var parts = new List<object>();
        for (var i = 0; i < lines.Length;)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || line.StartsWith('#'))
            {
                parts.Add(line);
                i++;
                continue;
            }
            if (i + 1 >= lines.Length || lines[i + 1] != Separator)
                throw new ScenarioException(file, i + 1, $"command '{line}' must be followed by a line '{Separator}' and its expected output");
            var expected = new List<string>();
            var j = i + 2;
            for (; j < lines.Length && lines[j].Length > 0; j++) expected.Add(lines[j]);
            parts.Add(new ScenarioCommand(i + 1, line.Trim(), expected));
            i = j;
        }
        return new ScenarioScript(file, parts);
    }

    /// <summary>The script with each command's expected output replaced by <paramref name="actual"/> (one entry per command, in order).</summary>
    public string Rewrite(IReadOnlyList<IReadOnlyList<string>> actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Count != Commands.Count) throw new ArgumentException($"{Commands.Count} outputs needed, {actual.Count} given", nameof(actual));
        var text = new StringBuilder();
        var next = 0;
        foreach (var part in _parts)
        {
            if (part is string verbatim)
            {
                text.Append(verbatim).Append('\n');
                continue;
            }
            text.Append(((ScenarioCommand)part).Text).Append('\n').Append(Separator).Append('\n');
            foreach (var line in actual[next++]) text.Append(line).Append('\n');
        }
        return text.ToString();
    }
}

/// <summary>One command of a script.</summary>
/// <param name="Line">Its 1-based line.</param>
/// <param name="Text">The command line.</param>
/// <param name="Expected">Its expected output, one entry per line.</param>
public sealed record ScenarioCommand(int Line, string Text, IReadOnlyList<string> Expected);
