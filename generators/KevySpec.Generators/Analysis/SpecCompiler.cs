using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KevySpec.Generators.Diagnostics;
using KevySpec.Generators.Model;
using KevySpec.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace KevySpec.Generators.Analysis;

/// <summary>
/// Checks a parsed spec against its own declarations and against the C# vocabulary, and binds
/// every guard and action to its method. A spec with any error yields no model, so a broken
/// table never compiles into an elector.
/// </summary>
internal static class SpecCompiler
{
    public static SpecOutcome Compile(ParsedSpec parsed, OutputTarget target, Vocabulary vocabulary)
    {
        var doc = parsed.Document;
        var diagnostics = new List<DiagnosticInfo>(parsed.Diagnostics);
        void Report(DiagnosticDescriptor d, Token at, params string[] args) =>
            diagnostics.Add(new DiagnosticInfo(d.Id, doc.Path, at.Span, args.ToImmutableArray().ToEquatableArray()));

        if (!vocabulary.HasRuntime)
            Report(SpecDiagnostics.MissingRuntime, new Token("", 0, 0, 0), doc.FileName);

        // Declarations.
        var states = new List<string>();
        foreach (var state in doc.States)
        {
            if (Triggers.Roles.Contains(state.Name.Text)) states.Add(state.Name.Text);
            else Report(SpecDiagnostics.UnknownState, state.Name, state.Name.Text, $"the runtime's roles are {string.Join(", ", Triggers.Roles)}");
        }
        var stages = new List<string>();
        foreach (var stage in doc.Stages)
        {
            if (Triggers.FindMessage(stage.Text) is not null)
                Report(SpecDiagnostics.InvalidName, stage, stage.Text, "tick stage", "it is a message trigger");
            else stages.Add(stage.Text);
        }

        if (doc.ElectorName is { } elector && Names.IsIdentifier(elector.Text) && GeneratedNames.Clash(elector.Text, stages, target.CatalogName) is { } clash)
            Report(SpecDiagnostics.InvalidName, elector, elector.Text, "elector class", clash);

        // Rows.
        var className = doc.ElectorName?.Text ?? "";
        var fullName = target.Namespace + "." + className;
        var rows = new List<BoundRow>();
        foreach (var row in doc.Rows)
        {
            var ok = true;
            string? from = null, to = null;
            if (!row.IsAnyState)
            {
                if (states.Contains(row.From.Text)) from = row.From.Text;
                else { ok = false; Report(SpecDiagnostics.UnknownState, row.From, row.From.Text, Declared(states)); }
            }
            if (!row.Stays)
            {
                if (states.Contains(row.To.Text)) to = row.To.Text;
                else { ok = false; Report(SpecDiagnostics.UnknownState, row.To, row.To.Text, Declared(states)); }
            }
            var message = Triggers.FindMessage(row.On.Text);
            if (message is null && !stages.Contains(row.On.Text))
            {
                ok = false;
                Report(SpecDiagnostics.UnknownTrigger, row.On, row.On.Text, stages.Count == 0 ? "none declared" : string.Join(", ", stages));
            }
            foreach (var group in row.When.GroupBy(g => g.Name.Text).Where(g => g.Select(x => x.Negated).Distinct().Count() > 1))
            {
                ok = false;
                Report(SpecDiagnostics.ContradictoryGuards, group.First().Name, group.Key);
            }
            if (!ok || className.Length == 0) continue;

            var guards = row.When.Select(g => Bind(g.Name, g.Negated, isGuard: true, message, row.On.Text)).ToList();
            var actions = row.Do.Select(a => Bind(a, false, isGuard: false, message, row.On.Text)).ToList();
            if (guards.Contains(null) || actions.Contains(null)) continue;
            rows.Add(new BoundRow(row, from, to, guards.Select(g => g!).ToEquatableArray(), actions.Select(a => a!).ToEquatableArray()));
        }

        BoundCall? Bind(Token name, bool negated, bool isGuard, Triggers.Message? message, string trigger)
        {
            var method = Names.Pascal(name.Text);
            var returnType = isGuard ? "bool" : "void";
            // A method binds when it returns the right type and takes nothing, or the trigger's message.
            bool Fits(MethodShape m) => m.ReturnType == returnType
                && (m.ParameterCount == 0 || (m.ParameterCount == 1 && message is not null && m.ParameterType == message.FullTypeName));
            var candidates = vocabulary.Find(fullName, method).ToList();
            if (candidates.FirstOrDefault(Fits) is { } bound)
                return new BoundCall(name.Text, method, negated, PassesMessage: bound.ParameterCount == 1);
            var expectedParameter = message is null ? "" : $"{message.TypeName} {message.Variable}";
            if (!vocabulary.HasRuntime) return null;
            if (candidates.Count == 0)
            {
                var near = NearNames.Closest(name.Text, vocabulary.Visible(fullName).Where(Fits).Select(m => m.Name));
                Report(isGuard ? SpecDiagnostics.MissingGuard : SpecDiagnostics.MissingAction, name, name.Text, method, expectedParameter, $"partial class {className}",
                    near is null ? "" : $"did you mean '{near}'? If not, ");
            }
            else
                Report(SpecDiagnostics.WrongSignature, name, isGuard ? "Guard" : "Action", name.Text, candidates[0].Display, trigger, $"{returnType} {method}({expectedParameter})");
            return null;
        }

        CheckOverlaps(doc, states, Report);
        CheckReachability(doc, states, Report);

        var hasErrors = diagnostics.Count > 0;
        ElectorModel? model = hasErrors ? null : new ElectorModel(
            target.Namespace, className, doc.SpecName, doc.FileName, doc.Title,
            states.ToEquatableArray(),
            doc.States.Where(s => s.IsStart).Select(s => s.Name.Text).ToEquatableArray(),
            stages.ToEquatableArray(),
            Triggers.Messages.Where(m => doc.Rows.Any(r => r.On.Text == m.Name)).Select(m => m.Name).ToEquatableArray(),
            rows.ToEquatableArray(),
            doc.Invariants,
            doc.WriteFence?.Text == WriteFences.LeaseQuorum);
        return new SpecOutcome(doc.Path, doc.ElectorName, model, diagnostics.ToEquatableArray());
    }

