using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace KevySpec.Transport;

/// <summary>
/// The persistent outbound connection to one peer: a bounded frame queue (oldest dropped and counted
/// when full), a writer that reconnects with capped exponential backoff, and the link's faults
/// (cut, delay, drop ratio). Only the elector loop enqueues.
/// </summary>
internal sealed class PeerLink
{
    private const int BatchBytes = 16 * 1024;

    private readonly NodeContext _ctx;
    private readonly IPEndPoint _endpoint;
    private readonly LinkFaultState _faults;
    private readonly Channel<QueuedFrame> _queue;
    private readonly object _gate = new();
    private CancellationTokenSource? _connection;
    private CancellationTokenSource? _pause;

    public PeerLink(NodeContext ctx, string peer, IPEndPoint endpoint, LinkFaultState faults)
    {
        _ctx = ctx;
        Peer = peer;
        _endpoint = endpoint;
        _faults = faults;
        _queue = Channel.CreateBounded<QueuedFrame>(
            new BoundedChannelOptions(ctx.Options.OutboundQueueCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
                // The writer resumes on the enqueuing thread (the elector loop): a small send usually
                // completes at once, so a heartbeat costs no thread hop (idle CPU stays near zero).
                AllowSynchronousContinuations = true,
            },
            _ => ctx.Counters.FrameDropped());
        faults.OnCut(CloseConnection);
    }

    public string Peer { get; }

    /// <summary>Queues <paramref name="frame"/> for the peer, unless the link is cut or the drop fault takes it.</summary>
    public void Enqueue(byte[] frame)
    {
        if (_faults.IsCut || _faults.Drop is { } drop && drop.DropNext())
        {
            _ctx.Counters.FrameDropped();
            return;
        }
        _queue.Writer.TryWrite(new QueuedFrame(frame, _ctx.Time.GetTimestamp()));
    }

    /// <summary>
    /// The peer was just heard from, so it is up: cut short a reconnection pause. A restarted peer then gets
    /// our heartbeats within a round trip of its own first frame, not after our backoff (up to a second),
    /// which could outlast its cold-start grace and make it stand needlessly.
    /// </summary>
    public void Nudge()
    {
        if (Volatile.Read(ref _pause) is not { } pause) return;
        try
        {
            pause.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pause just ended.
        }
    }

    /// <summary>Closes the current connection, if any (the writer then reconnects unless the link is cut).</summary>
    public void CloseConnection()
    {
        lock (_gate) _connection?.Cancel();
    }

