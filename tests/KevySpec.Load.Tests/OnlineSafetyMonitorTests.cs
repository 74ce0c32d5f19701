using KevySpec.Checking;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Tests;

public class OnlineSafetyMonitorTests
{
    private static readonly string[] Members = ["n1", "n2", "n3"];

    private static NodeStep Start(string node, Role role) =>
        new(StepKind.New, node, Role.Replica, 0, role, 1, [], [], new PersistedVote(1, null));

    [Fact]
    public void Checks_the_safety_invariants_the_spec_claims_write_safety_included()
    {
        var monitor = new OnlineSafetyMonitor(Members, InvariantSet.ForSpec(ReferenceElector.Definition.Table), ElectConfig.Default, new RunClock(TimeProvider.System));
        Assert.Equal([.. InvariantNames.Safety, InvariantNames.WriteSafety], monitor.Checked);
    }

    [Fact]
    public void A_violation_is_stamped_with_the_run_time_it_was_found_at_and_kept_once()
    {
        var time = new ManualTime();
        var monitor = new OnlineSafetyMonitor(Members, InvariantSet.ForSpec(ReferenceElector.Definition.Table), ElectConfig.Default, new RunClock(time));
        monitor.OnStep(Start("n1", Role.Primary));
        time.Advance(TimeSpan.FromMilliseconds(1500));
        monitor.OnStep(Start("n2", Role.Primary));
        monitor.OnStep(Start("n2", Role.Primary));

        var found = Assert.Single(monitor.Violations);
        Assert.Equal(new Violation(InvariantNames.SinglePrimary, "n1 and n2 are both primary at epoch 1"), found.Violation);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), found.At);
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