    private static string Declared(List<string> states) =>
        states.Count == 0 ? "no states are declared in '## States'" : $"declared states are {string.Join(", ", states)}";

    /// <summary>
    /// Rows are tried top to bottom, so a row is dead in a state when an earlier row for the
    /// same trigger applies there and needs only a subset of its guards. A row dead in every
    /// state it applies to is a mistake: a duplicate when the guards are identical, else shadowed.
    /// </summary>
    private static void CheckOverlaps(SpecDocument doc, List<string> states, System.Action<DiagnosticDescriptor, Token, string[]> report)
    {
        var rows = doc.Rows;
        for (var j = 0; j < rows.Count; j++)
        {
            var later = rows[j];
            var laterStates = later.IsAnyState ? states : states.Where(s => s == later.From.Text).ToList();
            if (laterStates.Count == 0) continue;
            var laterGuards = new HashSet<string>(later.When.Select(g => g.Key));
            RowDecl? blocker = null;
            var dead = true;
            foreach (var state in laterStates)
            {
                var earlier = rows.Take(j).FirstOrDefault(r =>
                    r.On.Text == later.On.Text && (r.IsAnyState || r.From.Text == state) && r.When.All(g => laterGuards.Contains(g.Key)));
                if (earlier is null) { dead = false; break; }
                blocker ??= earlier;
            }
            if (!dead || blocker is null) continue;
            var stateText = later.IsAnyState ? "every state" : "state " + later.From.Text;
            var identical = blocker.When.Count == later.When.Count;
            if (identical) report(SpecDiagnostics.DuplicateRow, later.On, [blocker.Line.ToString(), later.On.Text, stateText]);
            else report(SpecDiagnostics.ShadowedRow, later.On, [later.On.Text, stateText, blocker.Line.ToString()]);
        }
    }

    private static void CheckReachability(SpecDocument doc, List<string> states, System.Action<DiagnosticDescriptor, Token, string[]> report)
    {
        var reached = new HashSet<string>(doc.States.Where(s => s.IsStart).Select(s => s.Name.Text));
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var row in doc.Rows)
            {
                if (row.Stays || !states.Contains(row.To.Text) || reached.Contains(row.To.Text)) continue;
                if (row.IsAnyState ? reached.Count > 0 : reached.Contains(row.From.Text))
                    changed |= reached.Add(row.To.Text);
            }
        }
        foreach (var state in doc.States.Where(s => states.Contains(s.Name.Text) && !reached.Contains(s.Name.Text)))
            report(SpecDiagnostics.UnreachableState, state.Name, [state.Name.Text]);
    }
}
