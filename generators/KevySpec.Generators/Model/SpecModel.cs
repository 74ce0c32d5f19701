using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Generators.Model;

/// <summary>A piece of spec text and where it stands in the file (0-based line and column).</summary>
internal sealed record Token(string Text, int Line, int Column, int Offset)
{
    public int Length => Text.Length;

    public SpecSpan Span => new(Offset, Text.Length == 0 ? 1 : Text.Length, Line, Column, Line, Column + (Text.Length == 0 ? 1 : Text.Length));
}

/// <summary>A span of the spec file: an equatable stand-in for a Roslyn <c>Location</c>.</summary>
internal sealed record SpecSpan(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public TextSpan TextSpan => new(Start, Length);

    public LinePositionSpan LineSpan => new(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn));
}

/// <summary>A state declared in the spec's <c>## States</c> table.</summary>
internal sealed record StateDecl(Token Name, bool IsStart);

/// <summary>A guard in a row's <c>when</c> cell; <see cref="Negated"/> for <c>!name</c>.</summary>
internal sealed record GuardRef(Token Name, bool Negated)
{
    public string Key => Negated ? "!" + Name.Text : Name.Text;
}

/// <summary>One transition row, as written (not yet checked against the declarations).</summary>
internal sealed record RowDecl(
    int Ordinal,
    Token From,
    Token On,
    EquatableArray<GuardRef> When,
    Token To,
    EquatableArray<Token> Do,
    string SourceLine)
{
    /// <summary>1-based line, as people and tools count.</summary>
    public int Line => On.Line + 1;

    public bool IsAnyState => From.Text == "*";

    public bool Stays => To.Text == "=";
}

/// <summary>An invariant from the <c>## Invariants</c> list.</summary>
internal sealed record InvariantDecl(Token Name, string Text);

/// <summary>Everything the parser read from one spec file.</summary>
internal sealed record SpecDocument(
    string Path,
    string FileName,
    string SpecName,
    string Title,
    Token? ElectorName,
    Token? WriteFence,
    EquatableArray<StateDecl> States,
    EquatableArray<Token> Stages,
    EquatableArray<RowDecl> Rows,
    EquatableArray<InvariantDecl> Invariants,
    bool HasStatesSection,
    bool HasStagesSection,
    bool HasTransitionTable);

/// <summary>A diagnostic to report: descriptor id, where, and its message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, string Path, SpecSpan Span, EquatableArray<string> Args);

/// <summary>The parse of one spec file: what it says and what is wrong with it.</summary>
internal sealed record ParsedSpec(SpecDocument Document, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The write fences a spec may declare with a <c>Write fence: `name`</c> line.</summary>
internal static class WriteFences
{
    /// <summary>The protocol's: a majority of members heard less than down_after ago (the default).</summary>
    public const string Majority = "majority";

    /// <summary>A majority heard at the node's own epoch less than write_lease ago.</summary>
    public const string LeaseQuorum = "lease-quorum";
}
