
namespace KevySpec.Transport.Tests.Support;

/// <summary>
/// One real node "n2" in a 3-member cluster whose other members, n1 and n3, are played by the test
/// (raw listeners where the node connects, raw clients that write to it).
/// </summary>
public sealed class SoloNode : IAsyncDisposable
{
    private SoloNode(RawListener n1, RawListener n3, System.Net.IPEndPoint self)
    {
        N1 = n1;
        N3 = n3;
        EndPoint = self;
    }

    public RawListener N1 { get; }

    public RawListener N3 { get; }

    public System.Net.IPEndPoint EndPoint { get; }

    public ElectionNode? Node { get; private set; }

    public static async Task<SoloNode> StartAsync(IElectionStore store, ITestOutputHelper output, Func<NodeOptions, NodeOptions>? configure = null)
    {
        var solo = new SoloNode(new RawListener(), new RawListener(), Ports.Free());
        await solo.StartNodeAsync(store, output, configure);
        return solo;
    }

    public NodeOptions Options(IElectionStore store, ITestOutputHelper output) => new()
    {
        NodeId = "n2",
        PeerIds = ["n1", "n2", "n3"],
        Endpoints = new Dictionary<string, System.Net.IPEndPoint> { ["n1"] = N1.EndPoint, ["n2"] = EndPoint, ["n3"] = N3.EndPoint },
        Config = Timings.Quiet,
        Store = store,
        JitterSeed = 7,
        Log = line => Try(() => output.WriteLine(line)),
    };

    public async Task StartNodeAsync(IElectionStore store, ITestOutputHelper output, Func<NodeOptions, NodeOptions>? configure = null)
    {
        var options = Options(store, output);
        Node = await ElectionNode.StartAsync(configure?.Invoke(options) ?? options);
    }

    public async Task StopNodeAsync()
    {
        if (Node is { } node) await node.DisposeAsync();
        Node = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopNodeAsync();
        await N1.DisposeAsync();
        await N3.DisposeAsync();
    }

    // xunit refuses output after a test ends; a late log line must not fail a node's loop.
    internal static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (InvalidOperationException)
        {
        }
    }
}
