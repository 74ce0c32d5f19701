using KevySpec.Graph;

namespace KevySpec.Tests.Graph;

/// <summary>A fact that needs Graphviz's <c>dot</c>: reported as skipped, with the install hint, where it is missing.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    public GraphvizFactAttribute()
    {
        if (Graphviz.FindDot() is null) Skip = Graphviz.InstallHint;
    }
}
