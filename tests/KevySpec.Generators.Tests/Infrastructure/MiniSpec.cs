using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Generators.Tests.Infrastructure;

/// <summary>
/// A minimal valid spec, written line by line, that a test breaks one line at a time. A test
/// marks the text a diagnostic must point at with «guillemets»: <see cref="Text"/> drops them,
/// <see cref="Marked"/> says where they were.
/// </summary>
internal sealed class MiniSpec
{
    public const string FileName = "mini.spec.md";
    public const string Path = "/consumer/spec/" + FileName;

    public const string ElectorLine = "Elector: `MiniElector`";
    public const string StatesHeader = "| state   | start | meaning             |";
    public const string ReplicaState = "| Replica | yes   | follows the primary |";
    public const string PrimaryState = "| Primary | no    | leads               |";
    public const string StagesHeading = "## Tick stages";
    public const string FirstTickStage = "1. `first-tick` — the cold-start grace counts from here.";
    public const string HeartbeatsStage = "2. `heartbeats` — heartbeats go out.";
    public const string TransitionsHeading = "## Transitions";
    public const string TransitionsHeader = "| from    | on         | when                                  | to      | do                          |";
    public const string TransitionsSeparator = "|---------|------------|---------------------------------------|---------|-----------------------------|";
    public const string FirstTickRow = "| *       | first-tick | !first-tick-seen                      | =       | remember-first-tick         |";
    public const string HeartbeatsRow = "| *       | heartbeats |                                       | =       | send-due-heartbeats         |";
    public const string AnnounceRow = "| Replica | announce   | !announce-epoch-stale, announces-self | Primary | adopt-announce              |";
    public const string HbRow = "| Primary | hb         | hb-claims-primary, hb-epoch-newer     | Replica | record-view, adopt-hb-epoch |";
    public const string Invariant = "- `single-primary` — no two live nodes are primary at the same epoch.";

    private static readonly string[] ValidLines =
    [
        "# Mini election",
        "",
        ElectorLine,
        "",
        "Two states and four rows: just enough table for every check to have something to look at.",
        "",
        "## States",
        "",
        StatesHeader,
        "|---------|-------|---------------------|",
        ReplicaState,
        PrimaryState,
        "",
        StagesHeading,
        "",
        FirstTickStage,
        HeartbeatsStage,
        "",
        TransitionsHeading,
        "",
        TransitionsHeader,
        TransitionsSeparator,
        FirstTickRow,
        HeartbeatsRow,
        AnnounceRow,
        HbRow,
        "",
        "## Invariants",
        "",
        Invariant,
    ];

    private readonly IReadOnlyList<string> _lines;
    private readonly string _lineEnding;

    private MiniSpec(IReadOnlyList<string> lines, string lineEnding = "\n")
    {
        _lines = lines;
        _lineEnding = lineEnding;
        var marked = lines.Select((line, number) => (line, number)).Where(l => l.line.Contains('«')).ToList();
        if (marked.Count > 1) throw new ArgumentException("mark one place only");
        if (marked.Count == 1)
        {
            var (line, number) = marked[0];
            var start = line.IndexOf('«');
            var end = line.IndexOf('»');
            if (end < start) throw new ArgumentException($"unbalanced marks in '{line}'");
            MarkedText = line.Substring(start + 1, end - start - 1);
            Marked = new LinePosition(number, start);
        }
        Text = string.Join(lineEnding, lines.Select(l => l.Replace("«", "").Replace("»", ""))) + lineEnding;
    }

    /// <summary>The spec before any test touches it: it compiles cleanly.</summary>
    public static MiniSpec Valid { get; } = new(ValidLines);

    /// <summary>The spec text, marks removed.</summary>
    public string Text { get; }

    /// <summary>Where the marked text starts (0-based line and column), if a line is marked.</summary>
    public LinePosition? Marked { get; }

    /// <summary>The marked text.</summary>
    public string? MarkedText { get; }

    /// <summary>The 1-based line of <paramref name="line"/>, as diagnostics and the generated table count.</summary>
    public int LineOf(string line)
    {
        var index = IndexOf(line);
        return index + 1;
    }

    public MiniSpec Replace(string line, string with)
    {
        var lines = _lines.ToList();
        lines[IndexOf(line)] = with;
        return new MiniSpec(lines, _lineEnding);
    }

    public MiniSpec InsertAfter(string line, string added)
    {
        var lines = _lines.ToList();
        lines.Insert(IndexOf(line) + 1, added);
        return new MiniSpec(lines, _lineEnding);
    }

    public MiniSpec Remove(string line)
    {
        var lines = _lines.ToList();
        lines.RemoveAt(IndexOf(line));
        return new MiniSpec(lines, _lineEnding);
    }

    /// <summary>The same spec with Windows line endings.</summary>
    public MiniSpec WithCrlf() => new(_lines, "\r\n");

    private int IndexOf(string line)
    {
        var index = _lines.ToList().IndexOf(line);
        return index >= 0 ? index : throw new ArgumentException($"the spec has no line '{line}'");
    }

    public override string ToString() => Text;
}
