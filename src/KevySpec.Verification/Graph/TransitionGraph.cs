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
    /// <see cref="Edges"/> entry labelled with the spec line and trigger, <c>[guards]</c> and <c>/ actions</c> on
    /// three left-justified lines; internal transitions (self-loops) are dashed.
    /// </summary>
    public static string ToDot(SpecTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var w = new StringBuilder();
        Line(w, $"// Transition graph of {table.Elector}, generated from {table.File} by kevyspec graph. Do not edit.");
        Line(w, "// One edge per spec row and state it applies to; dashed = internal transition (the role stays).");
        Line(w, $"digraph \"{GraphText.Dot(table.Elector)}\" {{");
        // Tall boxes and left-justified labels keep the stacked self-loops of a state readable.
        Line(w, $"  graph [label=\"{GraphText.Dot(table.Elector)} ({GraphText.Dot(table.File)})\", labelloc=t, rankdir=LR, nodesep=0.6, ranksep=1.0, fontname=\"Helvetica\"];");
        Line(w, "  node [shape=box, style=rounded, height=1.2, width=1.4, fontname=\"Helvetica\"];");
        Line(w, "  edge [fontname=\"Helvetica\", fontsize=10];");
        Line(w, "");
        if (table.StartStates.Count > 0) Line(w, "  \"__start\" [shape=point, width=0.15, label=\"\"];");
        foreach (var state in table.States) Line(w, $"  \"{state}\";");
        Line(w, "");
        foreach (var state in table.StartStates) Line(w, $"  \"__start\" -> \"{state}\" [label=\"start\"];");
        foreach (var edge in Edges(table))
        {
            // "\l" ends a left-justified label line (DOT's own escape, kept literal in the output).
            var label = string.Concat(new[] { $"{edge.LineTag} {edge.TriggerText}", edge.GuardText, edge.ActionText }
                .Where(part => part.Length > 0)
                .Select(part => GraphText.Dot(part) + @"\l"));
            Line(w, $"  \"{edge.From}\" -> \"{edge.To}\" [label=\"{label}\"{(edge.IsInternal ? ", style=dashed" : "")}];");
        }
        Line(w, "}");
        return w.ToString();
    }

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
