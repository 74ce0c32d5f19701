using KevySpec.Load.Cli;
using KevySpec.Load.Fleet;
using KevySpec.Transport;

namespace KevySpec.Load.Tests.Fleet;

/// <summary>The node host's protocol, driven in-process (standard input and output replaced).</summary>
public sealed class NodeHostTests : IDisposable
{
    private readonly FleetFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private FleetPlan Plan(bool fileStores = false)
    {
        var (ids, endpoints) = FleetFolder.Members(3);
        return new FleetPlan(ids, endpoints, ids, "election-hardened", TimingPresets.Fast, 11, fileStores, _folder.Root);
    }

    [Fact]
    public async Task A_host_starts_its_nodes_obeys_commands_reports_and_stops_when_told()
    {
        var io = new HostStreams();
        var host = Task.Run(() => FleetNodeHost.RunAsync(io.Input, io.Output, io.Error));

        io.Send(new StartCommand(1, Plan(fileStores: true)));
        Assert.Equal(new DoneReply(1), io.Next<DoneReply>());
        io.Next<StatusEvent>(s => s is { Node: "n3", Snapshot: { Primary: "n1", HasQuorum: true, DownPeers.Count: 0 } });

        io.Send(new KillCommand(2, "n1"));
        Assert.Equal(new DoneReply(2), io.Next<DoneReply>(r => r.Seq == 2));
        // The survivors elect a new primary: its save, its step and its report all reach the runner.
        var won = io.Next<ReportEvent>(r => r.Change.Role == Role.Primary && r.Change.NodeId != "n1").Change;
        Assert.True(won.Epoch > 1);
        io.Next<StepEvent>(s => s.Node == won.NodeId && s.Saves.Any(save => save.Vote == new PersistedVote(won.Epoch, won.NodeId)));
        io.Next<StatusEvent>(s => s is { Node: "n1", Snapshot: null });

        io.Send(new RestartCommand(3, "n1", Role.Replica));
        Assert.Equal(new DoneReply(3), io.Next<DoneReply>(r => r.Seq == 3));
        io.Next<StatusEvent>(s => s is { Node: "n1", Snapshot: { Role: Role.Replica, HasQuorum: true, Primary: not null } } && s.Snapshot.Epoch >= won.Epoch);

        io.Send(new ReadCommand(4));
        var reading = io.Next<ReadingReply>();
        Assert.True(reading.Counters.FramesOut > 0 && reading.CpuTicks > 0 && reading.PeakMemory > 0);

        io.Send(new StopCommand(5));
        Assert.Equal(new DoneReply(5), io.Next<DoneReply>(r => r.Seq == 5));
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_command_before_the_start_fails_and_a_closed_input_ends_the_host()
    {
        var io = new HostStreams();
        var host = Task.Run(() => FleetNodeHost.RunAsync(io.Input, io.Output, io.Error));

        io.Send(new KillCommand(1, "n1"));
        Assert.Equal(new FailedReply(1, "no nodes started yet"), io.Next<FailedReply>());
        io.Send(new StartCommand(2, Plan()));
        io.Next<DoneReply>(r => r.Seq == 2);
        io.Send(new KillCommand(3, "n9"));
        Assert.Contains("'n9' is not a node of this cluster", io.Next<FailedReply>(r => r.Seq == 3).Error);

        io.Close();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_line_that_is_not_a_command_ends_the_host_with_a_message()
    {
        var io = new HostStreams();
        var host = Task.Run(() => FleetNodeHost.RunAsync(io.Input, io.Output, io.Error));
        io.SendRaw("{\"op\":\"explode\"}");
        Assert.Equal(1, await host.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.StartsWith("kevyspec-load node-host: not a host message", io.Error.ToString());
    }

    [Fact]
    public async Task A_start_that_cannot_listen_fails_with_the_reason()
    {
        var io = new HostStreams();
        var host = Task.Run(() => FleetNodeHost.RunAsync(io.Input, io.Output, io.Error));
        using var squatter = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        var plan = Plan();
        squatter.Bind(System.Net.IPEndPoint.Parse(plan.Endpoints["n2"]));
        squatter.Listen();

        io.Send(new StartCommand(1, plan));
        Assert.Contains($"node 'n2' cannot listen on {plan.Endpoints["n2"]}", io.Next<FailedReply>().Error);
        io.Close();
        Assert.Equal(0, await host.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
