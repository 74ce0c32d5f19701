using KevySpec.Checking;

namespace KevySpec.Load.Safety;

/// <summary>A safety invariant found broken during a run.</summary>
/// <param name="Violation">The invariant (by its spec name) and what happened.</param>
/// <param name="At">Run time of the observation that broke it.</param>
public sealed record SafetyViolation(Violation Violation, TimeSpan At);
