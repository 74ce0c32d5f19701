using System.Text;
using KevySpec.Transport.Tests.Support;
using KevySpec.Wire;

namespace KevySpec.Transport.Tests;

/// <summary>Bad bytes from a raw socket close that connection and are counted; the node keeps working.</summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    public enum Counter { DecodeErrors, UnknownSenders }

    public static TheoryData<string, Counter> Cases => new()
    {
        { "random bytes", Counter.DecodeErrors },
        { "oversize bulk string", Counter.DecodeErrors },
        { "frame larger than the read buffer", Counter.DecodeErrors },
        { "wrong shape", Counter.DecodeErrors },
        { "bad number", Counter.DecodeErrors },
        { "inline lines ending in a bare LF", Counter.DecodeErrors },
        { "unknown sender", Counter.UnknownSenders },
        { "sender is the node itself", Counter.UnknownSenders },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_frame_closes_its_connection_is_counted_and_changes_nothing(string kind, Counter counter)
    {
        var bytes = Bytes(kind);
        var decoded = RespCodec.Decode(bytes);
        output.WriteLine($"{kind}: {bytes.Length} bytes, decodes as {decoded.Status} {decoded.Error} {decoded.ErrorMessage}");

        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Steady, Log = Log });
        var n2 = cluster["n2"]!;
        await Eventually.WaitAsync(() => n2.Snapshot() is { Primary: "n1", HasQuorum: true, DownPeers.Count: 0 }, "n2 follows n1");
        var before = n2.Snapshot();

        using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
        // A good frame first: the connection is served until the bad one.
        await client.SendAsync(new Heartbeat(1, "n3", Role.Replica, 0));
        await client.SendAsync(bytes);
        Assert.True(await client.WaitClosedByPeerAsync(), "the node keeps the connection open");

        var after = n2.Snapshot();
        Assert.Equal(counter == Counter.DecodeErrors ? 1 : 0, after.Counters.DecodeErrors - before.Counters.DecodeErrors);
        Assert.Equal(counter == Counter.UnknownSenders ? 1 : 0, after.Counters.UnknownSenders - before.Counters.UnknownSenders);
        Assert.Equal((Role.Replica, 1ul, "n1"), (after.Role, after.Epoch, after.Primary));

        // Still working: n2 keeps hearing the cluster and the cluster keeps hearing n2.
        await Eventually.WaitAsync(() => n2.Snapshot().Counters.FramesIn > after.Counters.FramesIn + 10, "n2 keeps receiving");
        await Eventually.WaitAsync(() => n2.Snapshot().HasQuorum && cluster["n1"]!.Snapshot().DownPeers.Count == 0, "n1 and n2 hear everyone");
    }

    [Fact]
    public async Task A_null_array_and_blank_lines_are_skipped_and_the_connection_is_served_on()
    {
        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Steady, Log = Log });
        var n2 = cluster["n2"]!;
        await Eventually.WaitAsync(() => n2.Snapshot() is { Primary: "n1", HasQuorum: true, DownPeers.Count: 0 }, "n2 follows n1");
        var before = n2.Snapshot();

        using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes("*-1\r\n\r\n*0\r\n"));
        // The frame after them is read: a primary of a higher epoch, which n2 follows.
        await client.SendAsync(new Heartbeat(2, "n3", Role.Primary, 0));

        await Eventually.WaitAsync(() => n2.Snapshot() is { Epoch: 2, Primary: "n3" }, "n2 follows the heartbeat sent after the empty frames");
        Assert.Equal(before.Counters.DecodeErrors, n2.Snapshot().Counters.DecodeErrors);
    }

    [Fact]
    public async Task Random_bytes_with_many_seeds_never_harm_the_node()
    {
        await using var cluster = await LoopbackCluster.StartAsync(3, (_, o) => o with { Config = Timings.Steady, Log = Log });
        var n2 = cluster["n2"]!;
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            using var client = await RawClient.ConnectAsync(n2.LocalEndPoint);
            await client.SendAsync(bytes);
            client.Dispose();
        }
        await Eventually.WaitAsync(() => n2.Snapshot() is { Primary: "n1", HasQuorum: true, DownPeers.Count: 0, Epoch: 1 }, "n2 still follows n1");
        Assert.Equal(0, n2.Snapshot().Counters.FramesDropped);
    }

    private void Log(string line) => SoloNode.Try(() => output.WriteLine(line));

    private static byte[] Bytes(string kind)
    {
        switch (kind)
        {
            case "random bytes":
            {
                // Seeded; a line end makes it a complete (inline) frame, so it must be judged now.
                var random = new Random(12345);
                var bytes = new byte[200];
                random.NextBytes(bytes);
                for (var i = 0; i < bytes.Length; i++) if (bytes[i] is (byte)'\n' or (byte)'\r') bytes[i] = (byte)'x';
                bytes[0] = 0xFF;
                return [.. bytes, (byte)'\r', (byte)'\n'];
            }
            case "oversize bulk string":
                return Encoding.ASCII.GetBytes($"*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n${RespCodec.MaxBulkLength + 1}\r\n{new string('a', RespCodec.MaxBulkLength + 1)}\r\n");
            case "frame larger than the read buffer":
            {
                // Every field within the codec's caps, the whole frame over the 16 KiB read buffer.
                var big = new string('7', RespCodec.MaxBulkLength);
                var text = new StringBuilder("*5\r\n$2\r\nHB\r\n");
                for (var i = 0; i < 4; i++) text.Append($"${big.Length}\r\n{big}\r\n");
                var bytes = Encoding.ASCII.GetBytes(text.ToString());
                // What the node can hold of it is only the start of a frame: the read-buffer cap must judge it.
                Assert.True(RespCodec.Decode(bytes.AsSpan(0, 16 * 1024)).IsTruncated);
                return bytes;
            }
            case "wrong shape":
                return Encoding.ASCII.GetBytes("*2\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n");
            case "bad number":
                return Encoding.ASCII.GetBytes("ACCEPT seven n3\r\n");
            case "inline lines ending in a bare LF":
                // Never a frame (a line ends at CRLF): held only up to the inline cap, then refused.
                return Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("HB 1 n3 replica 0\n", RespCodec.MaxInlineLength / 18 + 2)));
            case "unknown sender":
                return RespCodec.Encode(new Heartbeat(9, "intruder", Role.Primary, 0));
            case "sender is the node itself":
                return RespCodec.Encode(new Announce(9, "n2", "10.0.0.1:1"));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
