using static KevySpec.Tests.TestSupport.Time;

namespace KevySpec.Tests.TestSupport;

/// <summary>Starting points that many scenarios share, each reached through the public API only.</summary>
internal static class Setups
{
    /// <summary>
    /// A replica of a b c that stood for election: first tick at 0, nobody heard from, so at
    /// 5000 ms (the cold-start grace) it saves (2, self) and offers epoch 2. Its clock is at 5000 ms.
    /// </summary>
    public static TestNode Candidate(string id = "b", string peers = "a b c", ElectConfig? config = null, IJitterSource? jitter = null)
    {
        var node = new TestNode(id, peers, config: config, jitter: jitter);
        node.Tick(Ms(0));
        node.Tick(Ms(5000)).Saved($"(2, {id})");
        Assert.Equal("candidate epoch=2 primary=-", node.State);
        return node;
    }

    /// <summary>A replica that heard <c>HB 1 primary primary 0</c> at 0 ms and follows it (no save: same epoch).</summary>
    public static TestNode Follower(string id = "b", string primary = "a", string peers = "a b c")
    {
        var node = new TestNode(id, peers);
        node.Receive(Ms(0), primary, $"HB 1 {primary} primary 0").SavesNothing();
        Assert.Equal($"replica epoch=1 primary={primary}", node.State);
        return node;
    }

    /// <summary>The elector config with every timing given in milliseconds.</summary>
    public static ElectConfig Config(double hb, double down, double timeout, double backoff, double jitter) => new()
    {
        HbInterval = Ms(hb),
        DownAfter = Ms(down),
        ElectionTimeout = Ms(timeout),
        ElectionBackoff = Ms(backoff),
        ElectionBackoffJitter = Ms(jitter),
    };
}
