namespace KevySpec.Checking;

/// <summary>An invariant that did not hold after a step.</summary>
/// <param name="Invariant">The invariant's spec name, e.g. <c>election-safety</c>.</param>
/// <param name="Detail">What happened, in plain words, e.g. <c>a and b are both primary at epoch 2</c>.</param>
public sealed record Violation(string Invariant, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{Invariant}: {Detail}";
}
