using KevySpec.Graph;
using KevySpec.Tests.Shared;

namespace KevySpec.Tests.Graph;

/// <summary>A fact that needs Graphviz's <c>dot</c>: skipped with the install hint where it is missing, except under CI, where it fails.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    public GraphvizFactAttribute()
    {
        if (MachineRequirement.SkipReason(Graphviz.FindDot() is null ? Graphviz.InstallHint : null) is { } reason) Skip = reason;
    }
}
