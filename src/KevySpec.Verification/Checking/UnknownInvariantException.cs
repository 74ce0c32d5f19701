namespace KevySpec.Checking;

/// <summary>A spec names an invariant the checker does not implement: an error, never silently skipped.</summary>
public sealed class UnknownInvariantException(string specFile, int line, string name)
    : Exception($"{specFile}:{line}: invariant '{name}' is not implemented by the checker; known invariants: {string.Join(", ", InvariantNames.All)}")
{
    /// <summary>The spec file naming it.</summary>
    public string SpecFile { get; } = specFile;

    /// <summary>The line of the invariant in the spec file.</summary>
    public int Line { get; } = line;

    /// <summary>The unknown name.</summary>
    public string Name { get; } = name;
}
