namespace KevySpec.Load.Fleet;

/// <summary>
/// Where a run's nodes go. N nodes in one process hold about 2·N² sockets (both ends of every
/// connection), 19,900 at 100 nodes: more than many open-file limits allow, and above 60 nodes the
/// runner spreads the nodes over node host processes instead.
/// </summary>
public static class FleetLayout
{
    /// <summary>The largest cluster run in the runner's own process by default.</summary>
    public const int InProcessMax = 60;

    /// <summary>
    /// Connection ends one node host holds by default (about 2·k·(N−1) for k of N nodes): half the
    /// 20,000 open files a container often allows, so 50 of 100 nodes, 25 of 200.
    /// </summary>
    public const int SocketsPerHost = 10_000;

    /// <summary>The most node host processes a run may use.</summary>
    public const int MaxHosts = 32;

    /// <summary>Node host processes for <paramref name="nodes"/> nodes by default (0: in the runner's process).</summary>
    public static int DefaultHosts(int nodes)
    {
        if (nodes <= InProcessMax) return 0;
        var perHost = Math.Max(1, SocketsPerHost / (2 * (nodes - 1)));
        return (nodes + perHost - 1) / perHost;
    }

    /// <summary>The most nodes any one process hosts when <paramref name="nodes"/> are spread over <paramref name="hosts"/> hosts.</summary>
    public static int LargestPart(int nodes, int hosts) => hosts == 0 ? nodes : (nodes + hosts - 1) / hosts;
}
