using System.Runtime.InteropServices;
using KevySpec.Persistence;
using KevySpec.Transport;

namespace KevySpec.Cli.Node;

/// <summary>Runs one node until SIGTERM, SIGINT (Ctrl-C) or cancellation, then stops it cleanly.</summary>
internal static class NodeHost
{
    /// <summary>Exit code when the node cannot start (unusable or locked data directory, port taken, unreadable election state).</summary>
    public const int StartFailure = 1;

    public static async Task<int> RunAsync(NodeConfig config, ElectorDefinition elector, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var log = new LineLog(output);
        var topology = new TopologyLog(log);
        var options = new NodeOptions
        {
            NodeId = config.NodeId,
            PeerIds = config.Members,
            Endpoints = config.Endpoints,
            AdvertisedAddr = config.AdvertisedAddr,
            StartRole = config.StartRole,
            Config = config.Config,
            Elector = elector,
            Store = new FileElectionStore(config.DataDir),
            AuthSecret = config.AuthSecret,
            OnTopologyChange = topology.Report,
            Log = log.Write,
        };
        log.Write($"[{config.NodeId}] starting: members {string.Join(", ", options.PeerIds)}; data dir {config.DataDir}; spec {elector.Name}; "
            + $"hb {Ms(config.Config.HbInterval)}, down after {Ms(config.Config.DownAfter)}, election timeout {Ms(config.Config.ElectionTimeout)}");
        foreach (var note in config.Notes) log.Write($"[{config.NodeId}] {note}");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        // Probe, then lock, before elect.meta is read: a refused start leaves the directory as it found it.
        DataDirectoryLock dataLock;
        ElectionNode node;
        try
        {
            DataDirectoryProbe.Check(config.DataDir);
            dataLock = DataDirectoryLock.Acquire(config.DataDir);
        }
        catch (PersistenceException e)
        {
            error.WriteLine($"kevyspec node: cannot start: {e.Message}");
            return StartFailure;
        }
        using var held = dataLock;
        try
        {
            node = await ElectionNode.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PersistenceException or IOException or ArgumentException)
        {
            error.WriteLine($"kevyspec node: cannot start: {e.Message}");
            return StartFailure;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
        log.Write($"[{config.NodeId}] stopping");
        await node.DisposeAsync().ConfigureAwait(false);
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static string Ms(TimeSpan value) => $"{value.TotalMilliseconds:0} ms";
}
