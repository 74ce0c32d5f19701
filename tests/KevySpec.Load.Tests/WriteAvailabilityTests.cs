using KevySpec.Load.Metrics;
using KevySpec.Load.Runner;
using KevySpec.Load.Scenarios;

namespace KevySpec.Load.Tests;

public class WriteAvailabilityTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static TimelineEntry Report(double at, string node, Role role, ulong epoch, bool quorum) =>
        new(node, TimelineKind.Report, Ms(at), role, epoch, role == Role.Primary ? node : null, quorum);

    private static EventRecord Fault(int id, ChurnEventKind kind, string target, ulong oldEpoch, string? winner, double start, double end, double? failover) =>
        new(id, kind, [target], Ms(start), Ms(end - 100), Ms(end), target, oldEpoch, winner, winner is null ? 0 : oldEpoch + 1,
            null, failover is { } f ? Ms(f) : null, 1, winner is null ? EventOutcome.FailoverTimedOut : EventOutcome.Converged);

    // n1 primary; killed at 1 s, n2 elected at 1.503 s but fenced until 1.7 s; n2 isolated at 3 s keeps its
    // quorum until its view expires at 3.5 s, n3 writable at 3.6 s; n3 killed at 8 s and nobody takes over.
    private static readonly TimelineEntry[] Timeline =
    [
        Report(100, "n1", Role.Primary, 1, quorum: true),
        Report(101, "n2", Role.Replica, 1, quorum: true),
        new("n1", TimelineKind.Killed, Ms(1000), Role.Primary, 1),
        Report(1480, "n2", Role.Candidate, 2, quorum: false),
        Report(1503, "n2", Role.Primary, 2, quorum: false),
        Report(1503, "n3", Role.Replica, 2, quorum: true),
        Report(1700, "n2", Role.Primary, 2, quorum: true),
        Report(3500, "n2", Role.Primary, 2, quorum: false),
        Report(3600, "n3", Role.Primary, 3, quorum: true),
        Report(3650, "n2", Role.Replica, 3, quorum: false),
        new("n3", TimelineKind.Killed, Ms(8000), Role.Primary, 3),
        Report(8700, "n2", Role.Candidate, 4, quorum: false),
    ];

    private static readonly EventRecord[] Events =
    [
        Fault(1, ChurnEventKind.KillPrimary, "n1", 1, "n2", 1000, 1900, 503),
        Fault(2, ChurnEventKind.IsolatePrimary, "n2", 2, "n3", 3000, 5000, 640),
        Fault(3, ChurnEventKind.KillPrimary, "n3", 3, null, 8000, 8500, null),
    ];

    [Fact]
    public void Writable_is_fault_to_the_first_newer_primary_answering_has_quorum_true()
    {
        var writes = WriteAvailability.Of(Timeline, Events, TimeSpan.Zero, Ms(10_000));

        Assert.Equal(
            [(1, "n2", (TimeSpan?)Ms(700)), (2, "n3", Ms(600)), (3, null, null)],
            writes.Failovers.Select(f => (f.Event.Id, f.Writer, f.Writable)).ToArray());
        Assert.Equal([Ms(700), Ms(600)], writes.Writable().Samples);
    }

    [Fact]
    public void Unwritable_stretches_are_the_times_no_live_primary_answers_has_quorum_true()
    {
        var writes = WriteAvailability.Of(Timeline, Events, TimeSpan.Zero, Ms(10_000));

        // Before the first report, the killed primary until n2's fence opens, n2's lapsed view until n3's, and from n3's kill on.
        Assert.Equal(
            [(Ms(0), Ms(100)), (Ms(1000), Ms(1700)), (Ms(3500), Ms(3600)), (Ms(8000), Ms(10_000))],
            writes.Unwritable.Select(s => (s.From, s.To)).ToArray());
        Assert.Equal(Ms(2900), writes.UnwritableTotal);
        Assert.Equal(Ms(2000), writes.UnwritableMax);
    }

    [Fact]
    public void Unwritable_time_is_clipped_to_the_measured_window()
    {
        var writes = WriteAvailability.Of(Timeline, Events, Ms(1200), Ms(9000));

        Assert.Equal([(Ms(1200), Ms(1700)), (Ms(3500), Ms(3600)), (Ms(8000), Ms(9000))], writes.Unwritable.Select(s => (s.From, s.To)).ToArray());
        Assert.Equal(Ms(1600), writes.UnwritableTotal);
    }

    [Fact]
    public void A_fault_that_begins_while_a_newer_primary_already_writes_is_writable_at_once()
    {
        // The fault strikes at 2 s, between reports, against an epoch-1 primary that n2 (epoch 2) already replaced.
        EventRecord[] late = [Fault(9, ChurnEventKind.KillPrimary, "n1", 1, "n2", 2000, 2600, 0)];

        var writes = WriteAvailability.Of(Timeline, late, TimeSpan.Zero, Ms(10_000));

        Assert.Equal(("n2", (TimeSpan?)TimeSpan.Zero), (writes.Failovers[0].Writer, writes.Failovers[0].Writable));
    }

    [Fact]
    public void Faults_that_leave_the_primary_are_not_failovers()
    {
        EventRecord[] replica = [Fault(4, ChurnEventKind.KillReplica, "n3", 2, null, 2000, 2600, null) with { OldPrimary = "n2" }];

        Assert.Empty(WriteAvailability.Of(Timeline, replica, TimeSpan.Zero, Ms(10_000)).Failovers);
    }
}
