using BenchmarkDotNet.Attributes;

namespace KevySpec.Benchmarks;

/// <summary>
/// <c>Tick</c> with nothing due: every peer had its heartbeat less than <c>hb_interval</c> ago and the
/// primary was heard less than <c>down_after</c> ago, so all four stages run their guards and do
/// nothing. The clock advances 1 µs per call, starting 1 µs after the heartbeats were sent.
/// </summary>
/// <remarks>
/// <c>hb_interval</c> is one day here (and <c>down_after</c> two) only so that the clock can keep
/// advancing for the whole run without a heartbeat falling due; what an idle tick does (the same
/// guards, the same branches) does not depend on the length of the interval. Cleanup proves no
/// heartbeat went out during the run.
/// </remarks>
[MemoryDiagnoser]
public class TickIdleBenchmark
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = TimeSpan.FromMicroseconds(1);
    private static readonly ElectConfig Config = ElectConfig.Default with
    {
        HbInterval = TimeSpan.FromDays(1),
        DownAfter = TimeSpan.FromDays(2),
    };

    private ReferenceElector _elector = null!;
    private TimeSpan _now;

    [GlobalSetup]
    public void Setup()
    {
        _elector = FiveNodeReplica.Create(Config, Start);
        _now = Start;
        for (var i = 0; i < 1_000; i++) PathCheck.Outbound(TickNothingDue(), 0, $"tick {i} of the setup run");
        PathCheck.FollowsPrimary(_elector, "after the setup run");
    }

    [Benchmark]
    [Target("≤ 150 ns, 0 B")]
    public IReadOnlyList<Outbound> TickNothingDue()
    {
        _now += Step;
        return _elector.Tick(_now);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PathCheck.FollowsPrimary(_elector, "after the run");
        // The next heartbeat is still the one due a day after setup: none was sent during the run.
        PathCheck.That(_elector.NextTickAt() == Start + Config.HbInterval,
            $"after the run: next tick at {_elector.NextTickAt()}, not {Start + Config.HbInterval}: a heartbeat went out, so some ticks measured another path");
        PathCheck.That(_now < Start + Config.HbInterval, $"after the run: the clock reached {_now}, past the first heartbeat due");
    }
}
