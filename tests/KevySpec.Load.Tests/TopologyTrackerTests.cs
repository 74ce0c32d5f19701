using KevySpec.Load.Runner;

namespace KevySpec.Load.Tests;

public class TopologyTrackerTests
{
    private static readonly string[] Members = ["n1", "n2", "n3"];

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static NodeObservation Report(string node, Role role, ulong epoch, string? primary, double atMs) =>
        new(node, role, epoch, primary, true, Ms(atMs));

    private static TopologyTracker Bootstrapped()
    {
        var tracker = new TopologyTracker(Members);
        // A bootstrap primary knows no primary: it follows itself because it is primary.
        tracker.Record(Report("n1", Role.Primary, 1, null, 1));
        tracker.Record(Report("n2", Role.Replica, 1, "n1", 2));
        tracker.Record(Report("n3", Role.Replica, 1, "n1", 3));
        return tracker;
    }

    [Fact]
    public void Nodes_agree_on_a_bootstrap_primary_that_reports_no_primary()
    {
        Assert.Equal(("n1", 1UL), Bootstrapped().Agreed(Members));
    }

    [Fact]
    public void No_agreement_until_every_node_reported()
    {
        var tracker = new TopologyTracker(Members);
        tracker.Record(Report("n1", Role.Primary, 1, null, 1));
        tracker.Record(Report("n2", Role.Replica, 1, "n1", 2));

        Assert.Null(tracker.Agreed(Members));
        Assert.Equal(("n1", 1UL), tracker.Agreed(["n1", "n2"]));
    }

    [Fact]
    public void No_agreement_on_a_primary_outside_the_set()
    {
        Assert.Null(Bootstrapped().Agreed(["n2", "n3"]));
    }

    [Fact]
    public void Convergence_is_when_the_last_survivor_came_to_follow_the_new_primary()
    {
        var tracker = Bootstrapped();
        tracker.MarkKilled("n1", Ms(100));
        tracker.Record(Report("n2", Role.Candidate, 2, "n1", 600));
        Assert.Null(tracker.Converged(["n2", "n3"], "n1", 1));
        tracker.Record(Report("n2", Role.Primary, 2, "n2", 601.5));
        Assert.Null(tracker.Converged(["n2", "n3"], "n1", 1));
        tracker.Record(Report("n3", Role.Replica, 2, "n2", 602.25));
        // A later change that keeps the allegiance (quorum flips) does not move the instant.
        tracker.Record(Report("n3", Role.Replica, 2, "n2", 640) with { HasQuorum = false });

        Assert.Equal(("n2", 2UL, Ms(602.25)), tracker.Converged(["n2", "n3"], "n1", 1));
    }

    [Fact]
    public void Following_a_new_primary_at_the_old_epoch_is_not_convergence()
    {
        var tracker = Bootstrapped();
        tracker.Record(Report("n2", Role.Primary, 1, "n2", 10));
        tracker.Record(Report("n3", Role.Replica, 1, "n2", 11));

        Assert.Null(tracker.Converged(["n2", "n3"], "n1", 1));
    }

    [Fact]
    public void Detection_is_the_first_survivor_report_that_leaves_the_old_primary()
    {
        var tracker = Bootstrapped();
        tracker.Record(Report("n3", Role.Replica, 1, "n1", 300) with { HasQuorum = false });
        tracker.Record(Report("n3", Role.Candidate, 2, "n1", 620));
        tracker.Record(Report("n2", Role.Candidate, 2, "n1", 610));

        var baseline = new Dictionary<string, ulong> { ["n2"] = 1, ["n3"] = 1 };
        var first = tracker.FirstDeparture(baseline, "n1", Ms(100));

        Assert.NotNull(first);
        Assert.Equal(("n2", Ms(610)), (first.NodeId, first.At));
        Assert.Null(tracker.FirstDeparture(baseline, "n1", Ms(700)));
    }

    [Fact]
    public void A_survivor_already_at_a_higher_epoch_departs_only_when_it_moves_again()
    {
        var tracker = Bootstrapped();
        // n3 stood in an earlier minority partition: it follows n1 at epoch 4.
        tracker.Record(Report("n3", Role.Replica, 4, "n1", 50));
        tracker.Record(Report("n3", Role.Replica, 4, "n1", 300) with { HasQuorum = false });
        tracker.Record(Report("n3", Role.Candidate, 5, "n1", 650));

        var first = tracker.FirstDeparture(new Dictionary<string, ulong> { ["n2"] = 1, ["n3"] = 4 }, "n1", Ms(100));

        Assert.Equal(Ms(650), first?.At);
    }

    [Fact]
    public void The_majority_primary_ignores_a_stuck_minority()
    {
        var tracker = new TopologyTracker(["n1", "n2", "n3", "n4", "n5"]);
        tracker.Record(Report("n1", Role.Replica, 9, "n2", 1));
        tracker.Record(Report("n2", Role.Primary, 9, null, 1));
        tracker.Record(Report("n3", Role.Replica, 9, "n2", 1));
        tracker.Record(Report("n4", Role.Replica, 12, "n5", 1));
        tracker.Record(Report("n5", Role.Replica, 12, "n1", 1));

        Assert.Null(tracker.Agreed(tracker.Members));
        Assert.Equal(("n2", 9UL), tracker.Majority(tracker.Members));
        Assert.Null(tracker.Majority(["n2", "n3", "n4", "n5"]));
    }

    [Fact]
    public void A_killed_node_is_not_alive_and_its_late_reports_are_ignored()
    {
        var tracker = Bootstrapped();
        tracker.MarkKilled("n2", Ms(50));
        tracker.Record(Report("n2", Role.Candidate, 5, "n1", 51));

        Assert.False(tracker["n2"].Alive);
        Assert.Equal(1UL, tracker["n2"].Epoch);
        Assert.Null(tracker.Agreed(Members));

        tracker.MarkRestarted("n2", Ms(80));
        Assert.Null(tracker.Agreed(Members));
        tracker.Record(Report("n2", Role.Replica, 1, "n1", 90));
        Assert.Equal(("n1", 1UL), tracker.Agreed(Members));
        Assert.Equal([TimelineKind.Report, TimelineKind.Killed, TimelineKind.Restarted, TimelineKind.Report],
            tracker.Timeline().Where(e => e.NodeId == "n2").Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task Waiters_wake_on_a_change()
    {
        var tracker = Bootstrapped();
        var waiting = tracker.WaitForChangeAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        tracker.MarkKilled("n3", Ms(10));

        await waiting;
    }
}
