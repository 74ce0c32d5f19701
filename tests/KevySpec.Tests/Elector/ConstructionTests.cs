namespace KevySpec.Tests.Elector;

// PROTOCOL.md "Public surface": new(node_id, peer_ids incl. self, addr, start_role, config, jitter);
// node ids are unique, ASCII, at most 32 bytes.
public sealed class ConstructionTests
{
    private static ReferenceElector Build(string id, string[] peers, ElectConfig? config = null, Role start = Role.Replica) =>
        new(id, peers, "addr:1", start, config);

    private static void Rejects(string expectedInMessage, Action build)
    {
        var error = Assert.ThrowsAny<ArgumentException>(build);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_node_id_is_rejected() =>
        Rejects("must not be empty", () => Build("", ["a", "b"]));

    [Fact]
    public void Empty_member_list_is_rejected() =>
        Rejects("member list must not be empty", () => Build("a", []));

    [Fact]
    public void Duplicate_member_is_rejected_and_named() =>
        Rejects("'b' appears twice", () => Build("a", ["a", "b", "c", "b"]));

    [Fact]
    public void Non_ascii_id_is_rejected() =>
        Rejects("ASCII", () => Build("nœud", ["nœud", "b"]));

    [Fact]
    public void Non_ascii_member_is_rejected() =>
        Rejects("ASCII", () => Build("a", ["a", "bé"]));

    [Fact]
    public void Id_of_33_bytes_is_rejected_and_32_is_fine()
    {
        var id32 = new string('x', 32);
        Assert.Equal(id32, Build(id32, [id32]).NodeId);
        Rejects("at most 32", () => Build(id32 + "y", [id32 + "y"]));
    }

    [Fact]
    public void Self_missing_from_the_member_list_is_rejected() =>
        Rejects("must include this node 'a'", () => Build("a", ["b", "c"]));

    [Theory]
    [InlineData("HbInterval", 0)]
    [InlineData("HbInterval", -1)]
    [InlineData("DownAfter", 0)]
    [InlineData("DownAfter", -1)]
    [InlineData("ElectionTimeout", 0)]
    [InlineData("ElectionTimeout", -1)]
    [InlineData("ElectionBackoff", 0)]
    [InlineData("ElectionBackoff", -1)]
    public void Non_positive_timing_is_rejected_and_named(string field, int milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        var config = field switch
        {
            "HbInterval" => ElectConfig.Default with { HbInterval = value },
            "DownAfter" => ElectConfig.Default with { DownAfter = value },
            "ElectionTimeout" => ElectConfig.Default with { ElectionTimeout = value },
            "ElectionBackoff" => ElectConfig.Default with { ElectionBackoff = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
        };
        Rejects($"{field} must be positive", () => Build("a", ["a", "b", "c"], config));
    }

    [Fact]
    public void Negative_jitter_is_rejected_and_zero_jitter_is_fine()
    {
        Rejects("ElectionBackoffJitter must not be negative",
            () => Build("a", ["a"], ElectConfig.Default with { ElectionBackoffJitter = TimeSpan.FromTicks(-1) }));
        Assert.Equal(TimeSpan.Zero, Build("a", ["a"], ElectConfig.Default with { ElectionBackoffJitter = TimeSpan.Zero }).Config.ElectionBackoffJitter);
    }

    [Theory]
    [InlineData(Role.Replica)]
    [InlineData(Role.Candidate)]
    [InlineData(Role.Primary)]
    public void A_new_elector_starts_at_epoch_1_with_no_primary_and_offset_0(Role start)
    {
        var elector = Build("b", ["a", "b", "c"], start: start);

        Assert.Equal(start, elector.Role);
        Assert.Equal(1UL, elector.Epoch);
        Assert.Null(elector.CurrentPrimary); // even the bootstrap primary does not know itself as primary yet
        Assert.Equal(0UL, elector.ReplOffset);
        Assert.Equal(new[] { "a", "b", "c" }, elector.PeerIds);
    }

    [Fact]
    public void Defaults_are_the_protocols()
    {
        var config = Build("a", ["a"]).Config;

        Assert.Equal(TimeSpan.FromMilliseconds(200), config.HbInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), config.DownAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), config.ElectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), config.ElectionBackoff);
        Assert.Equal(TimeSpan.FromSeconds(4), config.ElectionBackoffJitter);
    }
}
