namespace KevySpec.Properties;

/// <summary>The answer to "is there one live primary?": the primary, or why not (none, or the first two).</summary>
public readonly record struct PrimaryVerdict(int Primary, int First, int Second)
{
    /// <summary>True when exactly one live node is primary (<see cref="Primary"/>).</summary>
    public bool Found => Primary >= 0;

    /// <summary>True when several live nodes are primary (<see cref="First"/> and <see cref="Second"/> are two of them).</summary>
    public bool Several => Second >= 0;

    internal static PrimaryVerdict One(int node) => new(node, node, -1);

    internal static PrimaryVerdict None => new(-1, -1, -1);

    internal static PrimaryVerdict Two(int first, int second) => new(-1, first, second);
}
