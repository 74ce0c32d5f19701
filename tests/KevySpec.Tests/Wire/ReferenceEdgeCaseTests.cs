using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

// Where the reference's RESP reader (kevy-resp, parse_command_borrowed) and ours meet at the edges,
// and where we deliberately differ (docs/cluster.md, "Wire").
public sealed class ReferenceEdgeCaseTests
{
    [Theory]
    [InlineData("*-1\r\n")]
    [InlineData("*-7\r\n")]
    [InlineData("*-9223372036854775807\r\n")]
    public void A_null_array_is_skipped_like_an_empty_frame_and_the_next_frame_decodes(string nullArray)
    {
        var stream = B(nullArray + "HB 1 a primary 0\r\n");

        var skipped = RespCodec.Decode(stream);
        Assert.True(skipped.IsSkipped, skipped.ToString());
        Assert.Equal(nullArray.Length, skipped.BytesConsumed);
        Assert.Equal(new Heartbeat(1, "a", Role.Primary, 0), RespCodec.Decode(stream.AsSpan(skipped.BytesConsumed)).Message);
    }

    [Fact]
    public void An_inline_line_ending_in_a_bare_LF_is_never_accepted()
    {
        // Alone it waits for its CRLF (read more), like the reference.
        Assert.True(Decode("HB 1 a primary 0\n").IsTruncated);

        // Followed by another line, the bare LF only separated words: one line of ten words.
        var two = "HB 1 a primary 0\nHB 1 a primary 0\r\n";
        var r = Decode(two);
        Assert.Equal(DecodeError.WrongShape, r.Error);
        Assert.Equal("HB needs 4 fields after the verb, got 9", r.ErrorMessage);
        Assert.Equal(two.Length, r.BytesConsumed);
    }

    [Fact]
    public void A_bare_LF_CR_or_form_feed_separates_inline_words_like_a_space()
    {
        Assert.Equal(new Accept(7, "n"), Decode("ACCEPT\n7\rn\f\r\n").Message);
    }

    [Fact]
    public void Lines_without_a_CRLF_are_held_only_up_to_the_inline_cap()
    {
        var line = "HB 1 a primary 0\n";
        var stream = string.Concat(Enumerable.Repeat(line, RespCodec.MaxInlineLength / line.Length + 2));
        Assert.True(stream.Length >= RespCodec.MaxInlineLength + 2);

        Assert.True(Decode(stream[..RespCodec.MaxInlineLength]).IsTruncated);
        var r = Decode(stream);
        Assert.Equal(DecodeError.Bad, r.Error);
        Assert.Equal($"inline line longer than {RespCodec.MaxInlineLength} bytes without a CRLF", r.ErrorMessage);
    }

    // Deliberate differences, each safe for a peer that encodes as the protocol says.

    [Fact]
    public void A_bulk_string_over_4096_bytes_is_bad_where_the_reference_takes_up_to_512_MiB()
    {
        Assert.Equal(4096, RespCodec.MaxBulkLength);
        AssertError(DecodeError.Bad, "*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$4097\r\n");
    }

    [Theory]
    [InlineData("*03\r\n")] // the reference reads 3
    [InlineData("*+3\r\n")]
    [InlineData("*1\r\n$+2\r\nHB\r\n")]
    [InlineData("*17\r\n")] // over our array cap of 16; the reference's is 1,048,576
    public void Headers_are_stricter_than_the_references(string input)
    {
        AssertError(DecodeError.Bad, input);
    }

    [Theory]
    [InlineData("ACCEPT +7 n\r\n", DecodeError.BadNumeric)] // Rust's u64 parser takes a leading '+'
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$0\r\n\r\n", DecodeError.WrongShape)] // the reference takes an empty id
    public void Fields_are_stricter_than_the_references(string input, DecodeError error)
    {
        AssertError(error, input);
    }
}
