using KevySpec.Load.Nemesis;
using KevySpec.Tests.Shared;

namespace KevySpec.Load.Tests.Nemesis;

/// <summary>
/// A fact that needs network namespaces: skipped with the reason where they cannot be created (not root, no <c>ip</c>,
/// no permission), except under CI, where it fails.
/// </summary>
/// <remarks>xunit 2 has no dynamic skip; it reads <c>Skip</c> from the attribute instance, so setting it here works.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NamespacesFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() => NetworkLab.MissingReasonAsync().GetAwaiter().GetResult());

    public NamespacesFactAttribute()
    {
        if (MachineRequirement.SkipReason(Missing.Value is { } reason ? $"network namespaces unavailable: {reason}" : null) is { } skip) Skip = skip;
    }
}
