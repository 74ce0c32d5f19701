namespace KevySpec;

/// <summary>The outcome of <see cref="SpecLookup.Find(string)"/>: the elector, or why there is none.</summary>
/// <param name="Elector">The elector kind found; null when <paramref name="Error"/> says why not.</param>
/// <param name="Error">Null when found; otherwise a one-line message that lists the known specs.</param>
public sealed record SpecLookupResult(ElectorDefinition? Elector, string? Error);

/// <summary>
/// Finds a compiled-in elector by spec name (<c>election</c>) or by spec file path
/// (<c>spec/election.spec.md</c>). Only specs compiled into this build exist: a path is matched
/// by its file name against each elector's <see cref="SpecTable.File"/>, never read from disk.
/// </summary>
public static class SpecLookup
{
    /// <summary>The suffix that marks a spec file path.</summary>
    public const string SpecFileSuffix = ".spec.md";

    /// <summary>Looks <paramref name="nameOrPath"/> up in <see cref="KevySpecElectors.All"/>.</summary>
    public static SpecLookupResult Find(string nameOrPath) => Find(nameOrPath, KevySpecElectors.All);

    /// <summary>The elector <paramref name="nameOrPath"/> names among <paramref name="known"/>.</summary>
    /// <param name="nameOrPath">A spec name, or a path ending in <c>.spec.md</c>.</param>
    /// <param name="known">The electors to choose from.</param>
    public static SpecLookupResult Find(string nameOrPath, IReadOnlyList<ElectorDefinition> known)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        ArgumentNullException.ThrowIfNull(known);
        var isPath = nameOrPath.EndsWith(SpecFileSuffix, StringComparison.OrdinalIgnoreCase);
        var fileName = isPath ? Path.GetFileName(nameOrPath) : null;
        foreach (var definition in known)
            if (isPath ? definition.Table.File == fileName : definition.Name == nameOrPath) return new SpecLookupResult(definition, null);

        var listing = string.Join(", ", known.Select(d => $"{d.Name} ({d.Table.File})"));
        return new SpecLookupResult(null, isPath
            ? $"spec file '{nameOrPath}' is not compiled into this build (only its file name is matched); known specs: {listing}"
            : $"unknown spec '{nameOrPath}'; known specs: {listing}");
    }
}
