using System.Globalization;
using System.Text.RegularExpressions;
using KevySpec.Graph;

namespace KevySpec.Tests.Graph;

/// <summary>
/// The graphs say exactly what the table says: one edge (or, in DOT, one entry inside its state for a row that
/// keeps the role) per row and state, in table order, byte-stable.
/// </summary>
public sealed partial class TransitionGraphTests
{
    public static TheoryData<string> Specs => [.. KevySpecElectors.All.Select(e => e.Name)];

    [GeneratedRegex("""^  "(?<from>\w+)" -> "(?<to>\w+)" \[label="L(?<line>\d+) (?<rest>.*)\];$""")]
    private static partial Regex DotEdge();

    [GeneratedRegex("""^    (?<from>\w+) --> (?<to>\w+) : L(?<line>\d+) (?<rest>.*)$""")]
    private static partial Regex MermaidEdge();

    [GeneratedRegex("""^  "(?<state>\w+)" \[label=<<TABLE """)]
    private static partial Regex DotStateWithInternals();

    [GeneratedRegex("""^    <TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="10">(?<label>L(?<line>\d+) .*)</FONT></TD></TR>$""")]
    private static partial Regex DotInternal();

    [Theory]
    [MemberData(nameof(Specs))]
    public void Dot_has_one_edge_per_row_and_state_whose_role_it_changes_in_table_order(string spec)
    {
        var table = Table(spec);
        var edges = table.ToDotLines().Select(l => DotEdge().Match(l)).Where(m => m.Success)
            .Select(m => (From: m.Groups["from"].Value, To: m.Groups["to"].Value, Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(Expected(table).Where(e => e.From != e.To), edges);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Dot_lists_every_row_that_keeps_the_role_inside_its_state_in_table_order(string spec)
    {
        var table = Table(spec);
        var internals = DotInternals(table).Select(i => (From: i.State, To: i.State, i.Line)).ToList();
        // Grouped by state, in declaration order; within a state, in table order.
        var expected = table.States.SelectMany(state => Expected(table).Where(e => e.From == e.To && e.From == state.ToString()));
        Assert.Equal(expected, internals);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Mermaid_has_one_transition_per_row_and_applicable_state_in_table_order(string spec)
    {
        var table = Table(spec);
        var edges = TransitionGraph.ToMermaid(table).Split('\n').Select(l => MermaidEdge().Match(l)).Where(m => m.Success)
            .Select(m => (From: m.Groups["from"].Value, To: m.Groups["to"].Value, Line: int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                Internal: m.Groups["rest"].Value.EndsWith(" (internal)", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(Expected(table).Select(e => (e.From, e.To, e.Line, Internal: e.From == e.To)), edges);
        Assert.Equal(table.StartStates.Select(s => $"    [*] --> {s}"), TransitionGraph.ToMermaid(table).Split('\n').Where(l => l.StartsWith("    [*]", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_edge_label_carries_the_trigger_guards_and_actions_of_its_row(string spec)
    {
        var table = Table(spec);
        var dot = table.ToDotLines().Where(l => DotEdge().IsMatch(l)).ToList();
        var edges = TransitionGraph.Edges(table).Where(e => !e.IsInternal).ToList();
        Assert.Equal(edges.Count, dot.Count);
        for (var i = 0; i < edges.Count; i++)
            Assert.Contains($"[label=\"{string.Concat(LabelLines(table, edges[i].Row).Select(l => l + "\\l"))}\"", dot[i]);

        var labels = DotInternals(table).ToDictionary(i => (i.State, i.Line), i => i.Label);
        foreach (var edge in TransitionGraph.Edges(table).Where(e => e.IsInternal))
            Assert.Equal(string.Join("<BR/>", LabelLines(table, edge.Row)), labels[(edge.From.ToString(), edge.Row.Line)]);
    }

    [Fact]
    public void Edges_expand_a_star_row_to_every_state_and_keep_same_state_targets_as_self_loops()
    {
        Role[] states = [Role.Replica, Role.Candidate, Role.Primary];
        var table = new SpecTable("TestElector", "test.spec.md", "Test", states, [Role.Replica], ["tock"], ["hb"],
        [
            new SpecRow(10, null, "tock", [], null, ["a"]),
            new SpecRow(11, Role.Replica, "hb", ["g"], Role.Replica, ["b"]),
            new SpecRow(12, Role.Candidate, "hb", [], Role.Primary, []),
        ], []);

        var edges = TransitionGraph.Edges(table);

        Assert.Equal(
            [(10, Role.Replica, Role.Replica, true), (10, Role.Candidate, Role.Candidate, true), (10, Role.Primary, Role.Primary, true),
             (11, Role.Replica, Role.Replica, true), (12, Role.Candidate, Role.Primary, false)],
            edges.Select(e => (e.Row.Line, e.From, e.To, e.IsInternal)));
        Assert.Equal(["tick tock", "tick tock", "tick tock", "on hb", "on hb"], edges.Select(e => e.TriggerText));
        Assert.Equal("  \"Candidate\" -> \"Primary\" [label=\"L12 on hb\\l\"];", table.ToDotLines().Single(l => l.Contains("L12", StringComparison.Ordinal)));
    }

    [Fact]
    public void Editing_a_row_in_a_copy_of_the_spec_changes_exactly_its_edges()
    {
        var specPath = Path.Combine(RepoFiles.SpecFolder, ReferenceElector.Table.File);
        var text = File.ReadAllText(specPath);
        // The first row that changes the role: make it stay instead (target "=").
        var row = ReferenceElector.Table.Rows.First(r => r.From is { } from && r.To is { } to && from != to);
        var edited = EditTargetCell(text, row.Line, "=");

        var original = Draw(text);
        var changed = Draw(edited);

        // The generator run reproduces the build's table, so the in-memory edit is a faithful stand-in.
        Assert.Equal(TransitionGraph.ToDot(ReferenceElector.Table), original);
        Assert.NotEqual(original, changed);
        var before = original.Split('\n');
        var after = changed.Split('\n');
        // The edge leaves the graph and the row moves inside its state: one line out, one line in.
        var removed = Assert.Single(before.Except(after));
        var added = Assert.Single(after.Except(before));
        Assert.Equal(before.Length, after.Length);
        Assert.StartsWith($"  \"{row.From}\" -> \"{row.To}\" [label=\"L{row.Line} ", removed);
        Assert.Matches(DotInternal(), added);
        Assert.Contains((row.From.ToString()!, row.Line), DotInternals(changed.Split('\n')).Select(i => (i.State, i.Line)));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Output_is_identical_across_runs_and_cultures(string spec)
    {
        var table = Table(spec);
        var first = Render(table);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "tr-TR", "ar-SA", "de-DE", "ja-JP" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                Assert.Equal(first, Render(table));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        Assert.Equal(first, Render(KevySpecElectors.Find(spec)!.Table));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Output_uses_lf_line_endings_only(string spec)
    {
        foreach (var text in Render(Table(spec)))
        {
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain('\uFEFF', text);
            Assert.EndsWith("\n", text);
            Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal), "one final newline");
        }
    }

    [Fact]
    public void Markdown_renders_the_rows_with_their_lines_and_fences_the_mermaid_diagram()
    {
        var table = ReferenceElector.Table;
        var markdown = TransitionGraph.ToMarkdown(table);
        var lines = markdown.Split('\n');
        var rowLines = lines.Where(l => l.StartsWith("| L", StringComparison.Ordinal)).ToList();
        Assert.Equal(table.Rows.Count, rowLines.Count);
        var first = table.Rows[0];
        Assert.Equal($"| L{first.Line} | {first.From?.ToString() ?? "*"} | {first.On} | {first.WhenText} | {first.To?.ToString() ?? "="} | {first.DoText} |", rowLines[0]);
        var fence = Array.IndexOf(lines, "```mermaid");
        Assert.True(fence > 0, "a ```mermaid fence");
        Assert.Equal(TransitionGraph.ToMermaid(table), string.Join("\n", lines[(fence + 1)..Array.LastIndexOf(lines, "```")]) + "\n");
    }

    /// <summary>The spec line and trigger, guards and actions of <paramref name="row"/>, as a label's lines.</summary>
    private static IEnumerable<string> LabelLines(SpecTable table, SpecRow row) =>
        new[]
        {
            $"L{row.Line} {(table.TickStages.Contains(row.On) ? "tick " : "on ")}{row.On}",
            row.When.Count > 0 ? $"[{string.Join(", ", row.When)}]" : "",
            row.Do.Count > 0 ? $"/ {string.Join(", ", row.Do)}" : "",
        }.Where(l => l.Length > 0);

    private static IEnumerable<(string State, int Line, string Label)> DotInternals(SpecTable table) => DotInternals(table.ToDotLines());

    /// <summary>The internal transitions listed inside the states of a DOT graph: state, spec line, label.</summary>
    private static IEnumerable<(string State, int Line, string Label)> DotInternals(IEnumerable<string> dotLines)
    {
        string? state = null;
        foreach (var line in dotLines)
        {
            if (DotStateWithInternals().Match(line) is { Success: true } node) state = node.Groups["state"].Value;
            else if (DotInternal().Match(line) is { Success: true } entry)
                yield return (state!, int.Parse(entry.Groups["line"].Value, CultureInfo.InvariantCulture), entry.Groups["label"].Value);
        }
    }

    private static string[] Render(SpecTable table) =>
        [TransitionGraph.ToDot(table), TransitionGraph.ToMermaid(table), TransitionGraph.ToMarkdown(table)];

    private static SpecTable Table(string spec) => KevySpecElectors.Find(spec)!.Table;

    /// <summary>The edges read straight off the rows: one per row and state it applies to.</summary>
    private static IEnumerable<(string From, string To, int Line)> Expected(SpecTable table) =>
        from row in table.Rows
        from state in table.States
        where row.From is null || row.From == state
        select (state.ToString(), (row.To ?? state).ToString(), row.Line);

    /// <summary>Runs the generator on <paramref name="specText"/>, compiles the elector and draws it.</summary>
    private static string Draw(string specText)
    {
        var path = Path.Combine(RepoFiles.SpecFolder, ReferenceElector.Table.File);
        var run = SpecGeneratorRun.Of([(path, specText)], rootNamespace: "GraphScratch");
        Assert.True(run.Diagnostics.Count == 0, SpecGeneratorRun.Describe(run.Diagnostics));
        var table = SpecGeneratorRun.CompileTable(run.SourceOf(nameof(ReferenceElector)), $"GraphScratch.{nameof(ReferenceElector)}");
        return TransitionGraph.ToDot(table);
    }

    /// <summary>Replaces the <c>to</c> cell of the transition row on 1-based <paramref name="line"/>.</summary>
    private static string EditTargetCell(string text, int line, string target)
    {
        var lines = text.Split('\n');
        var cells = lines[line - 1].Split('|');
        Assert.Equal(7, cells.Length); // "", from, on, when, to, do, ""
        cells[4] = $" {target} ";
        lines[line - 1] = string.Join('|', cells);
        return string.Join('\n', lines);
    }
}

internal static class DotLines
{
    public static string[] ToDotLines(this SpecTable table) => TransitionGraph.ToDot(table).Split('\n');
}
