namespace KevySpec.Tests.Shared;

/// <summary>
/// For tests that need something of the machine rather than of the repository (Graphviz's <c>dot</c>, network
/// namespaces): on a developer's machine that lacks it they are skipped with the reason; under CI (<c>CI=true</c>,
/// which <c>.ci/run</c> sets after installing what they need) they run and fail, so CI never passes by skipping.
/// </summary>
internal static class MachineRequirement
{
    /// <summary>True when the CI environment variable is <c>true</c> or <c>1</c>.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>The skip reason for a test whose requirement is <paramref name="missing"/> (null when met); always null under CI.</summary>
    public static string? SkipReason(string? missing) => missing is null || UnderCi ? null : missing + " (under CI=true this fails instead)";
}
