using System.Buffers;
using System.Text;
using KevySpec.Wire;

namespace KevySpec.Tests.Wire;

/// <summary>Messages, byte helpers and assertions shared by the wire tests.</summary>
internal static class WireSamples
{
    public static readonly ElectionMessage[] Messages =
    [
        new Heartbeat(1, "a", Role.Primary, 0),
        new Heartbeat(ulong.MaxValue, "Node.A-1", Role.Replica, ulong.MaxValue),
        new Heartbeat(42, "kevy.node-07.DC1", Role.Candidate, 123456789),
        new Offer(0, "replica-2", 0),
        new Offer(ulong.MaxValue, "REPLICA.3-b", ulong.MaxValue),
        new Accept(7, "replica-2"),
        new Accept(ulong.MaxValue, "X"),
        new Announce(9, "node-1", "10.0.0.7:7379"),
        new Announce(ulong.MaxValue, "Primary.Node-9", "[::1]:6380"),
    ];

    public static TheoryData<ElectionMessage> MessageData()
    {
        var data = new TheoryData<ElectionMessage>();
        foreach (var m in Messages) data.Add(m);
        return data;
    }

    /// <summary>The bytes of <paramref name="text"/>, one byte per char (Latin-1), so tests can write any byte.</summary>
    public static byte[] B(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Printable form of bytes for assertion messages.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b == '\r') sb.Append("\\r");
            else if (b == '\n') sb.Append("\\n");
            else if (b is < 0x20 or >= 0x7F) sb.Append($"\\x{b:X2}");
            else sb.Append((char)b);
        }
        return sb.ToString();
    }

    public static DecodeResult Decode(string text) => RespCodec.Decode(B(text));

    public static void AssertError(DecodeError expected, string input)
    {
        var r = Decode(input);
        Assert.True(r.IsError, $"'{Show(B(input))}' decoded as {r}");
        Assert.Equal(expected, r.Error);
        Assert.False(string.IsNullOrWhiteSpace(r.ErrorMessage));
        Assert.Null(r.Message);
    }

    /// <summary>A sequence made of the given chunks, one segment each.</summary>
    public static ReadOnlySequence<byte> Segments(params byte[][] chunks)
    {
        if (chunks.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new Segment(chunks[0], 0);
        var last = first;
        for (var i = 1; i < chunks.Length; i++) last = last.Append(chunks[i]);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
