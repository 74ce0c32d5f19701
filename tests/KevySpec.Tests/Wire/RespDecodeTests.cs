using System.Text;
using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

public sealed class RespDecodeTests
{
    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void Every_message_round_trips(ElectionMessage message)
    {
        var bytes = RespCodec.Encode(message);
        var r = RespCodec.Decode(bytes);
        Assert.Equal(DecodeStatus.Ok, r.Status);
        Assert.Equal(message, r.Message);
        Assert.Equal(bytes.Length, r.BytesConsumed);
        Assert.True(r.TryGetMessage(out var m));
        Assert.Equal(message, m);
    }

    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void Every_message_round_trips_as_an_inline_line(ElectionMessage message)
    {
        var line = string.Join(' ', MessageArgv.ToArgv(message)) + "\r\n";
        var r = Decode(line);
        Assert.True(r.IsOk, r.ToString());
        Assert.Equal(message, r.Message);
        Assert.Equal(line.Length, r.BytesConsumed);
    }

    [Fact]
    public void Inline_heartbeat_from_the_protocol_decodes()
    {
        var r = Decode("HB 1 a primary 0\r\n");
        Assert.Equal(new Heartbeat(1, "a", Role.Primary, 0), r.Message);
        Assert.Equal(18, r.BytesConsumed);
    }

    [Fact]
    public void Inline_words_may_be_separated_by_runs_of_spaces_and_tabs()
    {
        var r = Decode("  ACCEPT \t 7   replica-2 \t\r\n");
        Assert.Equal(new Accept(7, "replica-2"), r.Message);
    }

    [Theory]
    [InlineData("*3\r\n$6\r\naccept\r\n$1\r\n7\r\n$1\r\nn\r\n")]
    [InlineData("*3\r\n$6\r\nAcCePt\r\n$1\r\n7\r\n$1\r\nn\r\n")]
    [InlineData("accept 7 n\r\n")]
    [InlineData("aCCEPT 7 n\r\n")]
    public void Verbs_are_case_insensitive(string frame)
    {
        Assert.Equal(new Accept(7, "n"), Decode(frame).Message);
    }

    [Theory]
    [InlineData("hb 1 a PRIMARY 0\r\n", Role.Primary)]
    [InlineData("Hb 1 a Replica 0\r\n", Role.Replica)]
    [InlineData("hB 1 a cAnDiDaTe 0\r\n", Role.Candidate)]
    [InlineData("*5\r\n$2\r\nhb\r\n$1\r\n1\r\n$1\r\na\r\n$7\r\nPrImArY\r\n$1\r\n0\r\n", Role.Primary)]
    public void Roles_are_case_insensitive(string frame, Role role)
    {
        Assert.Equal(new Heartbeat(1, "a", role, 0), Decode(frame).Message);
    }

    [Fact]
    public void Other_verbs_are_case_insensitive_too()
    {
        Assert.Equal(new Offer(2, "c", 3), Decode("offer 2 c 3\r\n").Message);
        Assert.Equal(new Announce(2, "P", "h:1"), Decode("AnNoUnCe 2 P h:1\r\n").Message);
    }

    [Fact]
    public void Ids_keep_their_case()
    {
        Assert.Equal(new Accept(1, "Node.A-1"), Decode("ACCEPT 1 Node.A-1\r\n").Message);
    }

    [Fact]
    public void Leading_zeros_in_numbers_are_decimal()
    {
        Assert.Equal(new Accept(7, "n"), Decode("ACCEPT 007 n\r\n").Message);
    }

    [Theory]
    [InlineData("\r\n", 2)]
    [InlineData("   \r\n", 5)]
    [InlineData(" \t \n\r\n", 6)] // a bare LF inside a line separates, like a space
    [InlineData("*0\r\n", 4)]
    [InlineData("*-1\r\n", 5)] // the RESP null array
    [InlineData("*-42\r\n", 6)]
    public void Empty_frames_are_skipped(string frame, int length)
    {
        var r = Decode(frame + "HB 1 a primary 0\r\n");
        Assert.Equal(DecodeStatus.Skipped, r.Status);
        Assert.True(r.IsSkipped);
        Assert.Null(r.Message);
        Assert.Equal(length, r.BytesConsumed);
    }

