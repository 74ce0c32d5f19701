using KevySpec.Graph;

namespace KevySpec.Tests.Graph;

public sealed class GraphRendererTests
{
    [Fact]
    public void Text_formats_are_the_transition_graph_renderings()
    {
        var definition = ReferenceElector.Definition;
        Assert.Equal(TransitionGraph.ToDot(definition.Table), GraphRenderer.Render(definition, GraphFormat.Dot));
        Assert.Equal(TransitionGraph.ToMermaid(definition.Table), GraphRenderer.Render(definition, GraphFormat.Mermaid));
        Assert.Equal(TransitionGraph.ToMarkdown(definition.Table), GraphRenderer.Render(definition, GraphFormat.Markdown));
    }

    [Fact]
    public void Format_names_round_trip_and_unknown_names_are_rejected()
    {
        Assert.Equal(["dot", "mermaid", "markdown", "svg", "stateless-dot"], GraphFormats.Names);
        foreach (var (name, format) in GraphFormats.All) Assert.Equal(format, GraphFormats.TryParse(name));
        Assert.Null(GraphFormats.TryParse("DOT"));
        Assert.Null(GraphFormats.TryParse("png"));
    }

    [Fact]
    public void Stateless_dot_shows_the_machine_and_guards_but_not_the_actions()
    {
        var table = ReferenceElector.Table;
        var dot = GraphRenderer.Render(ReferenceElector.Definition, GraphFormat.StatelessDot);

        Assert.StartsWith("digraph", dot);
        Assert.DoesNotContain('\r', dot);
        foreach (var state in table.States) Assert.Contains(state.ToString(), dot);
        // The guard text of a role-changing row is there; the actions the table graph shows are not.
        var change = table.Rows.First(r => r.To is not null && r.From is not null && r.To != r.From);
        Assert.Contains(change.WhenText, dot);
        Assert.DoesNotContain(change.Do[0], dot);
        Assert.Equal(dot, GraphRenderer.Render(ReferenceElector.Definition, GraphFormat.StatelessDot));
    }

    [Fact]
    public void Find_dot_looks_only_on_the_given_path()
    {
        var empty = Directory.CreateTempSubdirectory("kevyspec-graph-");
        try
        {
            Assert.Null(Graphviz.FindDot(empty.FullName));
            Assert.Null(Graphviz.FindDot(""));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_dot_program_that_cannot_start_is_a_graphviz_error_not_a_crash()
    {
        var missing = Path.Combine(Path.GetTempPath(), "kevyspec-no-such-folder", "dot");
        var e = Assert.Throws<GraphvizException>(() => Graphviz.ToSvg("digraph { a -> b }", missing));
        Assert.StartsWith($"could not start '{missing}'", e.Message);
    }

    [Fact]
    public void The_install_hint_names_the_package()
    {
        Assert.Contains("apt-get install graphviz", Graphviz.InstallHint);
    }

    [GraphvizFact]
    public void Svg_is_the_dot_graph_laid_out_by_graphviz()
    {
        var svg = GraphRenderer.Render(ReferenceElector.Definition, GraphFormat.Svg);

        Assert.Contains("<svg", svg);
        Assert.DoesNotContain('\r', svg);
        foreach (var row in ReferenceElector.Table.Rows) Assert.Contains($"L{row.Line} ", svg);
    }

    [GraphvizFact]
    public void Graphviz_rejects_a_broken_graph_with_its_own_message()
    {
        var e = Assert.Throws<GraphvizException>(() => Graphviz.ToSvg("digraph { a -> "));
        Assert.Contains("-Tsvg' exited with", e.Message);
        Assert.Contains("syntax error", e.Message);
    }
}
