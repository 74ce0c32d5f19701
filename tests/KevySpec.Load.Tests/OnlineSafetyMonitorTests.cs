using KevySpec.Checking;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Tests;

public class OnlineSafetyMonitorTests
{
    private static readonly string[] Members = ["n1", "n2", "n3"];

    private static OnlineSafetyMonitor Monitor() => new(Members, InvariantSet.ForSpec(ReferenceElector.Definition.Table));

    private static NodeObservation Report(string node, Role role, ulong epoch, double atMs = 0) =>
        new(node, role, epoch, role == Role.Primary ? null : "n1", true, TimeSpan.FromMilliseconds(atMs));

    private static SaveEvent Save(string node, ulong epoch, string? votedFor, ulong previousEpoch) =>
        new(node, new PersistedVote(epoch, votedFor), new PersistedVote(previousEpoch, null), TimeSpan.Zero);

    private static PersistedVote Durable(ulong epoch) => new(epoch, null);

    [Fact]
    public void Checks_the_safety_invariants_the_spec_claims()
    {
        Assert.Equal(InvariantNames.Safety, Monitor().Checked);
    }

    [Fact]
    public void A_clean_failover_violates_nothing()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n1", Role.Primary, 1), Durable(0));
        monitor.OnKilled("n1");
        monitor.OnSave(Save("n2", 2, "n2", 1));
        monitor.OnSave(Save("n3", 2, "n2", 1));
        monitor.OnReport(Report("n2", Role.Primary, 2), Durable(2));
        monitor.OnReport(Report("n3", Role.Replica, 2), Durable(2));
        monitor.OnRestarted("n1");
        monitor.OnReport(Report("n1", Role.Replica, 1), Durable(1));
        monitor.OnSave(Save("n1", 2, null, 1));
        monitor.OnReport(Report("n1", Role.Replica, 2), Durable(2));

        Assert.Empty(monitor.Violations);
    }

    [Fact]
    public void Two_winners_of_one_epoch_break_election_safety_even_when_not_at_the_same_time()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n2", Role.Primary, 3), Durable(3));
        monitor.OnKilled("n2");
        monitor.OnReport(Report("n3", Role.Primary, 3), Durable(3));

        var violation = Assert.Single(monitor.Violations).Violation;
        Assert.Equal(new Violation(InvariantNames.ElectionSafety, "n3 is primary of epoch 3, which n2 already won"), violation);
    }

    [Fact]
    public void Two_live_primaries_at_one_epoch_break_single_primary()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n2", Role.Primary, 3), Durable(3));
        monitor.OnReport(Report("n3", Role.Primary, 3), Durable(3));

        Assert.Contains(monitor.Violations, v => v.Violation == new Violation(InvariantNames.SinglePrimary, "n2 and n3 are both primary at epoch 3"));
    }

    [Fact]
    public void Primaries_at_different_epochs_are_allowed()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n1", Role.Primary, 1), Durable(1));
        monitor.OnReport(Report("n2", Role.Primary, 2), Durable(2));

        Assert.Empty(monitor.Violations);
    }

    [Fact]
    public void Two_votes_in_one_epoch_across_a_restart_break_one_vote_per_epoch()
    {
        var monitor = Monitor();
        monitor.OnSave(Save("n3", 4, "n1", 3));
        monitor.OnKilled("n3");
        monitor.OnRestarted("n3");
        // A store that lost the vote lets the node vote again in epoch 4.
        monitor.OnSave(Save("n3", 4, "n2", 3));

        Assert.Contains(monitor.Violations, v => v.Violation == new Violation(InvariantNames.OneVotePerEpoch, "n3 votes for n2 in epoch 4 after voting for n1 in that epoch"));
    }

    [Fact]
    public void An_announce_at_the_current_epoch_is_not_a_second_vote()
    {
        var monitor = Monitor();
        monitor.OnSave(Save("n3", 4, "n1", 3));
        monitor.OnSave(Save("n3", 4, "n2", 4));

        Assert.Empty(monitor.Violations);
    }

    [Fact]
    public void An_epoch_that_goes_back_across_a_restart_breaks_epoch_monotonic()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n2", Role.Replica, 5), Durable(5));
        monitor.OnKilled("n2");
        monitor.OnRestarted("n2");
        monitor.OnReport(Report("n2", Role.Replica, 1), Durable(5));

        Assert.Contains(monitor.Violations, v => v.Violation == new Violation(InvariantNames.EpochMonotonic, "n2 reports epoch 1 after having had 5"));
    }

    [Fact]
    public void An_epoch_the_store_does_not_hold_breaks_durable_before_send()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n2", Role.Replica, 3), new PersistedVote(2, "n2"));

        Assert.Contains(monitor.Violations, v => v.Violation == new Violation(InvariantNames.DurableBeforeSend, "n2 is at epoch 3 but its store holds (2, n2)"));
    }

    [Fact]
    public void The_same_violation_is_counted_once()
    {
        var monitor = Monitor();
        monitor.OnReport(Report("n2", Role.Replica, 3), Durable(2));
        monitor.OnReport(Report("n2", Role.Replica, 3), Durable(2));

        Assert.Single(monitor.Violations);
    }
}
