using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using KevySpec.Generators.Diagnostics;
using KevySpec.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KevySpec.Generators.Parsing;

/// <summary>
/// Reads a spec file (Markdown) into a <see cref="SpecDocument"/>. The grammar is small and
/// strict: a <c># title</c>, an <c>Elector: `Name`</c> line, and the sections <c>## States</c>
/// (table), <c>## Tick stages</c> (numbered list), <c>## Transitions</c> (one table) and
/// <c>## Invariants</c> (bullet list). Every other section is prose. The parser never throws on
/// bad input: it reports a diagnostic at the offending line and column and goes on.
/// </summary>
internal static class SpecParser
{
    public const string StatesSection = "States";
    public const string StagesSection = "Tick stages";
    public const string TransitionsSection = "Transitions";
    public const string InvariantsSection = "Invariants";

    private static readonly string[] TransitionHeader = ["from", "on", "when", "to", "do"];
    private static readonly Regex ElectorLine = new(@"^Elector:\s*(?<q>`?)(?<name>[^`]*)\k<q>\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex FenceLine = new(@"^Write fence:\s*(?<q>`?)(?<name>[^`]*)\k<q>\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex NumberedItem = new(@"^\s*\d+\.\s+(?<body>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex BulletItem = new(@"^\s*[-*]\s+(?<body>.*)$", RegexOptions.CultureInvariant);
    private static readonly Regex SeparatorCell = new(@"^:?-+:?$", RegexOptions.CultureInvariant);

    public static ParsedSpec Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var state = new ParseState(path);
        foreach (var line in text.Lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            state.Line(line.LineNumber, line.Start, text.ToString(line.Span));
        }
        return state.Finish();
    }

    private enum TablePhase { None, Header, Separator, Rows, Done, Broken }

    private sealed class ParseState(string path)
    {
        private readonly List<DiagnosticInfo> _diagnostics = [];
        private readonly List<StateDecl> _states = [];
        private readonly List<Token> _stages = [];
        private readonly List<RowDecl> _rows = [];
        private readonly List<InvariantDecl> _invariants = [];
        private string? _title;
        private Token? _elector;
        private Token? _fence;
        private string? _section;
        private TablePhase _phase;
        private int[] _statesColumns = [0, -1];
        private bool _hasStates, _hasStages, _hasTable;

        public void Line(int number, int offset, string raw)
        {
            if (raw.StartsWith("## ", StringComparison.Ordinal))
            {
                _section = raw.Substring(3).Trim();
                _phase = TablePhase.Header;
                _hasStates |= _section == StatesSection;
                _hasStages |= _section == StagesSection;
                return;
            }
            if (raw.StartsWith("# ", StringComparison.Ordinal) && _title is null)
            {
                _title = raw.Substring(2).Trim();
                return;
            }
            if (_section is null)
            {
                var match = ElectorLine.Match(raw);
                if (match.Success) ElectorName(match.Groups["name"], number, offset);
                var fence = FenceLine.Match(raw);
                if (fence.Success) FenceName(fence.Groups["name"], number, offset);
                return;
            }
            switch (_section)
            {
                case StatesSection: TableLine(number, offset, raw, StatesRow, StatesHeader); break;
                case TransitionsSection: TableLine(number, offset, raw, TransitionRow, TransitionsHeader); break;
                case StagesSection: ListLine(number, offset, raw, NumberedItem, StageItem); break;
                case InvariantsSection: ListLine(number, offset, raw, BulletItem, InvariantItem); break;
            }
        }

