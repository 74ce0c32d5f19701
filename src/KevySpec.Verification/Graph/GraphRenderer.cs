namespace KevySpec.Graph;

/// <summary>Renders one elector's graph in a chosen <see cref="GraphFormat"/>.</summary>
public static class GraphRenderer
{
    /// <summary>The graph of <paramref name="definition"/> as text in <paramref name="format"/>, with <c>\n</c> line endings.</summary>
    /// <exception cref="GraphvizException"><see cref="GraphFormat.Svg"/> was asked for and Graphviz is missing or failed.</exception>
    public static string Render(ElectorDefinition definition, GraphFormat format)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return format switch
        {
            GraphFormat.Dot => TransitionGraph.ToDot(definition.Table),
            GraphFormat.Mermaid => TransitionGraph.ToMermaid(definition.Table),
            GraphFormat.Markdown => TransitionGraph.ToMarkdown(definition.Table),
            GraphFormat.Svg => Graphviz.ToSvg(TransitionGraph.ToDot(definition.Table)),
            GraphFormat.StatelessDot => StatelessGraph.ToDot(definition),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a graph format"),
        };
    }
}
