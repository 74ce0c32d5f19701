namespace KevySpec.Conformance;

/// <summary>What one trace step expects (or what a replay observed) after the step.</summary>
/// <param name="Out">Outbound items as <c>to: VERB arg…</c>, in order; null for ops that send nothing.</param>
/// <param name="Saves">Persisted pairs as <c>(epoch, voted|-)</c>, in order.</param>
/// <param name="State">The observable state as <c>role=… epoch=… primary=… has_quorum=…</c>.</param>
public sealed record StepOutcome(IReadOnlyList<string>? Out, IReadOnlyList<string> Saves, string State);

/// <summary>The first place a replay differs from its trace.</summary>
/// <param name="Line">1-based line of the step in the trace file.</param>
/// <param name="Op">The step's op and node, e.g. <c>tick b @ 1207us</c>.</param>
/// <param name="Field">Which record differs: <c>out</c>, <c>saves</c>, <c>state</c> or <c>error</c>.</param>
/// <param name="Expected">What the trace recorded.</param>
/// <param name="Actual">What the elector did.</param>
public sealed record Divergence(int Line, string Op, string Field, string Expected, string Actual);

/// <summary>The replay of one trace file.</summary>
/// <param name="File">The file's path.</param>
/// <param name="Scenario">The header's scenario name.</param>
/// <param name="Steps">Steps replayed (up to and including a divergence).</param>
/// <param name="FirstDivergence">Null when every step matched.</param>
public sealed record ReplayResult(string File, string Scenario, int Steps, Divergence? FirstDivergence)
{
    /// <summary>True when every step matched.</summary>
    public bool Passed => FirstDivergence is null;
}
