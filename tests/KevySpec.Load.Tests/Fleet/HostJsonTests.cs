using KevySpec.Checking;
using KevySpec.Load.Fleet;
using KevySpec.Load.Runner;
using KevySpec.Simulation;
using KevySpec.Transport;

namespace KevySpec.Load.Tests.Fleet;

public class HostJsonTests
{
    private static readonly FleetPlan Plan = new(["n1", "n2"], new Dictionary<string, string> { ["n1"] = "127.0.0.1:7001", ["n2"] = "127.0.0.1:7002" },
        ["n2"], "election-hardened", ElectConfig.Default with { HbInterval = TimeSpan.FromMilliseconds(50) }, 9, FileStores: true, "/tmp/data");

    public static TheoryData<HostMessage> Messages() =>
    [
        new KillCommand(3, "n2"),
        new RestartCommand(4, "n2", Role.Replica),
        new LinkCommand("n1", "n2", Cut: true),
        new ReadCommand(5),
        new StopCommand(6),
        new DoneReply(3),
        new FailedReply(4, "'n9' is not a node of this cluster"),
        new ReadingReply(5, new CounterTotals(10, 11, 1, 0, 2, 0), 123_456, 7_000_000),
        new ReadingReply(6, CounterTotals.Zero, 1, 2, HeapBytes: 1_048_576, FullCollections: 3),
        new ReportEvent(new TopologyChange("n2", Role.Replica, 3, "n1", true, TimeSpan.FromMilliseconds(1.5)), 987_654_321),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Messages_survive_a_trip_through_one_json_line(HostMessage message)
    {
        var line = HostJson.Write(message);
        Assert.DoesNotContain('\n', line);
        Assert.Equal(message, HostJson.Read(line));
    }

    [Fact]
    public void A_start_command_carries_the_whole_plan()
    {
        var read = Assert.IsType<StartCommand>(HostJson.Read(HostJson.Write(new StartCommand(1, Plan))));
        Assert.Equal(Plan.Members, read.Plan.Members);
        Assert.Equal(Plan.Endpoints, read.Plan.Endpoints);
        Assert.Equal(Plan.Hosted, read.Plan.Hosted);
        Assert.Equal(Plan.Config, read.Plan.Config);
        Assert.Equal((Plan.Spec, Plan.Seed, Plan.FileStores, Plan.DataRoot), (read.Plan.Spec, read.Plan.Seed, read.Plan.FileStores, read.Plan.DataRoot));
        Assert.Same(HardenedElector.Definition, read.Plan.Elector());
        Assert.Null(read.Plan.StartRole);
    }

    [Fact]
    public void A_plan_for_a_node_started_again_in_a_new_host_says_it_starts_as_a_replica()
    {
        var read = Assert.IsType<StartCommand>(HostJson.Read(HostJson.Write(new StartCommand(1, Plan with { StartRole = Role.Replica }))));
        Assert.Equal(Role.Replica, read.Plan.StartRole);
    }

    [Fact]
    public void A_host_in_a_network_namespace_is_started_through_ip_netns_exec_with_the_same_command()
    {
        var plain = HostLauncher.StartInfo();
        var inside = HostLauncher.StartInfo("ksn-1-1-n2");

        Assert.Equal("ip", inside.FileName);
        Assert.Equal(["netns", "exec", "ksn-1-1-n2", plain.FileName, .. plain.ArgumentList], inside.ArgumentList);
        Assert.Equal(plain.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"], inside.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"]);
    }

    [Fact]
    public void A_status_carries_a_snapshot_or_says_the_node_is_down()
    {
        var snapshot = new NodeSnapshot("n2", Role.Replica, 3, "n1", ["n3"], true, new NodeCounters(1, 2, 3, 4, 5, 6, 7, 8));
        var read = Assert.IsType<StatusEvent>(HostJson.Read(HostJson.Write(new StatusEvent("n2", snapshot))));
        Assert.Equal(snapshot with { DownPeers = read.Snapshot!.DownPeers }, read.Snapshot);
        Assert.Equal(["n3"], read.Snapshot.DownPeers);
        Assert.Null(Assert.IsType<StatusEvent>(HostJson.Read(HostJson.Write(new StatusEvent("n2", null)))).Snapshot);
    }

    [Fact]
    public void A_step_comes_back_with_its_messages_and_saves()
    {
        var step = new NodeStep(StepKind.Tick, "n2", Role.Replica, 2, Role.Candidate, 3,
            [new Outbound(Outbound.Broadcast, new Offer(3, "n2", 17)), new Outbound("n1", new Heartbeat(3, "n2", Role.Candidate, 17))],
            [new SaveRecord(new PersistedVote(3, "n2"), 2, 0)], new PersistedVote(3, "n2"));

        var line = Assert.IsType<StepEvent>(HostJson.Read(HostJson.Write(StepEvent.From(step, 987_654_321))));
        var back = line.ToStep();

        Assert.Equal(987_654_321, line.Timestamp);

        Assert.Equal((step.Kind, step.NodeId, step.RoleBefore, step.EpochBefore, step.RoleAfter, step.EpochAfter, step.StoreAfter),
            (back.Kind, back.NodeId, back.RoleBefore, back.EpochBefore, back.RoleAfter, back.EpochAfter, back.StoreAfter));
        Assert.Equal(step.Sent, back.Sent);
        Assert.Equal(step.Saves, back.Saves);
    }

    [Theory]
    [InlineData("not json", "not a host message")]
    [InlineData("{\"op\":\"dance\"}", "not a host message")]
    [InlineData("{\"seq\":1}", "not a host message")]
    [InlineData("null", "an empty message")]
    public void A_line_that_is_not_a_host_message_is_refused_precisely(string line, string expected)
    {
        var error = Assert.Throws<FormatException>(() => HostJson.Read(line));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_step_with_a_broken_message_is_refused()
    {
        var broken = new StepEvent(StepKind.Tick, "n2", Role.Replica, 2, Role.Replica, 2, [new SentLine("n1", ["HB", "x"])], [], default, 0);
        Assert.Contains("not a message: HB x", Assert.Throws<FormatException>(() => broken.ToStep()).Message);
    }
}
