using System.CommandLine;
using System.Text;
using KevySpec.Graph;

namespace KevySpec.Cli.Commands;

/// <summary><c>kevyspec graph</c>: draws a compiled-in spec table as a state graph (DOT, Mermaid, Markdown or SVG).</summary>
internal static class GraphCommand
{
    private const string DefaultFormat = "dot";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var spec = SpecOption.Create("The spec to draw: a spec name (" + string.Join(", ", KevySpecElectors.All.Select(e => e.Name))
            + $"; default {SpecOption.Default}) or the path of its .spec.md file, or with --project one of that project's specs (default: its only one). "
            + "The graph comes from the compiled table, not from the file on disk: rebuild after editing spec/*.spec.md (dotnet run does; --project builds).");
        var project = SpecOption.CreateProject();
        var format = new Option<string>("--format", "-f")
        {
            Description = "dot (default): Graphviz source of the table graph; mermaid: a stateDiagram-v2; markdown: the table plus the Mermaid "
                + "diagram in one document; svg: the DOT laid out by Graphviz's 'dot -Tsvg' (needs Graphviz: apt-get install graphviz); "
                + "stateless-dot: Stateless's own UmlDotGraph of the machine (guards only: no actions, no spec lines, internal transitions not marked).",
            DefaultValueFactory = _ => DefaultFormat,
            HelpName = string.Join('|', GraphFormats.Names),
        };
        var file = new Option<string?>("--output", "-o")
        {
            Description = "Write to this file (its folders are created) instead of standard output.",
        };
        var command = new Command("graph",
            "Draw a spec table as a state graph: one edge per row and state it applies to, labelled with the spec line, trigger, "
            + "[guards] and / actions; internal transitions (the role stays) are dashed. The output is byte-identical on every machine, "
            + "so the approved snapshots under tests/KevySpec.Tests/Graph show a spec change as a diff.")
        {
            spec, project, format, file,
        };
        command.SetAction(parsed => Run(parsed.GetValue(spec), parsed.GetValue(project), parsed.GetValue(format)!, parsed.GetValue(file), output, error));
        return command;
    }

    private static int Run(string? specNameOrPath, string? project, string formatName, string? file, TextWriter output, TextWriter error)
    {
        using var source = SpecSource.Open(specNameOrPath, project, error);
        if (source is null) return KevySpecCli.UsageError;
        var elector = source.Elector;
        if (GraphFormats.TryParse(formatName) is not { } format)
        {
            error.WriteLine($"kevyspec: unknown format '{formatName}'; known formats: {string.Join(", ", GraphFormats.Names)}");
            return KevySpecCli.UsageError;
        }

        string text;
        try
        {
            text = GraphRenderer.Render(elector, format);
        }
        catch (GraphvizException e)
        {
            error.WriteLine($"kevyspec: {e.Message}");
            return KevySpecCli.UsageError;
        }

        if (file is null)
        {
            output.Write(text);
            return 0;
        }
        if (Directory.Exists(file))
        {
            error.WriteLine($"kevyspec: cannot write '{file}': it is a folder; give a file path, e.g. {Path.Combine(file, elector.Name + format.Extension())}");
            return KevySpecCli.UsageError;
        }
        try
        {
            var full = Path.GetFullPath(file);
            if (Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"kevyspec: cannot write '{file}': {e.Message}");
            return KevySpecCli.UsageError;
        }
        output.WriteLine($"wrote {file} ({elector.Name}, {formatName})");
        return 0;
    }
}
