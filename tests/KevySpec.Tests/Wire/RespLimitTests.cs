using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

public sealed class RespLimitTests
{
    [Fact]
    public void Caps_have_their_documented_values()
    {
        Assert.Equal(16, RespCodec.MaxArrayCount);
        Assert.Equal(4096, RespCodec.MaxBulkLength);
        Assert.Equal(4096, RespCodec.MaxInlineLength);
        Assert.Equal(5 + 16 * (7 + 4096 + 2), RespCodec.MaxFrameLength);
    }

    [Theory]
    [InlineData("*999999999\r\n")]
    [InlineData("*999999999")] // no need to wait for the CRLF
    [InlineData("*17\r\n")]
    [InlineData("*17")]
    [InlineData("*99999999999999999999999999999999999999\r\n")]
    [InlineData("*1\r\n$999999999\r\n")]
    [InlineData("*1\r\n$999999999")]
    [InlineData("*1\r\n$4097\r\n")]
    [InlineData("*5\r\n$2\r\nHB\r\n$2147483648\r\n")]
    [InlineData("$999999999\r\n")]
    public void Huge_declared_counts_and_lengths_are_bad_at_once_without_allocating(string header)
    {
        var bytes = B(header);
        RespCodec.Decode(bytes); // warm up
        var before = GC.GetAllocatedBytesForCurrentThread();
        var r = RespCodec.Decode(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DecodeError.Bad, r.Error);
        Assert.True(allocated < 1024, $"decoding '{Show(bytes)}' allocated {allocated} bytes");
    }

    [Fact]
    public void The_largest_count_is_read_and_judged_on_shape()
    {
        var frame = "*16\r\n" + string.Concat(Enumerable.Repeat("$1\r\nx\r\n", 16));
        var r = Decode(frame);
        Assert.Equal(DecodeError.WrongShape, r.Error);
        Assert.Equal(frame.Length, r.BytesConsumed);

        frame = "*16\r\n$2\r\nHB\r\n" + string.Concat(Enumerable.Repeat("$1\r\n1\r\n", 15));
        Assert.Contains("HB needs 4 fields after the verb, got 15", Decode(frame).ErrorMessage);
    }

    [Fact]
    public void A_bulk_of_exactly_the_cap_is_accepted_and_one_more_is_bad()
    {
        var id = new string('n', RespCodec.MaxBulkLength);
        var bytes = RespCodec.Encode(new Accept(1, id));
        Assert.Equal(new Accept(1, id), RespCodec.Decode(bytes).Message);

        var tooLong = "*3\r\n$6\r\nACCEPT\r\n$1\r\n1\r\n$4097\r\n" + new string('n', 4097) + "\r\n";
        AssertError(DecodeError.Bad, tooLong);
    }

    [Fact]
    public void An_inline_line_of_exactly_the_cap_is_accepted()
    {
        var head = "ACCEPT 1 ";
        var line = head + new string('n', RespCodec.MaxInlineLength - head.Length);
        Assert.Equal(RespCodec.MaxInlineLength, line.Length);
        var r = Decode(line + "\r\n");
        Assert.True(r.IsOk, r.ToString());
        Assert.Equal(line.Length + 2, r.BytesConsumed);
    }

    [Fact]
    public void An_inline_line_over_the_cap_is_bad_even_without_its_newline()
    {
        var over = "ACCEPT 1 " + new string('n', RespCodec.MaxInlineLength);
        AssertError(DecodeError.Bad, over + "\r\n");
        AssertError(DecodeError.Bad, over + "\n");
        AssertError(DecodeError.Bad, over); // no CRLF: Bad, not Truncated forever
        AssertError(DecodeError.Bad, new string(' ', 100_000));

        // Under the cap, a line without a CRLF may still be completed.
        AssertError(DecodeError.Truncated, new string('n', RespCodec.MaxInlineLength));
    }

    [Fact]
    public void Inline_lines_with_more_words_than_an_array_may_hold_are_wrong_shape()
    {
        var line = "HB " + string.Join(' ', Enumerable.Range(0, 40)) + "\r\n";
        var r = Decode(line);
        Assert.Equal(DecodeError.WrongShape, r.Error);
        Assert.Contains("got 40", r.ErrorMessage);
    }

    [Fact]
    public void Decode_never_looks_past_the_largest_frame()
    {
        // A maximal array: the decoder has all it needs within MaxFrameLength bytes.
        var element = "$4096\r\n" + new string('x', 4096) + "\r\n";
        var frame = B("*16\r\n" + string.Concat(Enumerable.Repeat(element, 16)));
        Assert.Equal(RespCodec.MaxFrameLength, frame.Length);
        var r = RespCodec.Decode(frame);
        Assert.Equal(DecodeError.WrongShape, r.Error);
        Assert.Equal(frame.Length, r.BytesConsumed);
        Assert.True(RespCodec.Decode(frame.AsSpan(0, frame.Length - 1)).IsTruncated);
    }
}
