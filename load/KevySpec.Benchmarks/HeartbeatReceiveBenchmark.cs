using BenchmarkDotNet.Attributes;

namespace KevySpec.Benchmarks;

/// <summary>
/// <c>OnMessage(HB)</c> on the steady path: the replica hears <c>HB 1 a primary 100</c> from the
/// primary it already follows (row "Replica | hb | | = | record-view"), every <c>hb_interval</c>.
/// Nothing is sent back, so nothing may be allocated.
/// </summary>
[MemoryDiagnoser]
public class HeartbeatReceiveBenchmark
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Step = ElectConfig.Default.HbInterval;

    private ReferenceElector _elector = null!;
    private Heartbeat _heartbeat = null!;
    private string _from = null!;
    private TimeSpan _now;

    [GlobalSetup]
    public void Setup()
    {
        _elector = FiveNodeReplica.Create(ElectConfig.Default, Start);
        _heartbeat = FiveNodeReplica.PrimaryHeartbeat;
        _from = FiveNodeReplica.WireCopy(FiveNodeReplica.Primary);
        _now = Start;
        for (var i = 0; i < 1_000; i++) PathCheck.Outbound(OnMessageHeartbeat(), 0, $"heartbeat {i} of the setup run");
        PathCheck.FollowsPrimary(_elector, "after the setup run");
    }

    [Benchmark]
    [Target("≤ 75 ns, 0 B")]
    public IReadOnlyList<Outbound> OnMessageHeartbeat()
    {
        // The primary's heartbeats arrive hb_interval apart; time only moves forward.
        _now += Step;
        return _elector.OnMessage(_from, _heartbeat, _now);
    }

    [GlobalCleanup]
    public void Cleanup() => PathCheck.FollowsPrimary(_elector, "after the run");
}
