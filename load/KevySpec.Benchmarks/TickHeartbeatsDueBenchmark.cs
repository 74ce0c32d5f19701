using BenchmarkDotNet.Attributes;

namespace KevySpec.Benchmarks;

/// <summary>
/// <c>Tick</c> with every heartbeat due: the clock advances exactly <c>hb_interval</c> per call, so
/// each call sends one heartbeat to each of the 4 peers (one <see cref="Heartbeat"/>, 4
/// <see cref="Outbound"/> items, one result array).
/// </summary>
/// <remarks>
/// No heartbeat from the primary arrives during the run, so <c>down_after</c> is 100 000 days here
/// to keep it live across the millions of intervals a run spans (otherwise the replica would stand
/// as a candidate after 25 calls and the benchmark would time elections). The stages take the same
/// branches as in a live cluster between two heartbeats of the primary.
/// </remarks>
[MemoryDiagnoser]
public class TickHeartbeatsDueBenchmark
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(1);
    private static readonly ElectConfig Config = ElectConfig.Default with { DownAfter = TimeSpan.FromDays(100_000) };
    private static readonly TimeSpan Step = Config.HbInterval;

    private ReferenceElector _elector = null!;
    private TimeSpan _now;

    [GlobalSetup]
    public void Setup()
    {
        _elector = FiveNodeReplica.Create(Config, Start);
        _now = Start;
        for (var i = 0; i < 1_000; i++)
        {
            var sent = TickAllDue();
            PathCheck.Outbound(sent, 4, $"tick {i} of the setup run");
            PathCheck.That(sent.Select(o => o.To).SequenceEqual(["a", "b", "d", "e"]),
                $"tick {i} of the setup run sent to {string.Join(",", sent.Select(o => o.To))}, not a,b,d,e");
            PathCheck.That(sent.All(o => o.Message == new Heartbeat(FiveNodeReplica.Epoch, FiveNodeReplica.Self, Role.Replica, 0)),
                $"tick {i} of the setup run sent {sent[0].Message}, not HB 1 c replica 0");
        }
        PathCheck.FollowsPrimary(_elector, "after the setup run");
    }

    [Benchmark]
    [Target("≤ 800 ns")]
    public IReadOnlyList<Outbound> TickAllDue()
    {
        _now += Step;
        return _elector.Tick(_now);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PathCheck.FollowsPrimary(_elector, "after the run");
        PathCheck.Outbound(TickAllDue(), 4, "the tick after the run");
    }
}
