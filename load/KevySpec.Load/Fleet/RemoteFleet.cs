using System.Collections.Concurrent;
using System.Diagnostics;
using KevySpec.Transport;

namespace KevySpec.Load.Fleet;

/// <summary>
/// Nodes hosted by a node host process (<see cref="FleetNodeHost"/>), driven over its standard input and
/// output. Snapshots are the host's latest status lines; counters and the host's CPU time come with
/// <see cref="ReadAsync"/>. If the host dies, every pending and later command fails with its exit code
/// and the last lines it wrote to standard error.
/// </summary>
public sealed class RemoteFleet : INodeFleet
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(5);
    private const int ErrorLinesKept = 20;

    private readonly Process _process;
    private readonly FleetEvents _events;
    private readonly string _name;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<HostMessage>> _pending = new();
    private readonly ConcurrentDictionary<string, NodeSnapshot?> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Lock _writeGate = new();
    private readonly Task _reader;
    private readonly Task _errorReader;
    private long _seq;
    private volatile string? _gone;

    private RemoteFleet(Process process, FleetPlan plan, FleetEvents events, string name)
    {
        _process = process;
        _events = events;
        _name = name;
        NodeIds = plan.Hosted;
        _reader = Task.Run(ReadOutputAsync);
        _errorReader = Task.Run(ReadErrorsAsync);
    }

    /// <inheritdoc />
    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>The node host's process id.</summary>
    internal int ProcessId => _process.Id;

    /// <summary>
    /// Starts a node host process named <paramref name="name"/> (for messages) and its nodes; <paramref name="startInfo"/>
    /// (from <see cref="HostLauncher.StartInfo"/>, perhaps adjusted) says how, by default <see cref="HostLauncher.StartInfo"/>'s.
    /// </summary>
    /// <exception cref="IOException">The host could not be started, or could not start its nodes.</exception>
    public static async Task<RemoteFleet> StartAsync(FleetPlan plan, FleetEvents events, string name, CancellationToken ct, ProcessStartInfo? startInfo = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(events);
        Process process;
        try
        {
            process = Process.Start(startInfo ?? HostLauncher.StartInfo()) ?? throw new IOException($"{name} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new IOException($"cannot start {name}: {e.Message}", e);
        }
        var fleet = new RemoteFleet(process, plan, events, name);
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(StartBudget);
            await fleet.RequestAsync(seq => new StartCommand(seq, plan), budget.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && !ct.IsCancellationRequested) throw new IOException($"{name} did not start its nodes within {StartBudget.TotalSeconds:0} s", e);
            throw;
        }
        return fleet;
    }

    /// <inheritdoc />
    public NodeSnapshot? Snapshot(string id) => _snapshots.TryGetValue(id, out var snapshot) ? snapshot : null;

    /// <inheritdoc />
    public async Task<FleetReading> ReadAsync(CancellationToken ct = default)
    {
        var reply = (ReadingReply)await RequestAsync(seq => new ReadCommand(seq), ct).ConfigureAwait(false);
        return new FleetReading(reply.Counters, TimeSpan.FromTicks(reply.CpuTicks), reply.PeakMemory, reply.HeapBytes, reply.FullCollections);
    }

    /// <inheritdoc />
    public Task KillAsync(string id) => RequestAsync(seq => new KillCommand(seq, id), CancellationToken.None);

    /// <inheritdoc />
    public Task RestartAsync(string id, Role role) => RequestAsync(seq => new RestartCommand(seq, id, role), CancellationToken.None);

    /// <inheritdoc />
    public void Cut(string from, string to) => Send(new LinkCommand(from, to, Cut: true));

    /// <inheritdoc />
    public void Heal(string from, string to) => Send(new LinkCommand(from, to, Cut: false));

    /// <summary>
    /// Kills the host process at once (SIGKILL: no goodbye, its nodes' sockets are reset by the kernel) and returns
    /// once every line it wrote has been handled; later commands fail.
    /// </summary>
    public async Task CrashAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        await _reader.ConfigureAwait(false);
    }

    /// <summary>Asks the host to stop its nodes and exit; kills it if it has not within 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_gone is null)
        {
            try
            {
                using var budget = new CancellationTokenSource(StopBudget);
                await RequestAsync(seq => new StopCommand(seq), budget.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                // Gone or stuck: the kill below settles it.
            }
        }
        try
        {
            _process.StandardInput.Close();
            using var budget = new CancellationTokenSource(StopBudget);
            await _process.WaitForExitAsync(budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
        }
        await Task.WhenAll(_reader, _errorReader).ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task<HostMessage> RequestAsync(Func<long, HostRequest> command, CancellationToken ct)
    {
        var request = command(Interlocked.Increment(ref _seq));
        var reply = new TaskCompletionSource<HostMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[request.Seq] = reply;
        try
        {
            try
            {
                Send(request);
            }
            catch (IOException) when (_gone is null)
            {
                // The pipe broke before the reader saw the host exit: wait for it, to say how the host ended.
                await Task.WhenAny(_reader, Task.Delay(StopBudget, CancellationToken.None)).ConfigureAwait(false);
                throw new IOException(_gone ?? $"{_name} stopped listening");
            }
            var message = await reply.Task.WaitAsync(ct).ConfigureAwait(false);
            return message is FailedReply failed ? throw new IOException($"{_name}: {failed.Error}") : message;
        }
        finally
        {
            _pending.TryRemove(request.Seq, out _);
        }
    }

    private void Send(HostMessage message)
    {
        if (_gone is { } why) throw new IOException(why);
        var line = HostJson.Write(message);
        try
        {
            lock (_writeGate)
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
            }
        }
        catch (IOException e)
        {
            throw new IOException(_gone ?? $"{_name} stopped listening: {e.Message}", e);
        }
    }

    private async Task ReadOutputAsync()
    {
        var output = _process.StandardOutput;
        try
        {
            while (await output.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                Dispatch(HostJson.Read(line));
            }
        }
        catch (FormatException e)
        {
            _errors.Enqueue(e.Message);
        }
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _errorReader.ConfigureAwait(false);
        var tail = string.Join(Environment.NewLine, _errors);
        _gone = $"{_name} exited with code {_process.ExitCode}" + (tail.Length == 0 ? "" : $": {tail}");
        foreach (var waiting in _pending.Values) waiting.TrySetException(new IOException(_gone));
    }

    private void Dispatch(HostMessage message)
    {
        switch (message)
        {
            case DoneReply { Seq: var seq }:
                Complete(seq, message);
                break;
            case FailedReply { Seq: var seq }:
                Complete(seq, message);
                break;
            case ReadingReply { Seq: var seq }:
                Complete(seq, message);
                break;
            case ReportEvent report:
                _events.Reported(report.Change, report.Timestamp);
                break;
            case StepEvent step:
                _events.Stepped(step.ToStep(), step.Timestamp);
                break;
            case StatusEvent status:
                _snapshots[status.Node] = status.Snapshot;
                break;
            default:
                throw new FormatException($"{_name} sent an unexpected {message.GetType().Name}");
        }
    }

    private void Complete(long seq, HostMessage reply)
    {
        if (_pending.TryGetValue(seq, out var waiting)) waiting.TrySetResult(reply);
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _errors.Enqueue(line);
            while (_errors.Count > ErrorLinesKept) _errors.TryDequeue(out _);
        }
    }
}
