using KevySpec.Graph;

namespace KevySpec.Tests.Graph;

/// <summary>Names that mean something to DOT, Mermaid or Markdown still render literally.</summary>
public sealed class GraphEscapingTests
{
    private static readonly SpecTable Odd = new("OddElector", "odd \"name\".spec.md", "Odd: a; b", [Role.Replica, Role.Primary], [Role.Replica], ["tick:1"], ["hb"],
    [
        new SpecRow(7, Role.Replica, "hb", ["a:b", "c;d", "say \"hi\"", @"back\slash", "x#58;y", "<tag>&", "pipe|cell", "!neg"], Role.Primary, ["do:it", "multi\nline"]),
        new SpecRow(8, Role.Primary, "hb", ["<b>bold</b>", "&amp;", "say \"hi\""], null, [@"back\slash", "multi\nline"]),
    ], []);

    [Fact]
    public void Dot_escapes_quotes_and_backslashes_and_keeps_label_lines()
    {
        var edge = Odd.ToDotLines().Single(l => l.Contains("L7", StringComparison.Ordinal));

        Assert.Equal(
            """  "Replica" -> "Primary" [label="L7 on hb\l[a:b, c;d, say \"hi\", back\\slash, x#58;y, <tag>&, pipe|cell, !neg]\l/ do:it, multi line\l"];""",
            edge);
        Assert.Contains("""digraph "OddElector" {""", TransitionGraph.ToDot(Odd));
        Assert.Contains("graph [label=\"OddElector (odd \\\"name\\\".spec.md)\",", TransitionGraph.ToDot(Odd));
    }

    [Fact]
    public void Dot_writes_the_html_reserved_characters_of_a_row_inside_a_state_as_entities()
    {
        var entry = Odd.ToDotLines().Single(l => l.Contains("L8", StringComparison.Ordinal));

        Assert.Equal(
            """    <TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10">L8 on hb<BR/>[&lt;b&gt;bold&lt;/b&gt;, &amp;amp;, say &quot;hi&quot;]<BR/>/ back\slash, multi line</FONT></TD></TR>""",
            entry);
    }

    [Fact]
    public void Mermaid_labels_use_entity_codes_for_what_the_grammar_reserves_and_keep_bang_readable()
    {
        var edge = TransitionGraph.ToMermaid(Odd).Split('\n').Single(l => l.Contains("L7", StringComparison.Ordinal));

        Assert.Equal(
            "    Replica --> Primary : L7 on hb [a#58;b, c#59;d, say #34;hi#34;, back\\slash, x#35;58#59;y, #60;tag#62;#38;, pipe|cell, !neg] / do#58;it, multi line",
            edge);
        // stateDiagram-v2 reads a label as ":" [^:\n;]+ — nothing after the separator may break it.
        var label = edge[(edge.IndexOf(" : ", StringComparison.Ordinal) + 3)..];
        Assert.DoesNotContain(':', label.Replace("#58;", "", StringComparison.Ordinal));
        Assert.Equal(label.Count(c => c == ';'), CountCodes(label));
    }

    [Fact]
    public void Markdown_escapes_table_cells()
    {
        var row = TransitionGraph.ToMarkdown(Odd).Split('\n').Single(l => l.StartsWith("| L7 ", StringComparison.Ordinal));

        Assert.Equal(@"| L7 | Replica | hb | a:b, c;d, say ""hi"", back\\slash, x#58;y, \<tag\>&, pipe\|cell, !neg | Primary | do:it, multi line |", row);
        Assert.Equal(6, SplitCells(row).Length); // line, from, on, when, to, do
    }

    [GraphvizFact]
    public void Graphviz_accepts_the_escaped_dot()
    {
        var svg = Graphviz.ToSvg(TransitionGraph.ToDot(Odd));

        Assert.Contains("<svg", svg);
        Assert.Contains("say &quot;hi&quot;", svg);
        Assert.Contains(@"back\slash", svg);
        Assert.Contains("[&lt;b&gt;bold&lt;/b&gt;, &amp;amp;, say &quot;hi&quot;]", svg); // the row inside Primary, literally
    }

    private static int CountCodes(string label) =>
        System.Text.RegularExpressions.Regex.Count(label, "#[0-9]+;");

    // Cells split on '|' not preceded by a backslash: an escaped pipe stays inside its cell.
    private static string[] SplitCells(string row) =>
        System.Text.RegularExpressions.Regex.Split(row.Trim('|'), @"(?<!\\)\|");
}
