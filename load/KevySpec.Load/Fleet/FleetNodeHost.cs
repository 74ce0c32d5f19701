using System.Diagnostics;
using System.Threading.Channels;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// The node host process (<c>kevyspec-load node-host</c>, started by the runner): hosts the nodes of
/// one <see cref="FleetPlan"/> in a <see cref="LocalFleet"/>, obeys the runner's commands on standard
/// input and writes replies and the nodes' events to standard output, one JSON line each
/// (<see cref="HostMessage"/>). It stops its nodes and exits when told to, or when its standard input
/// closes (the runner is gone), so it never outlives a run.
/// </summary>
public static class FleetNodeHost
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>Serves commands from <paramref name="input"/> until told to stop or the input ends; returns the exit code.</summary>
    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error)
    {
        // Ctrl+C in a terminal reaches the whole process group: the runner handles it (it finishes its
        // events and reports), so the host keeps its nodes running until the runner says stop.
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGINT, context => context.Cancel = true);
        var outbox = Channel.CreateUnbounded<HostMessage>(new UnboundedChannelOptions { SingleReader = true });
        var writer = WriteAsync(outbox.Reader, output);
        LocalFleet? fleet = null;
        using var stop = new CancellationTokenSource();
        Task? status = null;
        var pending = new List<Task>();
        try
        {
            while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                var message = HostJson.Read(line);
                pending.RemoveAll(t => t.IsCompleted);
                switch (message)
                {
                    case StartCommand start when fleet is null:
                        try
                        {
                            var limit = Cli.FileDescriptorLimit.Ensure(start.Plan.Hosted.Count, start.Plan.Members.Count);
                            if (Cli.FileDescriptorLimit.Problem(start.Plan.Hosted.Count, start.Plan.Members.Count, limit) is { } tooFew) throw new IOException(tooFew);
                            fleet = await LocalFleet.StartAsync(start.Plan, Events(outbox.Writer), stop.Token).ConfigureAwait(false);
                            status = PublishStatusAsync(fleet, outbox.Writer, stop.Token);
                            outbox.Writer.TryWrite(new DoneReply(start.Seq));
                        }
                        catch (Exception e) when (e is IOException or ArgumentException or Persistence.PersistenceException or System.Net.Sockets.SocketException)
                        {
                            outbox.Writer.TryWrite(new FailedReply(start.Seq, e.Message));
                        }
                        break;
                    case HostRequest request when fleet is null && request is not StopCommand:
                        outbox.Writer.TryWrite(new FailedReply(request.Seq, "no nodes started yet"));
                        break;
                    case KillCommand kill:
                        pending.Add(ReplyAsync(kill.Seq, () => fleet!.KillAsync(kill.Node), outbox.Writer));
                        break;
                    case RestartCommand restart:
                        pending.Add(ReplyAsync(restart.Seq, () => fleet!.RestartAsync(restart.Node, restart.Role), outbox.Writer));
                        break;
                    case LinkCommand link when fleet is not null:
                        if (link.Cut) fleet.Cut(link.From, link.To);
                        else fleet.Heal(link.From, link.To);
                        break;
                    case ReadCommand read:
                        outbox.Writer.TryWrite(Reading(read.Seq, fleet!));
                        break;
                    case StopCommand stopCommand:
                        await Task.WhenAll(pending).ConfigureAwait(false);
                        await StopAsync().ConfigureAwait(false);
                        outbox.Writer.TryWrite(new DoneReply(stopCommand.Seq));
                        return 0;
                    default:
                        throw new FormatException($"unexpected message: {line}");
                }
            }
            return 0;   // the runner is gone
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            await error.WriteLineAsync($"kevyspec-load node-host: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await StopAsync().ConfigureAwait(false);
            outbox.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }

        async Task StopAsync()
        {
            await stop.CancelAsync().ConfigureAwait(false);
            if (status is not null) await status.ConfigureAwait(false);
            if (fleet is not null) await fleet.DisposeAsync().ConfigureAwait(false);
            fleet = null;
        }
    }

    private static FleetEvents Events(ChannelWriter<HostMessage> outbox) => new(
        (change, timestamp) => outbox.TryWrite(new ReportEvent(change, timestamp)),
        (step, timestamp) => outbox.TryWrite(StepEvent.From(step, timestamp)));

    private static async Task ReplyAsync(long seq, Func<Task> operation, ChannelWriter<HostMessage> outbox)
    {
        try
        {
            await operation().ConfigureAwait(false);
            outbox.TryWrite(new DoneReply(seq));
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or Persistence.PersistenceException or System.Net.Sockets.SocketException)
        {
            outbox.TryWrite(new FailedReply(seq, e.Message));
        }
    }

    private static ReadingReply Reading(long seq, LocalFleet fleet)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ReadingReply(seq, fleet.Totals(), process.TotalProcessorTime.Ticks, process.PeakWorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes, GC.CollectionCount(2));
    }

    // The runner's snapshots of remote nodes: each node's state whenever it changed, checked every 50 ms.
    private static async Task PublishStatusAsync(LocalFleet fleet, ChannelWriter<HostMessage> outbox, CancellationToken ct)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(StatusEvery);
        try
        {
            do
            {
                foreach (var id in fleet.NodeIds)
                {
                    var snapshot = fleet.Snapshot(id);
                    var key = snapshot is null ? "-" : $"{snapshot.Role}|{snapshot.Epoch}|{snapshot.Primary}|{snapshot.HasQuorum}|{string.Join(',', snapshot.DownPeers)}";
                    if (last.TryGetValue(id, out var previous) && previous == key) continue;
                    last[id] = key;
                    outbox.TryWrite(new StatusEvent(id, snapshot));
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteAsync(ChannelReader<HostMessage> outbox, TextWriter output)
    {
        while (await outbox.WaitToReadAsync().ConfigureAwait(false))
        {
            while (outbox.TryRead(out var message)) await output.WriteLineAsync(HostJson.Write(message)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
    }
}