    [Fact]
    public void Two_frames_back_to_back_decode_one_after_the_other()
    {
        var first = new Accept(7, "replica-2");
        var second = new Heartbeat(8, "n-1", Role.Primary, 99);
        byte[] buffer = [.. RespCodec.Encode(first), .. RespCodec.Encode(second)];

        var r1 = RespCodec.Decode(buffer);
        Assert.Equal(first, r1.Message);
        var r2 = RespCodec.Decode(buffer.AsSpan(r1.BytesConsumed));
        Assert.Equal(second, r2.Message);
        Assert.Equal(buffer.Length, r1.BytesConsumed + r2.BytesConsumed);
        Assert.True(RespCodec.Decode(buffer.AsSpan(buffer.Length)).IsTruncated);
    }

    [Fact]
    public void A_stream_mixing_every_frame_kind_yields_the_messages_in_order()
    {
        var stream = new List<byte>();
        stream.AddRange(B("\r\n*0\r\nHB 1 a primary 0\r\n"));
        stream.AddRange(RespCodec.Encode(new Offer(2, "b", 5)));
        stream.AddRange(B("\n  \r\naccept 2 c\r\n*-1\r\n*0\r\n"));
        stream.AddRange(RespCodec.Encode(new Announce(2, "b", "b:7379")));
        var buffer = stream.ToArray();

        var messages = new List<ElectionMessage>();
        var skipped = 0;
        var pos = 0;
        while (true)
        {
            var r = RespCodec.Decode(buffer.AsSpan(pos));
            if (r.IsTruncated) break;
            Assert.False(r.IsError, r.ToString());
            if (r.IsOk) messages.Add(r.Message);
            else skipped++;
            pos += r.BytesConsumed;
        }
        Assert.Equal(buffer.Length, pos);
        Assert.Equal(5, skipped);
        Assert.Equal(
            [new Heartbeat(1, "a", Role.Primary, 0), new Offer(2, "b", 5), new Accept(2, "c"), new Announce(2, "b", "b:7379")],
            messages);
    }

    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void Every_strict_prefix_is_truncated_then_the_whole_frame_is_ok(ElectionMessage message)
    {
        var inline = Encoding.ASCII.GetBytes(string.Join(' ', MessageArgv.ToArgv(message)) + "\r\n");
        foreach (var frame in new[] { RespCodec.Encode(message), inline })
        {
            for (var k = 0; k < frame.Length; k++)
            {
                var r = RespCodec.Decode(frame.AsSpan(0, k));
                Assert.True(r.IsTruncated, $"prefix {k} of '{Show(frame)}' gave {r}");
                Assert.Equal(0, r.BytesConsumed);
            }
            var whole = RespCodec.Decode(frame);
            Assert.Equal(message, whole.Message);
            Assert.Equal(frame.Length, whole.BytesConsumed);
        }
    }

    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void Every_split_into_segments_decodes_like_the_whole(ElectionMessage message)
    {
        byte[] frame = [.. RespCodec.Encode(message), .. B("HB 1 a primary 0\r\n")];
        var expected = RespCodec.Decode(frame);
        for (var k = 0; k <= frame.Length; k++)
        {
            for (var j = k; j <= frame.Length; j += 7)
            {
                var seq = Segments(frame[..k], frame[k..j], frame[j..]);
                Assert.Equal(expected, RespCodec.Decode(seq));
            }
        }
    }

    [Fact]
    public void A_sequence_holding_only_part_of_a_frame_is_truncated()
    {
        var frame = RespCodec.Encode(new Accept(7, "replica-2"));
        Assert.True(RespCodec.Decode(Segments(frame[..5], frame[5..10])).IsTruncated);
        Assert.True(RespCodec.Decode(Segments()).IsTruncated);
    }

    [Fact]
    public void Retrying_after_truncated_gives_the_same_result_as_one_read()
    {
        // Complete frames, valid or not, decode the same however the bytes arrived.
        string[] frames =
        [
            "*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$9\r\nreplica-2\r\n",
            "*3\r\n$6\r\nACCEPT\r\n$2\r\n7x\r\n$1\r\nr\r\n",
            "HB 1 a leader 0\r\n",
            "*2\r\n$3\r\nFOO\r\n$1\r\nx\r\n",
        ];
        foreach (var text in frames)
        {
            var frame = B(text);
            var whole = RespCodec.Decode(frame);
            var n = 0;
            DecodeResult r;
            do r = RespCodec.Decode(frame.AsSpan(0, ++n));
            while (r.IsTruncated);
            Assert.Equal(whole, r);
            Assert.Equal(frame.Length, n);
        }
    }
}
