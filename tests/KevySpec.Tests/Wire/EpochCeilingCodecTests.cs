using System.Text;
using KevySpec.Wire;

namespace KevySpec.Tests.Wire;

// The wire carries every epoch up to Epochs.Ceiling (2^64 - 1); one more is BadNumeric naming the ceiling.
public sealed class EpochCeilingCodecTests
{
    public static TheoryData<ElectionMessage> AtTheCeiling =>
    [
        new Heartbeat(Epochs.Ceiling, "n1", Role.Primary, 0),
        new Offer(Epochs.Ceiling, "n2", ulong.MaxValue),
        new Accept(Epochs.Ceiling, "n3"),
        new Announce(Epochs.Ceiling, "n2", "127.0.0.1:7102"),
    ];

    [Theory]
    [MemberData(nameof(AtTheCeiling))]
    public void An_epoch_at_the_ceiling_round_trips(ElectionMessage message)
    {
        var bytes = RespCodec.Encode(message);
        Assert.Contains("$20\r\n18446744073709551615\r\n", Encoding.ASCII.GetString(bytes));

        var decoded = RespCodec.Decode(bytes);
        Assert.True(decoded.IsOk, decoded.ErrorMessage);
        Assert.Equal(message, decoded.Message);
        Assert.Equal(bytes.Length, decoded.BytesConsumed);
    }

    [Theory]
    [InlineData("HB 18446744073709551616 n1 primary 0\r\n", "epoch")]
    [InlineData("OFFER 18446744073709551616 n2 0\r\n", "new_epoch")]
    [InlineData("ACCEPT 18446744073709551616 n3\r\n", "epoch")]
    [InlineData("ANNOUNCE 18446744073709551616 n2 h:1\r\n", "epoch")]
    [InlineData("*3\r\n$6\r\nACCEPT\r\n$20\r\n18446744073709551616\r\n$2\r\nn3\r\n", "epoch")]
    public void One_above_the_ceiling_is_BadNumeric_naming_the_ceiling(string frame, string field)
    {
        var r = RespCodec.Decode(Encoding.ASCII.GetBytes(frame));

        Assert.Equal(DecodeError.BadNumeric, r.Error);
        Assert.Equal($"{field} '18446744073709551616' is not a decimal u64 (above the epoch ceiling 18446744073709551615)", r.ErrorMessage);
        Assert.Equal(frame.Length, r.BytesConsumed);
    }

    [Fact]
    public void An_offset_above_the_largest_u64_is_not_called_an_epoch()
    {
        var r = RespCodec.Decode("OFFER 1 n2 18446744073709551616\r\n"u8);

        Assert.Equal(DecodeError.BadNumeric, r.Error);
        Assert.Equal("repl_offset '18446744073709551616' is not a decimal u64 (larger than 18446744073709551615)", r.ErrorMessage);
    }
}
