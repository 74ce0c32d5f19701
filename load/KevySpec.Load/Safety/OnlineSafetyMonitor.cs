using KevySpec.Checking;
using KevySpec.Load.Runner;

namespace KevySpec.Load.Safety;

/// <summary>
/// Checks the spec's safety invariants while a load run goes on, with the simulator's own checks
/// (<see cref="OnlineChecker"/>) fed by every step of every node (<c>NodeOptions.OnStep</c>), across
/// kills and restarts, and stamps each violation with the run time it was found at.
/// </summary>
public sealed class OnlineSafetyMonitor(IReadOnlyList<string> members, InvariantSet invariants, RunClock clock)
{
    private readonly OnlineChecker _checker = new(members, invariants);
    private readonly Lock _gate = new();
    private readonly List<SafetyViolation> _violations = [];

    /// <summary>The safety invariants checked, by spec name.</summary>
    public IReadOnlyList<string> Checked => [.. invariants.SafetyNames];

    /// <summary>Distinct violations found so far, in order.</summary>
    public IReadOnlyList<SafetyViolation> Violations
    {
        get
        {
            lock (_gate) return [.. _violations];
        }
    }

    /// <summary>Checks one step of one node (called on that node's elector loop).</summary>
    public void OnStep(NodeStep step)
    {
        if (_checker.Observe(step) is not { } violation) return;
        var found = new SafetyViolation(violation, clock.Now);
        lock (_gate) _violations.Add(found);
    }
}
