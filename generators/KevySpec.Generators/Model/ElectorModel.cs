namespace KevySpec.Generators.Model;

/// <summary>A guard or action call bound to its C# method.</summary>
internal sealed record BoundCall(string SpecName, string Method, bool Negated, bool PassesMessage);

/// <summary>A checked row with its calls bound.</summary>
internal sealed record BoundRow(RowDecl Row, string? From, string? To, EquatableArray<BoundCall> Guards, EquatableArray<BoundCall> Actions);

/// <summary>Everything the emitter needs for one elector; only built for a spec without errors.</summary>
internal sealed record ElectorModel(
    string Namespace,
    string ClassName,
    string SpecName,
    string FileName,
    string Title,
    EquatableArray<string> States,
    EquatableArray<string> StartStates,
    EquatableArray<string> Stages,
    EquatableArray<string> Messages,
    EquatableArray<BoundRow> Rows,
    EquatableArray<InvariantDecl> Invariants,
    bool LeaseFence);

/// <summary>What compiling one spec gave: a model to emit (when it had no errors) and its diagnostics.</summary>
internal sealed record SpecOutcome(string Path, Token? ElectorToken, ElectorModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
