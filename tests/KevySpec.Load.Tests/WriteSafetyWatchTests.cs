using KevySpec.Checking;
using KevySpec.Load.Runner;
using KevySpec.Load.Safety;

namespace KevySpec.Load.Tests;

/// <summary>The online write-safety judgement over synthetic report sequences (run times in ms).</summary>
public class WriteSafetyWatchTests
{
    private static readonly string[] Members = ["n1", "n2", "n3"];
    private static readonly TimeSpan Bound = Ms(50);
    private static readonly TimeSpan DownAfter = Ms(500);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static WriteSafetyWatch Watch() => new(Members, Bound, DownAfter);

    // A report that reached the runner 1 ms after its step.
    private static void Report(WriteSafetyWatch watch, string node, Role role, ulong epoch, bool quorum, double at, double delay = 1) =>
        watch.Report(new NodeObservation(node, role, epoch, role == Role.Primary ? null : "n1", quorum, Ms(at)), Ms(at + delay));

    [Fact]
    public void Two_primaries_answering_has_quorum_at_once_are_a_violation_stamped_at_the_second()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        Report(watch, "n2", Role.Primary, 2, true, 900);
        Report(watch, "n1", Role.Primary, 1, true, 920);
        watch.Advance(Ms(2000));

        var found = Assert.Single(watch.Violations);
        Assert.Equal(InvariantNames.WriteSafety, found.Violation.Invariant);
        Assert.Equal("n1 (primary of epoch 1) and n2 (primary of epoch 2) both answer has_quorum true at 0.900 s", found.Violation.Detail);
        Assert.Equal(Ms(900), found.At);
        Assert.Equal(0, watch.Exceeded);
    }

    [Fact]
    public void Nothing_is_judged_before_the_delay_bound_has_passed_since_the_instant()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        Report(watch, "n2", Role.Primary, 2, true, 900);
        watch.Advance(Ms(940));
        Assert.Empty(watch.Violations);
        watch.Advance(Ms(950));
        Assert.Single(watch.Violations);
    }

    [Fact]
    public void A_report_stamped_earlier_but_arriving_later_within_the_bound_is_judged_in_instant_order()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        Report(watch, "n2", Role.Primary, 2, true, 900, delay: 1);
        // n1 lost its quorum at 899 ms; its report lands 30 ms later, after n2's: no overlap.
        Report(watch, "n1", Role.Primary, 1, false, 899, delay: 30);
        watch.Advance(Ms(2000));
        Assert.Empty(watch.Violations);
    }

    [Fact]
    public void The_same_overlap_beyond_a_delay_bound_excess_is_not_judged_and_is_counted()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        // A report 80 ms late (bound 50): nothing is judged until 500 + 50 ms after it landed.
        Report(watch, "n3", Role.Replica, 1, false, 600, delay: 80);
        Report(watch, "n2", Role.Primary, 2, true, 900);
        Report(watch, "n1", Role.Primary, 1, true, 920);
        watch.Advance(Ms(3000));

        Assert.Empty(watch.Violations);
        Assert.Equal(1, watch.Exceeded);
        Assert.Equal(Ms(1230 - 600), watch.Unjudged(Ms(3000)));
    }

    [Fact]
    public void An_overlap_after_the_suspension_ends_is_judged_again()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        Report(watch, "n3", Role.Replica, 1, false, 600, delay: 80);
        Report(watch, "n2", Role.Primary, 2, true, 1300);
        watch.Advance(Ms(3000));
        Assert.Equal(Ms(1300), Assert.Single(watch.Violations).At);
    }

    [Fact]
    public void A_sequential_handover_is_no_violation()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        Report(watch, "n1", Role.Primary, 1, false, 700);
        Report(watch, "n2", Role.Primary, 2, true, 1200);
        Report(watch, "n1", Role.Replica, 2, false, 1250);
        Report(watch, "n3", Role.Replica, 2, false, 1210);
        watch.Advance(Ms(3000));
        Assert.Empty(watch.Violations);
    }

    [Fact]
    public void A_killed_primary_does_not_count_and_its_late_reports_are_ignored_until_it_restarts()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        watch.Killed("n1", Ms(200));
        Report(watch, "n1", Role.Primary, 1, true, 210);
        Report(watch, "n2", Role.Primary, 2, true, 900);
        watch.Restarted("n1", Ms(1000));
        watch.Advance(Ms(3000));
        Assert.Empty(watch.Violations);
    }

    [Fact]
    public void A_pause_suspends_the_judgement_until_down_after_plus_the_bound_after_the_resume()
    {
        var watch = Watch();
        Report(watch, "n1", Role.Primary, 1, true, 100);
        watch.Paused("n1", Ms(200));
        Report(watch, "n2", Role.Primary, 2, true, 900);
        watch.Resumed("n1", Ms(1500));
        Report(watch, "n1", Role.Primary, 1, true, 1510);
        watch.Advance(Ms(3000));

        Assert.Empty(watch.Violations);
        Assert.Equal(1, watch.Exceeded);
        Assert.Equal(Ms(2050 - 200), watch.Unjudged(Ms(3000)));
    }

    [Fact]
    public void An_unknown_node_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Watch().Killed("n9", Ms(1)));
        Assert.StartsWith("'n9' is not a member of this run", e.Message, StringComparison.Ordinal);
    }
}
