namespace KevySpec.Graph;

/// <summary>
/// Finds a compiled-in elector by spec name (<c>election</c>) or by spec file path
/// (<c>spec/election.spec.md</c>). Only specs compiled into this build exist: a path is matched
/// by its file name against each elector's <see cref="SpecTable.File"/>, never read from disk.
/// </summary>
public static class SpecLookup
{
    /// <summary>The suffix that marks a spec file path.</summary>
    public const string SpecFileSuffix = ".spec.md";

    /// <summary>Looks <paramref name="nameOrPath"/> up in <see cref="GeneratedElectors.All"/>.</summary>
    /// <inheritdoc cref="Find(string, IReadOnlyList{ElectorDefinition}, out string)"/>
    public static ElectorDefinition? Find(string nameOrPath, out string error) => Find(nameOrPath, GeneratedElectors.All, out error);

    /// <summary>The elector <paramref name="nameOrPath"/> names among <paramref name="known"/>, or null with a one-line <paramref name="error"/> that lists the known ones.</summary>
    /// <param name="nameOrPath">A spec name, or a path ending in <c>.spec.md</c>.</param>
    /// <param name="known">The electors to choose from.</param>
    /// <param name="error">Empty when found; otherwise what went wrong, without a trailing newline.</param>
    public static ElectorDefinition? Find(string nameOrPath, IReadOnlyList<ElectorDefinition> known, out string error)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        ArgumentNullException.ThrowIfNull(known);
        error = "";
        var isPath = nameOrPath.EndsWith(SpecFileSuffix, StringComparison.OrdinalIgnoreCase);
        var fileName = isPath ? Path.GetFileName(nameOrPath) : null;
        foreach (var definition in known)
            if (isPath ? definition.Table.File == fileName : definition.Name == nameOrPath) return definition;

        var listing = string.Join(", ", known.Select(d => $"{d.Name} ({d.Table.File})"));
        error = isPath
            ? $"spec file '{nameOrPath}' is not compiled into this build (only its file name is matched); known specs: {listing}. Add a new spec to spec/ and rebuild."
            : $"unknown spec '{nameOrPath}'; known specs: {listing}";
        return null;
    }
}