        public ParsedSpec Finish()
        {
            var fileName = System.IO.Path.GetFileName(path);
            var specName = fileName.EndsWith(".spec.md", StringComparison.OrdinalIgnoreCase)
                ? fileName.Substring(0, fileName.Length - ".spec.md".Length)
                : fileName;
            var top = new Token("", 0, 0, 0);
            if (_elector is null) Report(SpecDiagnostics.MissingElectorName, top, fileName);
            if (!_hasTable) Report(SpecDiagnostics.NoTransitionTable, top, fileName);
            if (!_hasStates) Report(SpecDiagnostics.MissingSection, top, fileName, StatesSection, "declare the states in a '| state | start | meaning |' table");
            if (!_hasStages) Report(SpecDiagnostics.MissingSection, top, fileName, StagesSection, "list the tick stages in order, as '1. `stage-name` — what it does'");

            var document = new SpecDocument(path, fileName, specName, _title ?? specName, _elector, _fence,
                _states.ToEquatableArray(), _stages.ToEquatableArray(), _rows.ToEquatableArray(),
                _invariants.ToEquatableArray(), _hasStates, _hasStages, _hasTable);
            return new ParsedSpec(document, _diagnostics.ToEquatableArray());
        }

        private void ElectorName(Group group, int number, int offset)
        {
            var lead = group.Value.Length - group.Value.TrimStart().Length; // blanks inside the backticks
            var token = new Token(group.Value.Trim(), number, group.Index + lead, offset + group.Index + lead);
            if (_elector is not null)
            {
                Report(SpecDiagnostics.DuplicateDeclaration, token, "Elector", token.Text, (_elector.Line + 1).ToString());
                return;
            }
            _elector = token;
            if (!Names.IsIdentifier(token.Text))
                Report(SpecDiagnostics.InvalidName, token, token.Text, "elector class", "use a C# identifier such as 'ReferenceElector'");
        }

        private void FenceName(Group group, int number, int offset)
        {
            var lead = group.Value.Length - group.Value.TrimStart().Length;
            var token = new Token(group.Value.Trim(), number, group.Index + lead, offset + group.Index + lead);
            if (_fence is not null)
            {
                Report(SpecDiagnostics.DuplicateDeclaration, token, "Write fence", token.Text, (_fence.Line + 1).ToString());
                return;
            }
            _fence = token;
            if (token.Text is not (WriteFences.Majority or WriteFences.LeaseQuorum))
                Report(SpecDiagnostics.UnknownWriteFence, token, token.Text);
        }

        // ---- tables ----

        private void TableLine(int number, int offset, string raw, Action<List<Token>, int, string> row, Func<List<Token>, bool> header)
        {
            var isTable = raw.TrimStart().StartsWith("|", StringComparison.Ordinal);
            if (!isTable)
            {
                if (_phase == TablePhase.Rows) _phase = TablePhase.Done;
                return;
            }
            var cells = Cells(raw, number, offset);
            switch (_phase)
            {
                case TablePhase.Header:
                    _phase = header(cells) ? TablePhase.Separator : TablePhase.Broken;
                    break;
                case TablePhase.Separator:
                    if (cells.All(c => SeparatorCell.IsMatch(c.Text))) _phase = TablePhase.Rows;
                    else
                    {
                        Report(SpecDiagnostics.MalformedTable, cells[0], "the header row must be followed by a separator row such as '|---|---|'");
                        _phase = TablePhase.Broken;
                    }
                    break;
                case TablePhase.Rows:
                    row(cells, number, raw);
                    break;
                case TablePhase.Done:
                    Report(SpecDiagnostics.MalformedTable, cells[0], $"a second table in '## {_section}': keep every row in one table");
                    _phase = TablePhase.Broken;
                    break;
            }
        }

        private bool TransitionsHeader(List<Token> cells)
        {
            if (cells.Select(c => c.Text.ToLowerInvariant()).SequenceEqual(TransitionHeader))
            {
                _hasTable = true;
                return true;
            }
            _hasTable = true;
            Report(SpecDiagnostics.MalformedTable, cells[0], $"the transition table's header must be '| from | on | when | to | do |', found '| {string.Join(" | ", cells.Select(c => c.Text))} |'");
            return false;
        }

        private bool StatesHeader(List<Token> cells)
        {
            var names = cells.Select(c => c.Text.ToLowerInvariant()).ToList();
            var state = names.IndexOf("state");
            if (state < 0)
            {
                Report(SpecDiagnostics.MalformedTable, cells[0], "the states table needs a 'state' column (and a 'start' column saying yes or no)");
                return false;
            }
            _statesColumns = [state, names.IndexOf("start")];
            return true;
        }

