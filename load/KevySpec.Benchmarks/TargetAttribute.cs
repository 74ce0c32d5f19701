namespace KevySpec.Benchmarks;

/// <summary>The budget a benchmark is held to (issue "Speed"), shown in the report's <c>Target</c> column.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TargetAttribute(string budget) : Attribute
{
    /// <summary>E.g. <c>≤ 75 ns, 0 B</c>.</summary>
    public string Budget { get; } = budget;
}
