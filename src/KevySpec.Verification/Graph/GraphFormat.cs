namespace KevySpec.Graph;

/// <summary>The renderings <c>kevyspec graph</c> produces.</summary>
public enum GraphFormat
{
    /// <summary>Graphviz DOT of the spec table (<see cref="TransitionGraph.ToDot"/>).</summary>
    Dot,

    /// <summary>Mermaid <c>stateDiagram-v2</c> of the spec table (<see cref="TransitionGraph.ToMermaid"/>).</summary>
    Mermaid,

    /// <summary>The spec table as Markdown plus its Mermaid diagram (<see cref="TransitionGraph.ToMarkdown"/>).</summary>
    Markdown,

    /// <summary>The DOT graph laid out by Graphviz's <c>dot -Tsvg</c> (<see cref="Graphviz"/>).</summary>
    Svg,

    /// <summary>Stateless's own <c>UmlDotGraph</c> of the machine (<see cref="StatelessGraph"/>): states and guards, no actions or spec lines.</summary>
    StatelessDot,
}

/// <summary>Command-line names of <see cref="GraphFormat"/>.</summary>
public static class GraphFormats
{
    /// <summary>Every format with its command-line name, in the order help lists them.</summary>
    public static IReadOnlyList<(string Name, GraphFormat Format)> All { get; } =
    [
        ("dot", GraphFormat.Dot),
        ("mermaid", GraphFormat.Mermaid),
        ("markdown", GraphFormat.Markdown),
        ("svg", GraphFormat.Svg),
        ("stateless-dot", GraphFormat.StatelessDot),
    ];

    /// <summary>The command-line names, in <see cref="All"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    /// <summary>The format called <paramref name="name"/> (exact, lowercase), or null.</summary>
    public static GraphFormat? TryParse(string name)
    {
        foreach (var (known, format) in All)
            if (known == name) return format;
        return null;
    }

    /// <summary>The usual file extension of a rendering, with the dot.</summary>
    public static string Extension(this GraphFormat format) => format switch
    {
        GraphFormat.Dot or GraphFormat.StatelessDot => ".dot",
        GraphFormat.Mermaid => ".mmd",
        GraphFormat.Markdown => ".md",
        GraphFormat.Svg => ".svg",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a graph format"),
    };
}