        private void StatesRow(List<Token> cells, int number, string raw)
        {
            int stateColumn = _statesColumns[0], startColumn = _statesColumns[1];
            if (cells.Count <= Math.Max(stateColumn, startColumn))
            {
                Report(SpecDiagnostics.MalformedRow, cells[0], $"the states table has more columns than this row's {cells.Count}");
                return;
            }
            var name = cells[stateColumn];
            var isStart = true;
            if (startColumn >= 0)
            {
                var start = cells[startColumn].Text.ToLowerInvariant();
                if (start is not ("yes" or "no"))
                {
                    Report(SpecDiagnostics.MalformedRow, cells[startColumn], $"'start' must be yes or no, found '{cells[startColumn].Text}'");
                    return;
                }
                isStart = start == "yes";
            }
            if (!Names.IsIdentifier(name.Text))
            {
                Report(SpecDiagnostics.InvalidName, name, name.Text, "state", "use a C# identifier such as 'Replica'");
                return;
            }
            var first = _states.FirstOrDefault(s => s.Name.Text == name.Text);
            if (first is not null)
            {
                Report(SpecDiagnostics.DuplicateDeclaration, name, "State", name.Text, (first.Name.Line + 1).ToString());
                return;
            }
            _states.Add(new StateDecl(name, isStart));
        }

        private void TransitionRow(List<Token> cells, int number, string raw)
        {
            if (cells.Count != TransitionHeader.Length)
            {
                Report(SpecDiagnostics.MalformedRow, cells[0], $"expected 5 cells (from, on, when, to, do), found {cells.Count}");
                return;
            }
            Token from = cells[0], on = cells[1], when = cells[2], to = cells[3], actions = cells[4];
            var ok = Required(from, "'from' is empty: name a state, or * for every state")
                   & Required(on, "'on' is empty: name a tick stage or a message")
                   & Required(to, "'to' is empty: name a state, or = to stay");
            if (ok && on.Text.Length > 0) ok &= KebabName(on, "trigger");

            var guards = new List<GuardRef>();
            foreach (var item in List(when, "'when' has an empty guard between commas", ref ok))
            {
                var negated = item.Text.StartsWith("!", StringComparison.Ordinal);
                var name = negated ? Skip(item, 1) : item;
                if (KebabName(name, "guard")) guards.Add(new GuardRef(name, negated));
                else ok = false;
            }
            var doList = new List<Token>();
            foreach (var item in List(actions, "'do' has an empty action between commas", ref ok))
            {
                if (KebabName(item, "action")) doList.Add(item);
                else ok = false;
            }
            if (ok) _rows.Add(new RowDecl(_rows.Count + 1, from, on, guards.ToEquatableArray(), to, doList.ToEquatableArray(), string.Join(" | ", cells.Select(c => c.Text))));
        }

        private bool Required(Token cell, string problem)
        {
            if (cell.Text.Length > 0) return true;
            Report(SpecDiagnostics.MalformedRow, cell, problem);
            return false;
        }

        private List<Token> List(Token cell, string emptyItem, ref bool ok)
        {
            var items = new List<Token>();
            if (cell.Text.Length == 0) return items;
            var start = 0;
            while (start <= cell.Text.Length)
            {
                var comma = cell.Text.IndexOf(',', start);
                var end = comma < 0 ? cell.Text.Length : comma;
                var rawItem = cell.Text.Substring(start, end - start);
                var lead = rawItem.Length - rawItem.TrimStart().Length;
                var item = new Token(rawItem.Trim(), cell.Line, cell.Column + start + lead, cell.Offset + start + lead);
                if (item.Text.Length == 0)
                {
                    Report(SpecDiagnostics.MalformedRow, new Token("", cell.Line, cell.Column + start, cell.Offset + start), emptyItem);
                    ok = false;
                }
                else items.Add(item);
                if (comma < 0) break;
                start = comma + 1;
            }
            return items;
        }