    /// <summary>Connects, writes and reconnects until <paramref name="ct"/> is cancelled. Never throws.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var pause = _ctx.Options.ReconnectMin;
        var connectedBefore = false;
        var reportedFailure = false;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (_faults.IsCut)
                {
                    _ctx.Log($"link to {Peer} is cut");
                    await _faults.WhenHealed(ct).ConfigureAwait(false);
                    _ctx.Log($"link to {Peer} is healed");
                    pause = _ctx.Options.ReconnectMin;
                    continue;
                }
                using var socket = await ConnectAsync(ct).ConfigureAwait(false);
                if (connectedBefore) _ctx.Counters.Reconnect();
                connectedBefore = true;
                reportedFailure = false;
                pause = _ctx.Options.ReconnectMin;
                _ctx.Log($"connected to {Peer} at {_endpoint}");
                await PumpAsync(socket, ct).ConfigureAwait(false);
                if (!ct.IsCancellationRequested) _ctx.Log($"connection to {Peer} closed");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (!reportedFailure) _ctx.Log($"cannot reach {Peer} at {_endpoint}: {Describe(e)}; retrying");
                reportedFailure = true;
            }
            if (_faults.IsCut) continue;
            bool waitedFully;
            try
            {
                waitedFully = await PauseAsync(pause, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pause = !waitedFully ? _ctx.Options.ReconnectMin
                : pause * 2 > _ctx.Options.ReconnectMax ? _ctx.Options.ReconnectMax : pause * 2;
        }
    }

    // Waits before the next attempt; false when nudged (the peer spoke) before the pause ended.
    private async Task<bool> PauseAsync(TimeSpan pause, CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Volatile.Write(ref _pause, wait);
        try
        {
            await Task.Delay(pause, _ctx.Time, wait.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _pause, null);
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var deadline = SocketIo.Deadline(_ctx.Options.ConnectTimeout, ct))
            {
                try
                {
                    await socket.ConnectAsync(_endpoint, deadline.Token).ConfigureAwait(false);
                    // Connecting to a port nobody listens on can pick that very port as the local one and
                    // connect the socket to itself (TCP simultaneous open): frames would vanish, and the
                    // peer could not bind its port when it comes back.
                    if (socket.LocalEndPoint is IPEndPoint local && local.Equals(socket.RemoteEndPoint))
                        throw new IOException("the connection reached itself (nobody listens there)");
                    if (_ctx.Secret is { } secret) await ProveAsync(socket, secret, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    throw new TimeoutException($"no connection within {_ctx.Options.ConnectTimeout.TotalMilliseconds:0} ms");
                }
            }
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Answers the acceptor's CHALLENGE with AUTH <self> <HMAC(secret, nonce || self)>.
    private async Task ProveAsync(Socket socket, byte[] secret, CancellationToken ct)
    {
        var buffer = new byte[AuthFrames.MaxFrameLength];
        var end = 0;
        while (true)
        {
            var parse = AuthFrames.TryParse(buffer.AsSpan(0, end), out var fields, out _);
            if (parse == AuthFrames.Parse.Ok)
            {
                var nonce = AuthFrames.ParseChallenge(fields) ?? throw new IOException("the peer sent no CHALLENGE (is authentication on there?)");
                await SocketIo.SendAllAsync(socket, AuthFrames.Proof(_ctx.NodeId, AuthFrames.Mac(secret, nonce, _ctx.NodeId)), ct).ConfigureAwait(false);
                return;
            }
            if (parse == AuthFrames.Parse.Bad || end == buffer.Length) throw new IOException("the peer sent no CHALLENGE (is authentication on there?)");
            var read = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0) throw new IOException("the peer closed the connection during authentication");
            end += read;
        }
    }

    // Writes queued frames (batched, after their delay) until the connection closes, is cut, or the node stops.
    private async Task PumpAsync(Socket socket, CancellationToken ct)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lock (_gate) _connection = connection;
        try
        {
            if (_faults.IsCut) return;
            var token = connection.Token;
            var watcher = WatchForCloseAsync(socket, connection);
            var reader = _queue.Reader;
            var batch = new ArrayBufferWriter<byte>(BatchBytes);
            try
            {
                while (true)
                {
                    var first = await reader.ReadAsync(token).ConfigureAwait(false);
                    await HoldAsync(first, token).ConfigureAwait(false);
                    batch.ResetWrittenCount();
                    batch.Write(first.Bytes);
                    var frames = 1;
                    while (batch.WrittenCount < BatchBytes && reader.TryPeek(out var next) && IsDue(next) && reader.TryRead(out next))
                    {
                        batch.Write(next.Bytes);
                        frames++;
                    }
                    await SocketIo.SendAllAsync(socket, batch.WrittenMemory, token).ConfigureAwait(false);
                    _ctx.Counters.FramesOut(frames);
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Closed by the peer or cut: the caller reconnects (or waits for the heal).
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The connection broke: reconnect.
            }
            finally
            {
                socket.Dispose();
                await watcher.ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate) _connection = null;
        }
    }

    private bool IsDue(QueuedFrame frame)
    {
        var delay = _faults.Delay;
        return delay <= TimeSpan.Zero || _ctx.Time.GetElapsedTime(frame.EnqueuedAt) >= delay;
    }

    private async ValueTask HoldAsync(QueuedFrame frame, CancellationToken ct)
    {
        var delay = _faults.Delay;
        if (delay <= TimeSpan.Zero) return;
        var remaining = delay - _ctx.Time.GetElapsedTime(frame.EnqueuedAt);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining, _ctx.Time, ct).ConfigureAwait(false);
    }

    // A peer never writes on our outbound connection (beyond its CHALLENGE); a read ends when it closes.
    private static async Task WatchForCloseAsync(Socket socket, CancellationTokenSource connection)
    {
        var sink = new byte[64];
        try
        {
            while (await socket.ReceiveAsync(sink, SocketFlags.None, connection.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception)
        {
            // Reset, disposed or cancelled: the connection is over either way.
        }
        try
        {
            connection.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException se => $"{se.SocketErrorCode} ({se.Message})",
        _ => e.Message,
    };

    private readonly record struct QueuedFrame(byte[] Bytes, long EnqueuedAt);
}
