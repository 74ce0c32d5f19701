using KevySpec.Wire;

namespace KevySpec.Tests.Wire;

public sealed class MessageArgvTests
{
    [Fact]
    public void ToArgv_writes_uppercase_verbs_decimal_numbers_and_lowercase_roles()
    {
        Assert.Equal(["HB", "18446744073709551615", "Node.A-1", "candidate", "0"],
            MessageArgv.ToArgv(new Heartbeat(ulong.MaxValue, "Node.A-1", Role.Candidate, 0)));
        Assert.Equal(["OFFER", "5", "c", "100"], MessageArgv.ToArgv(new Offer(5, "c", 100)));
        Assert.Equal(["ACCEPT", "7", "replica-2"], MessageArgv.ToArgv(new Accept(7, "replica-2")));
        Assert.Equal(["ANNOUNCE", "9", "p", "p:7379"], MessageArgv.ToArgv(new Announce(9, "p", "p:7379")));
    }

    [Theory]
    [MemberData(nameof(WireSamples.MessageData), MemberType = typeof(WireSamples))]
    public void FromArgv_inverts_ToArgv(ElectionMessage message)
    {
        var r = MessageArgv.FromArgv(MessageArgv.ToArgv(message));
        Assert.True(r.IsOk, r.ErrorMessage);
        Assert.Equal(message, r.Message);
        Assert.True(r.TryGetMessage(out var m));
        Assert.Equal(message, m);
    }

    [Fact]
    public void FromArgv_is_case_insensitive_for_verbs_and_roles()
    {
        Assert.Equal(new Heartbeat(1, "A", Role.Primary, 2), MessageArgv.FromArgv(["hb", "1", "A", "PRIMARY", "2"]).Message);
        Assert.Equal(new Accept(1, "n"), MessageArgv.FromArgv(["Accept", "1", "n"]).Message);
    }

    [Theory]
    [InlineData(DecodeError.WrongShape, "missing verb", new string[0])]
    [InlineData(DecodeError.WrongShape, "missing verb", new[] { "" })]
    [InlineData(DecodeError.WrongShape, "unknown verb 'VOTE'", new[] { "VOTE", "1" })]
    [InlineData(DecodeError.WrongShape, "HB needs 4 fields after the verb, got 3", new[] { "HB", "1", "a", "primary" })]
    [InlineData(DecodeError.WrongShape, "node_id (field 2) is empty", new[] { "HB", "1", "", "primary", "0" })]
    [InlineData(DecodeError.WrongShape, "new_primary_addr (field 3) is empty", new[] { "ANNOUNCE", "1", "p", "" })]
    [InlineData(DecodeError.BadNumeric, "epoch '12x' is not a decimal u64", new[] { "ACCEPT", "12x", "n" })]
    [InlineData(DecodeError.BadNumeric, "repl_offset '18446744073709551616' is not a decimal u64", new[] { "OFFER", "1", "c", "18446744073709551616" })]
    [InlineData(DecodeError.BadNumeric, "epoch ' 1' is not a decimal u64", new[] { "ACCEPT", " 1", "n" })]
    [InlineData(DecodeError.BadNumeric, "epoch '１' is not a decimal u64", new[] { "ACCEPT", "１", "n" })] // fullwidth digit
    [InlineData(DecodeError.BadRole, "role 'leader' is not primary, replica or candidate", new[] { "HB", "1", "a", "leader", "0" })]
    [InlineData(DecodeError.BadRole, "role 'prımary'", new[] { "HB", "1", "a", "prımary", "0" })] // dotless i
    public void FromArgv_reports_precise_errors(DecodeError error, string message, string[] argv)
    {
        var r = MessageArgv.FromArgv(argv);
        Assert.False(r.IsOk);
        Assert.Null(r.Message);
        Assert.Equal(error, r.Error);
        Assert.Contains(message, r.ErrorMessage);
    }

    [Fact]
    public void FromArgv_treats_a_null_element_as_empty_and_refuses_a_null_argv()
    {
        Assert.Equal(DecodeError.WrongShape, MessageArgv.FromArgv(["ACCEPT", "1", null!]).Error);
        Assert.Throws<ArgumentNullException>(() => MessageArgv.FromArgv(null!));
    }

    [Fact]
    public void Wire_and_argv_decoding_agree_on_errors()
    {
        string[][] cases =
        [
            ["HB", "1", "a", "leader", "0"],
            ["ACCEPT", "1.5", "n"],
            ["OFFER", "1", "c"],
            ["NOPE"],
        ];
        foreach (var argv in cases)
        {
            var fromArgv = MessageArgv.FromArgv(argv);
            var fromWire = RespCodec.Decode(System.Text.Encoding.ASCII.GetBytes(string.Join(' ', argv) + "\r\n"));
            Assert.Equal(fromArgv.Error, fromWire.Error);
            Assert.Equal(fromArgv.ErrorMessage, fromWire.ErrorMessage);
        }
    }

    [Fact]
    public void Default_results_claim_no_message()
    {
        ArgvResult argv = default;
        Assert.False(argv.IsOk);
        Assert.NotNull(argv.ErrorMessage);
        DecodeResult decoded = default;
        Assert.False(decoded.IsOk || decoded.IsSkipped || decoded.IsError);
    }
}
