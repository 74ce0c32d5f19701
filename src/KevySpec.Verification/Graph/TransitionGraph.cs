using System.Globalization;
using System.Text;

namespace KevySpec.Graph;

/// <summary>
/// Draws a spec table as a state graph: one edge per row and state it applies to, labelled with
/// the spec line, trigger, guards and actions. The output depends only on the table (table order,
/// <c>\n</c> line endings, invariant culture, no paths or times), so a snapshot of it changes
/// exactly when the protocol does.
/// </summary>
public static class TransitionGraph
{
    /// <summary>
    /// The edges of <paramref name="table"/>, in table order: for each row, one edge per declared
    /// state it applies to (a <c>*</c> row gives one per state), in declaration order.
    /// </summary>
    public static IReadOnlyList<GraphEdge> Edges(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var edges = new List<GraphEdge>();
        foreach (var row in table.Rows)
        {
            var isTickStage = table.TickStages.Contains(row.On);
            foreach (var state in table.States)
                if (row.AppliesIn(state)) edges.Add(new GraphEdge(row, state, row.Target(state), isTickStage));
        }
        return edges;
    }

    /// <summary>
    /// Graphviz DOT: states as rounded boxes, a dot pointing at each start state, and one edge per
    /// <see cref="Edges"/> entry that changes the role, labelled with the spec line and trigger,
    /// <c>[guards]</c> and <c>/ actions</c> on three left-justified lines. The internal transitions
    /// (rows that keep the role) are listed inside their state's box under a dashed line, as UML
    /// draws them: Graphviz stacks many labelled self-loops on one node into overlapping text.
    /// Every row is one line of the output, so a row's edit is a one-line diff.
    /// </summary>
    public static string ToDot(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var edges = Edges(table);
        var w = new StringBuilder();
        Line(w, $"// Transition graph of {table.Elector}, generated from {table.File} by kevyspec graph. Do not edit.");
        Line(w, "// One edge per spec row and state whose role it changes; the rows that keep the role (internal transitions) are listed inside their state.");
        Line(w, $"digraph \"{GraphText.Dot(table.Elector)}\" {{");
        Line(w, $"  graph [label=\"{GraphText.Dot(table.Elector)} ({GraphText.Dot(table.File)})\", labelloc=t, rankdir=LR, nodesep=0.6, ranksep=1.0, fontname=\"Helvetica\"];");
        Line(w, "  node [shape=box, style=rounded, height=0.8, width=1.4, fontname=\"Helvetica\"];");
        Line(w, "  edge [fontname=\"Helvetica\", fontsize=10];");
        Line(w, "");
        if (table.StartStates.Count > 0) Line(w, "  \"__start\" [shape=point, width=0.15, label=\"\"];");
        foreach (var state in table.States)
        {
            var internals = edges.Where(e => e.IsInternal && e.From == state).ToList();
            if (internals.Count == 0)
            {
                Line(w, $"  \"{state}\";");
                continue;
            }
            // An HTML-like label: the state's name, a dashed rule, then one table row per internal transition.
            Line(w, $"  \"{state}\" [label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">");
            Line(w, $"    <TR><TD><FONT POINT-SIZE=\"14\"><B>{state}</B></FONT></TD></TR>");
            Line(w, "    <TR><TD SIDES=\"T\" BORDER=\"1\" STYLE=\"dashed\"></TD></TR>");
            foreach (var edge in internals)
                Line(w, $"    <TR><TD ALIGN=\"LEFT\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\">{string.Join("<BR/>", LabelLines(edge).Select(GraphText.DotHtml))}</FONT></TD></TR>");
            Line(w, "  </TABLE>>];");
        }
        Line(w, "");
        foreach (var state in table.StartStates) Line(w, $"  \"__start\" -> \"{state}\" [label=\"start\"];");
        foreach (var edge in edges.Where(e => !e.IsInternal))
        {
            // "\l" ends a left-justified label line (DOT's own escape, kept literal in the output).
            var label = string.Concat(LabelLines(edge).Select(part => GraphText.Dot(part) + @"\l"));
            Line(w, $"  \"{edge.From}\" -> \"{edge.To}\" [label=\"{label}\"];");
        }
        Line(w, "}");
        return w.ToString();
    }

    // The spec line and trigger, the guards, the actions: the lines of an edge's label, empty ones left out.
    private static IEnumerable<string> LabelLines(GraphEdge edge) =>
        new[] { $"{edge.LineTag} {edge.TriggerText}", edge.GuardText, edge.ActionText }.Where(part => part.Length > 0);

    /// <summary>
    /// Mermaid <c>stateDiagram-v2</c>: <c>[*]</c> points at each start state; one transition per
    /// <see cref="Edges"/> entry labelled <c>L54 tick first-tick [guards] / actions</c>, with
    /// <c>(internal)</c> on self-loops. Characters the grammar reserves are written as entity codes.
    /// </summary>
    public static string ToMermaid(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var w = new StringBuilder();
        Line(w, "stateDiagram-v2");
        Line(w, $"    %% Transition graph of {table.Elector}, generated from {table.File} by kevyspec graph. Do not edit.");
        Line(w, "    %% One transition per spec row and state it applies to; (internal) = the role stays.");
        foreach (var state in table.StartStates) Line(w, $"    [*] --> {state}");
        foreach (var edge in Edges(table))
        {
            var label = string.Join(" ", new[] { edge.LineTag, edge.TriggerText, edge.GuardText, edge.ActionText, edge.IsInternal ? "(internal)" : "" }
                .Where(part => part.Length > 0));
            Line(w, $"    {edge.From} --> {edge.To} : {GraphText.Mermaid(label)}");
        }
        return w.ToString();
    }

    /// <summary>
    /// One Markdown document for review: the states, the tick stages, the transition table as
    /// the generator read it (with each row's spec line) and the Mermaid diagram in a
    /// <c>```mermaid</c> fence, which GitHub and most Markdown viewers draw.
    /// </summary>
    public static string ToMarkdown(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var w = new StringBuilder();
        Line(w, $"# {GraphText.MarkdownCell(table.Elector)}: transition graph");
        Line(w, "");
        Line(w, $"Generated by `kevyspec graph --format markdown` from `{table.File}` ({GraphText.MarkdownCell(table.Title)}).");
        Line(w, "Do not edit: change the spec table and regenerate.");
        Line(w, "");
        Line(w, "## States");
        Line(w, "");
        Line(w, "| state | start |");
        Line(w, "|-------|-------|");
        foreach (var state in table.States) Line(w, $"| {state} | {(table.StartStates.Contains(state) ? "yes" : "no")} |");
        Line(w, "");
        Line(w, "## Tick stages");
        Line(w, "");
        for (var i = 0; i < table.TickStages.Count; i++) Line(w, $"{Number(i + 1)}. {GraphText.MarkdownCell(table.TickStages[i])}");
        if (table.TickStages.Count == 0) Line(w, "(none)");
        Line(w, "");
        Line(w, "## Transitions");
        Line(w, "");
        Line(w, "Rows are tried top to bottom per state and trigger; the first whose guards all hold fires.");
        Line(w, "");
        Line(w, "| line | from | on | when | to | do |");
        Line(w, "|------|------|----|------|----|----|");
        foreach (var row in table.Rows)
        {
            var from = row.From is { } f ? f.ToString() : "*";
            var to = row.To is { } t ? t.ToString() : "=";
            Line(w, $"| L{Number(row.Line)} | {from} | {GraphText.MarkdownCell(row.On)} | {GraphText.MarkdownCell(row.WhenText)} | {to} | {GraphText.MarkdownCell(row.DoText)} |");
        }
        if (table.Invariants.Count > 0)
        {
            Line(w, "");
            Line(w, "## Invariants");
            Line(w, "");
            foreach (var invariant in table.Invariants)
                Line(w, $"- L{Number(invariant.Line)} {GraphText.MarkdownCell(invariant.Name)}: {GraphText.MarkdownCell(invariant.Text)}");
        }
        Line(w, "");
        Line(w, "## Graph");
        Line(w, "");
        Line(w, "One transition per row and state it applies to (a `*` row gives one per state), labelled");
        Line(w, "`line trigger [guards] / actions`; `(internal)` marks a row that keeps the role.");
        Line(w, "");
        Line(w, "```mermaid");
        w.Append(ToMermaid(table));
        Line(w, "```");
        return w.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // Always "\n": the output must be byte-identical on every machine.
    private static void Line(StringBuilder w, string text) => w.Append(text).Append('\n');
}
