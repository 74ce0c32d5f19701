using KevySpec.Load.Nemesis;

namespace KevySpec.Load.Tests.Nemesis;

/// <summary>A fact that reports itself skipped, with the reason, where network namespaces cannot be created (not root, no <c>ip</c>, no permission).</summary>
/// <remarks>xunit 2 has no dynamic skip; it reads <c>Skip</c> from the attribute instance, so setting it here works.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NamespacesFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() => NetworkLab.MissingReasonAsync().GetAwaiter().GetResult());

    public NamespacesFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = $"network namespaces unavailable: {reason}";
    }
}
