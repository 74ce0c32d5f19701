namespace KevySpec.Benchmarks;

/// <summary>
/// The scene of the elector benchmarks: replica <c>c</c> of the five-node cluster
/// <c>a b c d e</c>, already following primary <c>a</c> at epoch 1, as after a normal start.
/// </summary>
public static class FiveNodeReplica
{
    /// <summary>The member list, in the operator's order.</summary>
    public static IReadOnlyList<string> Members { get; } = ["a", "b", "c", "d", "e"];

    /// <summary>The node under test.</summary>
    public const string Self = "c";

    /// <summary>The primary it follows.</summary>
    public const string Primary = "a";

    /// <summary>The epoch of the whole scene.</summary>
    public const ulong Epoch = 1;

    /// <summary>The primary's heartbeat: <c>HB 1 a primary 100</c>.</summary>
    public static Heartbeat PrimaryHeartbeat { get; } = new(Epoch, Primary, Role.Primary, 100);

    /// <summary>
    /// Builds the replica with <paramref name="config"/>: its first tick at <paramref name="start"/>
    /// (which sends its first heartbeat to each of the 4 peers), then the primary's heartbeat at the
    /// same instant. Throws when it does not end up following <c>a</c>.
    /// </summary>
    public static ReferenceElector Create(ElectConfig config, TimeSpan start)
    {
        var elector = new ReferenceElector(Self, Members, "127.0.0.1:7003", Role.Replica, config);
        PathCheck.Outbound(elector.Tick(start), 4, "first tick");
        PathCheck.Outbound(elector.OnMessage(Primary, PrimaryHeartbeat, start), 0, "the primary's first heartbeat");
        PathCheck.FollowsPrimary(elector, "after setup");
        return elector;
    }

    /// <summary>A fresh copy of <paramref name="id"/>: ids arrive decoded from the wire, never interned.</summary>
    public static string WireCopy(string id) => new(id.AsSpan());
}
