using KevySpec.Wire;
using static KevySpec.Tests.Wire.WireSamples;

namespace KevySpec.Tests.Wire;

public sealed class RespDecodeErrorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*3")]
    [InlineData("*3\r")]
    [InlineData("*3\r\n")]
    [InlineData("*3\r\n$")]
    [InlineData("*3\r\n$6\r\nACC")]
    [InlineData("*3\r\n$6\r\nACCEPT")]
    [InlineData("*3\r\n$6\r\nACCEPT\r")]
    [InlineData("HB 1 a primary 0")]
    [InlineData("HB 1 a primary 0\r")]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("HB 1 a primary 0\n")] // a bare LF never ends a line (the reference's rule)
    [InlineData("*-")]
    [InlineData("*-1")]
    [InlineData("*-1\r")]
    public void Truncated_when_more_bytes_are_needed(string input)
    {
        AssertError(DecodeError.Truncated, input);
        Assert.Equal(0, Decode(input).BytesConsumed);
        Assert.True(Decode(input).IsTruncated);
    }

    [Theory]
    [InlineData("$6\r\nACCEPT\r\n")] // a bulk where an array is expected
    [InlineData("+OK\r\n")]
    [InlineData("-ERR no\r\n")]
    [InlineData(":1\r\n")]
    [InlineData("_\r\n")] // RESP3 null
    [InlineData("*x\r\n")] // non-digit count
    [InlineData("*\r\n")] // no digits
    [InlineData("*3x")]
    [InlineData("*3\rX")] // CR without LF
    [InlineData("*3\n")] // bare LF after a count
    [InlineData("*03\r\n")] // leading zero
    [InlineData("*-0\r\n")] // a negative count is a null array; -0 is not one
    [InlineData("*-01\r\n")]
    [InlineData("*-x")]
    [InlineData("*-\r\n")]
    [InlineData("*-1x")]
    [InlineData("*-1\rX")]
    [InlineData("*-9223372036854775808\r\n")] // below the 64-bit range, as for the reference
    [InlineData("*1\r\n$-1\r\n")] // RESP null bulk
    [InlineData("*1\r\n$-5\r\n")]
    [InlineData("*1\r\n$x\r\n")] // non-digit length
    [InlineData("*1\r\n$\r\n")]
    [InlineData("*1\r\n+HB\r\n")] // element that is not a bulk string
    [InlineData("*1\r\n:1\r\n")]
    [InlineData("*1\r\n*1\r\n")] // nested array
    [InlineData("*1\r\n$2\r\nHBX\r\n")] // bulk longer than declared: no CRLF after it
    [InlineData("*1\r\n$2\r\nHB\rX")]
    [InlineData("*1\r\n$2\r\nHB\n")]
    public void Bad_when_the_bytes_are_not_a_resp_frame(string input)
    {
        AssertError(DecodeError.Bad, input);
        Assert.Equal(0, Decode(input).BytesConsumed);
    }

    [Theory]
    [InlineData("*1\r\n$3\r\nFOO\r\n", "unknown verb 'FOO'")]
    [InlineData("GET key\r\n", "unknown verb 'GET'")]
    [InlineData("HBX 1 a primary 0\r\n", "unknown verb 'HBX'")]
    [InlineData("ACCEPT 7\r\n", "ACCEPT needs 2 fields after the verb, got 1")]
    [InlineData("HB 1 a primary\r\n", "HB needs 4 fields after the verb, got 3")]
    [InlineData("HB 1 a primary 0 extra\r\n", "HB needs 4 fields after the verb, got 5")]
    [InlineData("OFFER\r\n", "OFFER needs 3 fields after the verb, got 0")]
    [InlineData("*2\r\n$8\r\nANNOUNCE\r\n$1\r\n1\r\n", "ANNOUNCE needs 3 fields after the verb, got 1")]
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$1\r\n7\r\n$0\r\n\r\n", "accepter_id (field 2) is empty")]
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$0\r\n\r\n$1\r\nn\r\n", "epoch (field 1) is empty")]
    [InlineData("*5\r\n$2\r\nHB\r\n$1\r\n1\r\n$1\r\na\r\n$0\r\n\r\n$1\r\n0\r\n", "role (field 3) is empty")]
    [InlineData("*1\r\n$0\r\n\r\n", "missing verb")]
    [InlineData("*3\r\n$0\r\n\r\n$1\r\n7\r\n$1\r\nn\r\n", "missing verb")]
    public void WrongShape_for_missing_or_unknown_verb_wrong_count_or_empty_field(string input, string message)
    {
        AssertError(DecodeError.WrongShape, input);
        var r = Decode(input);
        Assert.Contains(message, r.ErrorMessage);
        Assert.Equal(input.Length, r.BytesConsumed); // the whole frame was read
    }

    [Theory]
    [InlineData("ACCEPT 18446744073709551616 n\r\n", "epoch '18446744073709551616' is not a decimal u64")]
    [InlineData("ACCEPT 99999999999999999999999 n\r\n", "epoch '99999999999999999999999' is not a decimal u64")]
    [InlineData("ACCEPT -1 n\r\n", "epoch '-1' is not a decimal u64")]
    [InlineData("ACCEPT 1.5 n\r\n", "epoch '1.5' is not a decimal u64")]
    [InlineData("ACCEPT 12x n\r\n", "epoch '12x' is not a decimal u64")]
    [InlineData("ACCEPT +1 n\r\n", "epoch '+1' is not a decimal u64")]
    [InlineData("ACCEPT 0x10 n\r\n", "epoch '0x10' is not a decimal u64")]
    [InlineData("HB 1 a primary 18446744073709551616\r\n", "repl_offset '18446744073709551616'")]
    [InlineData("OFFER 1 c 1e3\r\n", "repl_offset '1e3'")]
    [InlineData("OFFER ١ c 1\r\n", "new_epoch")] // Arabic-Indic digit
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$2\r\n 7\r\n$1\r\nn\r\n", "epoch ' 7'")] // whitespace inside a bulk
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$2\r\n7 \r\n$1\r\nn\r\n", "epoch '7 '")]
    public void BadNumeric_when_a_number_is_not_a_decimal_u64(string input, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(input);
        var r = RespCodec.Decode(bytes);
        Assert.Equal(DecodeStatus.Error, r.Status);
        Assert.Equal(DecodeError.BadNumeric, r.Error);
        Assert.Contains(message, r.ErrorMessage);
        Assert.Equal(bytes.Length, r.BytesConsumed);
    }

    [Fact]
    public void The_largest_u64_is_accepted_and_one_more_is_not()
    {
        Assert.Equal(new Accept(ulong.MaxValue, "n"), Decode("ACCEPT 18446744073709551615 n\r\n").Message);
        AssertError(DecodeError.BadNumeric, "ACCEPT 18446744073709551616 n\r\n");
        AssertError(DecodeError.BadNumeric, "ACCEPT 18446744073709551620 n\r\n");
    }

    [Theory]
    [InlineData("HB 1 a leader 0\r\n", "role 'leader' is not primary, replica or candidate")]
    [InlineData("HB 1 a primaryy 0\r\n", "role 'primaryy'")]
    [InlineData("HB 1 a follower 0\r\n", "role 'follower'")]
    [InlineData("HB 1 a 0 0\r\n", "role '0'")]
    [InlineData("*5\r\n$2\r\nHB\r\n$1\r\n1\r\n$1\r\na\r\n$8\r\nprımary\r\n$1\r\n0\r\n", "role 'prımary'")] // dotless i
    [InlineData("*5\r\n$2\r\nHB\r\n$1\r\n1\r\n$1\r\na\r\n$8\r\nprimary \r\n$1\r\n0\r\n", "role 'primary '")]
    public void BadRole_when_the_role_is_not_one(string input, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(input);
        var r = RespCodec.Decode(bytes);
        Assert.Equal(DecodeError.BadRole, r.Error);
        Assert.Contains(message, r.ErrorMessage);
        Assert.Equal(bytes.Length, r.BytesConsumed);
    }

    [Fact]
    public void Fields_are_checked_left_to_right()
    {
        Assert.Equal(DecodeError.BadNumeric, Decode("HB x a leader y\r\n").Error);
        Assert.Equal(DecodeError.BadRole, Decode("HB 1 a leader y\r\n").Error);
        Assert.Equal(DecodeError.WrongShape, Decode("HB x a leader\r\n").Error); // count before fields
    }

    [Fact]
    public void Control_bytes_in_error_messages_are_escaped_and_long_fields_cut()
    {
        var r = RespCodec.Decode(B("*3\r\n$6\r\nACCEPT\r\n$3\r\n1\u00012\r\n$1\r\nn\r\n"));
        Assert.Equal(DecodeError.BadNumeric, r.Error);
        Assert.Contains("'1\\x012'", r.ErrorMessage);

        var longVerb = new string('Z', 500);
        r = Decode(longVerb + "\r\n");
        Assert.Equal(DecodeError.WrongShape, r.Error);
        Assert.True(r.ErrorMessage!.Length < 200, r.ErrorMessage);
    }
}
