using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KevySpec.Generators.Diagnostics;

/// <summary>Every diagnostic the KevySpec generator reports, in one place.</summary>
internal static class SpecDiagnostics
{
    private const string Category = "KevySpec.Spec";

    public static readonly DiagnosticDescriptor NoTransitionTable = Error("KSPEC001", "No transition table",
        "'{0}' has no transition table: add a '## Transitions' section holding a '| from | on | when | to | do |' table");

    public static readonly DiagnosticDescriptor MalformedTable = Error("KSPEC002", "Malformed table",
        "Malformed table: {0}");

    public static readonly DiagnosticDescriptor MalformedRow = Error("KSPEC003", "Malformed row",
        "Malformed row: {0}");

    public static readonly DiagnosticDescriptor UnknownState = Error("KSPEC004", "Unknown state",
        "Unknown state '{0}': {1}");

    public static readonly DiagnosticDescriptor UnknownTrigger = Error("KSPEC005", "Unknown trigger",
        "Unknown trigger '{0}': use a tick stage ({1}) or a message (hb, offer, accept, announce)");

    public static readonly DiagnosticDescriptor DuplicateRow = Error("KSPEC006", "Duplicate row",
        "Row repeats the guards of line {0} for trigger '{1}' in {2}, so it can never fire");

    public static readonly DiagnosticDescriptor ShadowedRow = Error("KSPEC007", "Shadowed row",
        "Row can never fire for trigger '{0}' in {1}: line {2} is tried first and needs only a subset of its guards");

    public static readonly DiagnosticDescriptor UnreachableState = Error("KSPEC008", "Unreachable state",
        "State '{0}' is unreachable: it is not a start state and no row leads to it");

    public static readonly DiagnosticDescriptor MissingGuard = Error("KSPEC009", "Guard without implementation",
        "Guard '{0}' has no C# implementation: {4}add 'bool {1}({2})' to {3}");

    public static readonly DiagnosticDescriptor MissingAction = Error("KSPEC010", "Action without implementation",
        "Action '{0}' has no C# implementation: {4}add 'void {1}({2})' to {3}");

    public static readonly DiagnosticDescriptor InvalidName = Error("KSPEC011", "Invalid name",
        "'{0}' is not a valid {1} name: {2}");

    public static readonly DiagnosticDescriptor MissingElectorName = Error("KSPEC012", "Elector class not named",
        "'{0}' does not name its elector class: add a line 'Elector: `MyElector`' under the title");

    public static readonly DiagnosticDescriptor WrongSignature = Error("KSPEC013", "Guard or action has the wrong signature",
        "{0} '{1}' is implemented by '{2}', which does not fit trigger '{3}': expected '{4}'");

    public static readonly DiagnosticDescriptor ContradictoryGuards = Error("KSPEC014", "Contradictory guards",
        "Row can never fire: it needs both '{0}' and '!{0}'");

    public static readonly DiagnosticDescriptor DuplicateDeclaration = Error("KSPEC015", "Duplicate declaration",
        "{0} '{1}' is declared twice (first at line {2})");

    public static readonly DiagnosticDescriptor MissingSection = Error("KSPEC016", "Missing section",
        "'{0}' has no '## {1}' section: {2}");

    public static readonly DiagnosticDescriptor MissingRuntime = Error("KSPEC017", "KevySpec runtime not referenced",
        "'{0}' cannot be compiled: the KevySpec runtime (type 'KevySpec.Elector') is not referenced");

    public static readonly DiagnosticDescriptor MalformedListItem = Error("KSPEC018", "Malformed list item",
        "Malformed item in '## {0}': expected {1}");

    public static readonly DiagnosticDescriptor UnknownWriteFence = Error("KSPEC019", "Unknown write fence",
        "Unknown write fence '{0}': use 'majority' (the protocol's, the default) or 'lease-quorum'");

    /// <summary>All descriptors, by id.</summary>
    public static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = new[]
    {
        NoTransitionTable, MalformedTable, MalformedRow, UnknownState, UnknownTrigger, DuplicateRow,
        ShadowedRow, UnreachableState, MissingGuard, MissingAction, InvalidName, MissingElectorName,
        WrongSignature, ContradictoryGuards, DuplicateDeclaration, MissingSection, MissingRuntime,
        MalformedListItem, UnknownWriteFence,
    }.ToImmutableDictionary(d => d.Id);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
            helpLinkUri: null, customTags: WellKnownDiagnosticTags.NotConfigurable);

    public static IEnumerable<string> Ids => ById.Keys.OrderBy(id => id, System.StringComparer.Ordinal);
}
