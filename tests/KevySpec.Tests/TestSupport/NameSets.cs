namespace KevySpec.Tests.TestSupport;

/// <summary>
/// Compares two sets of names and, when they differ, fails with every missing and every unexpected
/// name (xunit's collection diff truncates long lists, hiding the names a reviewer needs).
/// </summary>
internal static class NameSets
{
    /// <summary>Fails unless <paramref name="actual"/> holds exactly <paramref name="expected"/>; <paramref name="what"/> names them in the message.</summary>
    public static void AssertSame(IEnumerable<string> expected, IEnumerable<string> actual, string what)
    {
        var wanted = expected.ToHashSet(StringComparer.Ordinal);
        var found = actual.ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Except(found).Order(StringComparer.Ordinal).ToList();
        var unexpected = found.Except(wanted).Order(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && unexpected.Count == 0) return;
        string[] lines =
        [
            $"{what} differ:",
            .. missing.Select(name => $"  missing:    {name}"),
            .. unexpected.Select(name => $"  unexpected: {name}"),
        ];
        throw new Xunit.Sdk.XunitException(string.Join('\n', lines));
    }
}
