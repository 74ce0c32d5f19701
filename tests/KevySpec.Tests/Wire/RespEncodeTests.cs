using System.Buffers;
using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

public sealed class RespEncodeTests
{
    [Fact]
    public void Accept_example_has_the_exact_protocol_bytes()
    {
        var bytes = RespCodec.Encode(new Accept(7, "replica-2"));
        Assert.Equal(B("*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$9\r\nreplica-2\r\n"), bytes);
    }

    [Fact]
    public void Heartbeat_is_written_with_uppercase_verb_and_lowercase_role()
    {
        Assert.Equal(
            B("*5\r\n$2\r\nHB\r\n$2\r\n12\r\n$6\r\nnode-1\r\n$9\r\ncandidate\r\n$20\r\n18446744073709551615\r\n"),
            RespCodec.Encode(new Heartbeat(12, "node-1", Role.Candidate, ulong.MaxValue)));
    }

    [Fact]
    public void Offer_and_announce_have_the_exact_bytes()
    {
        Assert.Equal(B("*4\r\n$5\r\nOFFER\r\n$1\r\n0\r\n$3\r\nn-2\r\n$3\r\n100\r\n"),
            RespCodec.Encode(new Offer(0, "n-2", 100)));
        Assert.Equal(B("*4\r\n$8\r\nANNOUNCE\r\n$1\r\n3\r\n$2\r\nn1\r\n$13\r\n10.0.0.1:7379\r\n"),
            RespCodec.Encode(new Announce(3, "n1", "10.0.0.1:7379")));
    }

    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void All_encoders_agree_and_length_is_exact(ElectionMessage message)
    {
        var bytes = RespCodec.Encode(message);
        Assert.Equal(bytes.Length, RespCodec.GetEncodedLength(message));

        var writer = new ArrayBufferWriter<byte>();
        writer.Write("prefix"u8);
        Assert.Equal(bytes.Length, RespCodec.Encode(message, writer));
        Assert.Equal(bytes, writer.WrittenSpan[6..].ToArray());

        var span = new byte[bytes.Length + 3];
        Assert.True(RespCodec.TryEncode(message, span, out var written));
        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, span[..written]);

        Assert.False(RespCodec.TryEncode(message, new byte[bytes.Length - 1], out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Multibyte_ids_are_counted_in_utf8_bytes()
    {
        var bytes = RespCodec.Encode(new Accept(1, "nœud"));
        Assert.Equal("*3\r\n$6\r\nACCEPT\r\n$1\r\n1\r\n$5\r\nnœud\r\n", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(new Accept(1, "nœud"), RespCodec.Decode(bytes).Message);
    }

    [Fact]
    public void Messages_that_would_not_decode_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RespCodec.Encode(new Accept(1, "")));
        Assert.Throws<ArgumentException>(() => RespCodec.Encode(new Announce(1, "a", "")));
        Assert.Throws<ArgumentException>(() => RespCodec.Encode(new Offer(1, new string('x', RespCodec.MaxBulkLength + 1), 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RespCodec.Encode(new Heartbeat(1, "a", (Role)42, 0)));
        Assert.Throws<ArgumentNullException>(() => RespCodec.Encode(null!));
    }

    [Fact]
    public void A_heartbeat_round_trip_allocates_only_the_frame_the_id_and_the_message()
    {
        var message = new Heartbeat(123456, "replica-2", Role.Replica, 987654321);
        RoundTrip(message); // warm up (JIT, statics)
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) RoundTrip(message);
        var perTrip = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        // byte[] frame (~90 B) + id string (~40 B) + Heartbeat (~48 B)
        Assert.True(perTrip < 256, $"a round trip allocated {perTrip} bytes");

        static void RoundTrip(Heartbeat m)
        {
            var r = RespCodec.Decode(RespCodec.Encode(m));
            if (!r.IsOk) throw new InvalidOperationException(r.ToString());
        }
    }
}
