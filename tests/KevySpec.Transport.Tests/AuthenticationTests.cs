using System.Text;
using KevySpec.Transport.Tests.Support;
using KevySpec.Wire;

namespace KevySpec.Transport.Tests;

public sealed class AuthenticationTests(ITestOutputHelper output)
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("correct horse battery staple");

    [Fact]
    public async Task Nodes_sharing_the_secret_form_a_cluster()
    {
        await using var cluster = await StartAsync();
        await Eventually.WaitAsync(
            () => cluster.NodeIds.All(id => cluster[id]!.Snapshot() is { HasQuorum: true, DownPeers.Count: 0 } s && (id == "n1" || s.Primary == "n1")),
            "everyone follows n1", state: () => ClusterText.Describe(cluster));
        Assert.All(cluster.NodeIds, id => Assert.Equal(0, cluster[id]!.Snapshot().Counters.AuthFailures));
    }

    [Fact]
    public async Task A_client_without_the_secret_changes_nothing()
    {
        await using var cluster = await StartAsync();
        var n2 = cluster["n2"]!;
        await Eventually.WaitAsync(() => n2.Snapshot() is { Primary: "n1", HasQuorum: true }, "n2 follows n1");

        using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
        // A usurper's heartbeat and announce, sent without answering the challenge.
        await client.SendAsync(new Heartbeat(99, "n3", Role.Primary, 0));
        await client.SendAsync(new Announce(99, "n3", "127.0.0.1:1"));
        Assert.True(await client.WaitClosedByPeerAsync());

        Assert.Equal(1, n2.Snapshot().Counters.AuthFailures);
        var after = n2.Snapshot();
        Assert.Equal((Role.Replica, 1ul, "n1"), (after.Role, after.Epoch, after.Primary));
    }

    [Fact]
    public async Task A_wrong_proof_is_refused()
    {
        await using var cluster = await StartAsync();
        var n2 = cluster["n2"]!;
        using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
        var challenge = Encoding.ASCII.GetString(await client.ReceiveSomeAsync());
        Assert.StartsWith("*2\r\n$9\r\nCHALLENGE\r\n$64\r\n", challenge);
        var nonce = Convert.FromHexString(challenge.Split("\r\n")[4]);

        var wrong = Mac(Encoding.UTF8.GetBytes("guess"), nonce, "n3");
        await client.SendAsync(Proof("n3", wrong));
        await client.SendAsync(new Heartbeat(99, "n3", Role.Primary, 0));
        Assert.True(await client.WaitClosedByPeerAsync());
        Assert.Equal(1, n2.Snapshot().Counters.AuthFailures);
        Assert.Equal(1ul, n2.Snapshot().Epoch);
    }

    [Fact]
    public async Task A_proven_member_may_not_speak_for_another()
    {
        await using var cluster = await StartAsync();
        var n2 = cluster["n2"]!;
        await Eventually.WaitAsync(() => n2.Snapshot() is { Primary: "n1" }, "n2 follows n1");
        using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
        var challenge = Encoding.ASCII.GetString(await client.ReceiveSomeAsync());
        var nonce = Convert.FromHexString(challenge.Split("\r\n")[4]);

        var right = Mac(Secret, nonce, "n3");
        await client.SendAsync(Proof("n3", right));
        await client.SendAsync(new Heartbeat(1, "n3", Role.Replica, 0));    // accepted: n3 speaks for itself
        await client.SendAsync(new Heartbeat(99, "n1", Role.Primary, 0));   // refused: n3 posing as n1
        Assert.True(await client.WaitClosedByPeerAsync());
        Assert.Equal(1, n2.Snapshot().Counters.AuthFailures);
        Assert.Equal((1ul, "n1"), (n2.Snapshot().Epoch, n2.Snapshot().Primary));
    }

    [Fact]
    public async Task A_dialer_that_gives_up_before_speaking_is_not_counted_but_a_broken_proof_is()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var cluster = await StartAsync(lines.Enqueue);
        var n2 = cluster["n2"]!;

        using (var quitter = await RawClient.ConnectAsync(n2.LocalEndPoint))
            await quitter.ReceiveSomeAsync();   // the challenge; then hang up, as a dialer whose connect timeout ran out does
        await Eventually.WaitAsync(() => lines.Any(l => l.Contains("closed before authenticating")), "n2 notices the hang-up");
        Assert.Equal(0, n2.Snapshot().Counters.AuthFailures);

        using (var broken = await RawClient.ConnectAsync(n2.LocalEndPoint))
        {
            await broken.ReceiveSomeAsync();
            await broken.SendAsync(Encoding.ASCII.GetBytes("*3\r\n$4\r\nAUTH\r\n$2\r\nn3"));
        }
        await Eventually.WaitAsync(() => n2.Snapshot().Counters.AuthFailures == 1, "the half-sent proof is counted");
        Assert.Contains(lines, l => l.Contains("authentication failed: closed in the middle of a proof"));
    }

    // The documented proof: HMAC-SHA256(secret, nonce || connector id), hex.
    private static byte[] Mac(byte[] secret, byte[] nonce, string id) =>
        System.Security.Cryptography.HMACSHA256.HashData(secret, (byte[])[.. nonce, .. Encoding.UTF8.GetBytes(id)]);

    private static byte[] Proof(string id, byte[] mac) =>
        Encoding.ASCII.GetBytes($"*3\r\n$4\r\nAUTH\r\n${id.Length}\r\n{id}\r\n$64\r\n{Convert.ToHexStringLower(mac)}\r\n");

    private Task<LoopbackCluster> StartAsync(Action<string>? alsoLog = null) =>
        LoopbackCluster.StartAsync(3, (_, o) => o with
        {
            Config = Timings.Steady,
            AuthSecret = Secret,
            Log = line =>
            {
                alsoLog?.Invoke(line);
                SoloNode.Try(() => output.WriteLine(line));
            },
        });
}
