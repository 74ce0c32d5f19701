using System.Net.Sockets;
using System.Security.Cryptography;
using KevySpec.Wire;

namespace KevySpec.Transport;

/// <summary>
/// One accepted connection: (with authentication on) checks the proof, then decodes frames into a
/// read buffer capped at <see cref="NodeOptions.MaxReadBuffer"/> and hands each member's frame to the
/// elector loop. Any decode error but Truncated, an oversize frame, a frame from a non-member or a
/// failed proof closes this connection only (and is counted).
/// </summary>
internal sealed class InboundConnection
{
    private readonly NodeContext _ctx;
    private readonly Socket _socket;
    private readonly Func<LoopItem, CancellationToken, ValueTask> _deliver;
    private readonly string _remote;

    public InboundConnection(NodeContext ctx, Socket socket, Func<LoopItem, CancellationToken, ValueTask> deliver)
    {
        _ctx = ctx;
        _socket = socket;
        _deliver = deliver;
        _remote = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    /// <summary>Closes the socket now (any pending read ends).</summary>
    public void Close() => _socket.Dispose();

    /// <summary>Serves the connection until it closes, fails or <paramref name="ct"/> is cancelled. Never throws.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var buffer = new byte[_ctx.Options.MaxReadBuffer];
        try
        {
            var start = 0;
            var end = 0;
            string? proven = null;
            if (_ctx.Secret is { } secret)
            {
                (proven, start, end) = await AuthenticateAsync(secret, buffer, ct).ConfigureAwait(false);
                if (proven is null) return;
            }
            while (true)
            {
                while (start < end)
                {
                    var result = RespCodec.Decode(buffer.AsSpan(start, end - start));
                    if (result.IsTruncated) break;
                    if (result.IsError)
                    {
                        _ctx.Counters.DecodeError();
                        _ctx.Log($"closed connection from {_remote}: {result.Error}: {result.ErrorMessage}");
                        return;
                    }
                    start += result.BytesConsumed;
                    if (!result.IsOk) continue;
                    if (!Admit(result.Message, proven)) return;
                    await _deliver(new LoopItem(SenderOf(result.Message), result.Message), ct).ConfigureAwait(false);
                }
                if (start == end)
                {
                    start = end = 0;
                }
                else if (end == buffer.Length)
                {
                    if (start == 0)
                    {
                        _ctx.Counters.DecodeError();
                        _ctx.Log($"closed connection from {_remote}: a frame is larger than the {buffer.Length}-byte read buffer");
                        return;
                    }
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                var read = await _socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, ct).ConfigureAwait(false);
                if (read == 0) return;
                end += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
        {
            // The peer went away or the node is stopping: nothing to report.
        }
        catch (Exception e)
        {
            _ctx.Log($"connection from {_remote} failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _ctx.Senders.Closed(this);
            _socket.Dispose();
        }
    }

    /// <summary>The id a frame speaks for: the receiver attributes a frame to the id inside it.</summary>
    public static string SenderOf(ElectionMessage message) => message switch
    {
        Heartbeat hb => hb.NodeId,
        Offer offer => offer.CandidateId,
        Accept accept => accept.VoterId,
        Announce announce => announce.PrimaryId,
        _ => throw new ArgumentOutOfRangeException(nameof(message), message, "not an election message"),
    };

    private bool Admit(ElectionMessage message, string? proven)
    {
        var sender = SenderOf(message);
        if (!_ctx.Others.Contains(sender))
        {
            _ctx.Counters.UnknownSender();
            _ctx.Log($"closed connection from {_remote}: a frame from '{sender}', which is not another member");
            return false;
        }
        if (proven is not null && sender != proven)
        {
            _ctx.Counters.AuthFailure();
            _ctx.Log($"closed connection from {_remote}: proved to be '{proven}' but sent a frame from '{sender}'");
            return false;
        }
        _ctx.Counters.FrameIn();
        if (_ctx.Senders.Heard(sender, this, _remote) is { } twice) _ctx.Log(twice);
        _ctx.Heard?.Invoke(sender);
        return true;
    }

    // Challenge, then wait for the proof; returns the proven id (null: closed, and counted unless nothing was claimed) and the bytes already read after it.
    private async Task<(string? Id, int Start, int End)> AuthenticateAsync(byte[] secret, byte[] buffer, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(AuthFrames.NonceLength);
        await SocketIo.SendAllAsync(_socket, AuthFrames.Challenge(nonce), ct).ConfigureAwait(false);
        using var deadline = SocketIo.Deadline(_ctx.Options.ConnectTimeout, ct);
        var end = 0;
        string problem;
        while (true)
        {
            var parse = AuthFrames.TryParse(buffer.AsSpan(0, end), out var fields, out var consumed);
            if (parse == AuthFrames.Parse.Ok)
            {
                var id = AuthFrames.Verify(fields, secret, nonce, _ctx.Others, out problem);
                if (id is not null) return (id, consumed, end);
                break;
            }
            if (parse == AuthFrames.Parse.Bad || end >= AuthFrames.MaxFrameLength)
            {
                problem = "the first frame is not an AUTH proof";
                break;
            }
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer.AsMemory(end, Math.Min(buffer.Length, AuthFrames.MaxFrameLength) - end), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                problem = $"no proof within {_ctx.Options.ConnectTimeout.TotalMilliseconds:0} ms";
                break;
            }
            if (read == 0 && end == 0)
            {
                // Nothing was claimed: a dialer that gave up (its connect timeout ran out on a busy machine) is not an impostor.
                _ctx.Log($"connection from {_remote} closed before authenticating");
                return (null, 0, 0);
            }
            if (read == 0)
            {
                problem = "closed in the middle of a proof";
                break;
            }
            end += read;
        }
        _ctx.Counters.AuthFailure();
        _ctx.Log($"closed connection from {_remote}: authentication failed: {problem}");
        return (null, 0, 0);
    }
}
