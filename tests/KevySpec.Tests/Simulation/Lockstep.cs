using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Simulation;

/// <summary>
/// A scripted cluster for scenario tests: every round ticks each live node (in member order), then
/// delivers every queued message and the replies they cause, in send order, unless
/// <see cref="Lose"/> drops it; then time moves on. No randomness: a scenario is its script.
/// </summary>
internal sealed class Lockstep
{
    private readonly Queue<(string From, string To, ElectionMessage Message)> _inFlight = new();

    public Lockstep(ElectorDefinition definition, string members, ElectConfig? config = null)
    {
        Cluster = new SteppedCluster(definition, members.Split(' '), config ?? ElectConfig.Default, InvariantSet.ForSpec(definition.Table));
    }

    public SteppedCluster Cluster { get; }

    public TimeSpan Now { get; private set; }

    /// <summary>Decides which messages are lost: (from, to, message) → true to drop. Default: none.</summary>
    public Func<string, string, ElectionMessage, bool> Lose { get; set; } = (_, _, _) => false;

    public Lockstep Start(params (string Id, Role Role)[] nodes)
    {
        foreach (var (id, role) in nodes) Cluster.New(id, role, TimeSpan.Zero);
        return this;
    }

    /// <summary>Rounds every <paramref name="step"/> for <paramref name="duration"/>; stops early when <paramref name="until"/> holds after a round.</summary>
    public Lockstep Run(TimeSpan duration, TimeSpan? step = null, Func<Lockstep, bool>? until = null)
    {
        var period = step ?? Cluster.Config.HbInterval;
        var end = Now + duration;
        while (Now < end)
        {
            foreach (var id in Cluster.Members)
                if (Cluster.IsAlive(id)) Send(id, Cluster.Tick(id, Now).Out!);
            while (_inFlight.TryDequeue(out var item))
            {
                if (!Cluster.IsAlive(item.To) || Lose(item.From, item.To, item.Message)) continue;
                Send(item.To, Cluster.Deliver(item.From, item.To, item.Message, Now).Out!);
            }
            Now += period;
            if (until?.Invoke(this) == true) break;
        }
        return this;
    }

    /// <summary>Null when some live node is the only primary and a majority knows it (the liveness condition), else why not.</summary>
    public Violation? Liveness() => LivenessMonitor.Check(Cluster, TimeSpan.Zero);

    public bool HasKnownPrimary => Liveness() is null;

    private void Send(string from, IReadOnlyList<Outbound> sent)
    {
        foreach (var item in sent)
        {
            if (!item.IsBroadcast) _inFlight.Enqueue((from, item.To, item.Message));
            else
                foreach (var to in Cluster.Members)
                    if (to != from) _inFlight.Enqueue((from, to, item.Message));
        }
    }
}
