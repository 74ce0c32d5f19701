namespace KevySpec.Tests.TestSupport;

/// <summary>A fact that reports itself skipped, with the reason, when the shared conformance traces are absent.</summary>
/// <remarks>xunit 2 has no dynamic skip; it reads <c>Skip</c> from the attribute instance, so setting it here works.</remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TracesFactAttribute : FactAttribute
{
    public TracesFactAttribute()
    {
        if (RepoPaths.MissingTracesReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory over the trace files, skipped with the reason (instead of failing for lack of data) when they are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TracesTheoryAttribute : TheoryAttribute
{
    public TracesTheoryAttribute()
    {
        if (RepoPaths.MissingTracesReason is { } reason) Skip = reason;
    }
}
