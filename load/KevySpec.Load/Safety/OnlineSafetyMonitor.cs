using KevySpec.Checking;
using KevySpec.Load.Runner;

namespace KevySpec.Load.Safety;

/// <summary>
/// Checks the spec's safety invariants while a load run goes on: the per-step invariants with the
/// simulator's own checks (<see cref="OnlineChecker"/>) fed by every step of every node
/// (<c>NodeOptions.OnStep</c>), and write-safety, when the spec claims it, by a
/// <see cref="WriteSafetyWatch"/> fed by the nodes' reports and the runner's kills, restarts and
/// pauses. Each violation is stamped with the run time it was found at.
/// </summary>
public sealed class OnlineSafetyMonitor
{
    private readonly OnlineChecker _checker;
    private readonly WriteSafetyWatch? _writeSafety;
    private readonly RunClock _clock;
    private readonly Lock _gate = new();
    private readonly List<SafetyViolation> _violations = [];

    /// <summary>A monitor of <paramref name="members"/> checking <paramref name="invariants"/>; write-safety assumes <paramref name="config"/>'s delay bound.</summary>
    public OnlineSafetyMonitor(IReadOnlyList<string> members, InvariantSet invariants, ElectConfig config, RunClock clock)
    {
        ArgumentNullException.ThrowIfNull(invariants);
        ArgumentNullException.ThrowIfNull(config);
        _checker = new OnlineChecker(members, invariants);
        _clock = clock;
        if (invariants.Checks(InvariantNames.WriteSafety)) _writeSafety = new WriteSafetyWatch(members, config.DelayBound, config.DownAfter);
        Checked = [.. invariants.SafetyNames, .. _writeSafety is null ? [] : new[] { InvariantNames.WriteSafety }];
    }

    /// <summary>The safety invariants checked, by spec name.</summary>
    public IReadOnlyList<string> Checked { get; }

    /// <summary>Distinct violations found so far, in run-time order.</summary>
    public IReadOnlyList<SafetyViolation> Violations
    {
        get
        {
            lock (_gate)
            {
                _writeSafety?.Advance(_clock.Now);
                return [.. _violations.Concat(_writeSafety?.Violations ?? []).OrderBy(v => v.At)];
            }
        }
    }

    /// <summary>The delay bound write-safety assumed and how often it was exceeded; null when the spec does not claim write-safety.</summary>
    public WriteSafetyJudgement? WriteSafety
    {
        get
        {
            lock (_gate)
            {
                if (_writeSafety is not { } watch) return null;
                var now = _clock.Now;
                watch.Advance(now);
                return new WriteSafetyJudgement(watch.DelayBound, watch.Exceeded, watch.Unjudged(now));
            }
        }
    }

    /// <summary>Checks one step of one node (called on that node's elector loop).</summary>
    public void OnStep(NodeStep step)
    {
        if (_checker.Observe(step) is not { } violation) return;
        var found = new SafetyViolation(violation, _clock.Now);
        lock (_gate) _violations.Add(found);
    }

    /// <summary>Takes a node's report, placed on the run's time line (called as it reaches the runner).</summary>
    public void OnReport(NodeObservation report) => Feed(watch => watch.Report(report, _clock.Now));

    /// <summary>The runner killed <paramref name="node"/> at <paramref name="at"/>.</summary>
    public void OnKilled(string node, TimeSpan at) => Feed(watch => watch.Killed(node, at));

    /// <summary>The runner started <paramref name="node"/> again at <paramref name="at"/>.</summary>
    public void OnRestarted(string node, TimeSpan at) => Feed(watch => watch.Restarted(node, at));

    /// <summary>The runner stopped <paramref name="node"/>'s process at <paramref name="at"/>.</summary>
    public void OnPaused(string node, TimeSpan at) => Feed(watch => watch.Paused(node, at));

    /// <summary>The runner let <paramref name="node"/>'s process go on at <paramref name="at"/>.</summary>
    public void OnResumed(string node, TimeSpan at) => Feed(watch => watch.Resumed(node, at));

    private void Feed(Action<WriteSafetyWatch> change)
    {
        if (_writeSafety is null) return;
        lock (_gate) change(_writeSafety);
    }
}