        // ---- lists ----

        private void ListLine(int number, int offset, string raw, Regex itemPattern, Action<Token, string> item)
        {
            if (raw.Trim().Length == 0) return;
            var match = itemPattern.Match(raw);
            if (!match.Success) return; // prose between items
            var body = match.Groups["body"];
            var text = body.Value;
            if (!text.StartsWith("`", StringComparison.Ordinal) || text.IndexOf('`', 1) < 0)
            {
                var expected = _section == StagesSection ? "'1. `stage-name` — what it does'" : "'- `invariant-name` — what it claims'";
                Report(SpecDiagnostics.MalformedListItem, new Token(text, number, body.Index, offset + body.Index), _section!, expected);
                return;
            }
            var close = text.IndexOf('`', 1);
            var name = new Token(text.Substring(1, close - 1), number, body.Index + 1, offset + body.Index + 1);
            var rest = text.Substring(close + 1).Trim().TrimStart('—', '-', ':').Trim();
            item(name, rest);
        }

        private void StageItem(Token name, string text)
        {
            if (!KebabName(name, "tick stage")) return;
            var first = _stages.FirstOrDefault(s => s.Text == name.Text);
            if (first is not null)
            {
                Report(SpecDiagnostics.DuplicateDeclaration, name, "Tick stage", name.Text, (first.Line + 1).ToString());
                return;
            }
            // 'a1b' and 'a-1b' would both become the trigger 'A1b'.
            var twin = _stages.FirstOrDefault(s => Names.Pascal(s.Text) == Names.Pascal(name.Text));
            if (twin is not null)
            {
                Report(SpecDiagnostics.InvalidName, name, name.Text, "tick stage", $"it becomes '{Names.Pascal(name.Text)}' in C#, as '{twin.Text}' (line {twin.Line + 1}) does");
                return;
            }
            _stages.Add(name);
        }

        private void InvariantItem(Token name, string text)
        {
            if (!KebabName(name, "invariant")) return;
            var first = _invariants.FirstOrDefault(i => i.Name.Text == name.Text);
            if (first is not null)
            {
                Report(SpecDiagnostics.DuplicateDeclaration, name, "Invariant", name.Text, (first.Name.Line + 1).ToString());
                return;
            }
            _invariants.Add(new InvariantDecl(name, text));
        }

        // ---- helpers ----

        /// <summary>The token without its first <paramref name="count"/> characters and the blanks after them.</summary>
        private static Token Skip(Token token, int count)
        {
            var rest = token.Text.Substring(count);
            var lead = rest.Length - rest.TrimStart().Length;
            return new Token(rest.Trim(), token.Line, token.Column + count + lead, token.Offset + count + lead);
        }

        private bool KebabName(Token name, string kind)
        {
            if (Names.IsKebab(name.Text)) return true;
            Report(SpecDiagnostics.InvalidName, name, name.Text, kind, "use lowercase kebab-case such as 'primary-known'");
            return false;
        }

        private static List<Token> Cells(string raw, int number, int offset)
        {
            var cells = new List<Token>();
            var first = raw.IndexOf('|');
            var end = raw.TrimEnd().Length;
            var closed = end > first + 1 && raw[end - 1] == '|';
            var last = closed ? end - 1 : end;
            var start = first + 1;
            while (start <= last)
            {
                var pipe = raw.IndexOf('|', start);
                if (pipe < 0 || pipe > last) pipe = last;
                var rawCell = raw.Substring(start, pipe - start);
                var lead = rawCell.Length - rawCell.TrimStart().Length;
                cells.Add(new Token(rawCell.Trim(), number, start + lead, offset + start + lead));
                if (pipe >= last) break;
                start = pipe + 1;
            }
            if (cells.Count == 0) cells.Add(new Token("", number, first, offset + first));
            return cells;
        }

        private void Report(DiagnosticDescriptor descriptor, Token at, params string[] args) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor.Id, path, at.Span, args.ToImmutableArray().ToEquatableArray()));
    }
}
