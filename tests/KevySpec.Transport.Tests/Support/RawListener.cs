using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using KevySpec.Wire;

namespace KevySpec.Transport.Tests.Support;

/// <summary>
/// A member played by the test: listens on 127.0.0.1 (a free port) where a node under test connects to it,
/// and records every frame it receives, in order.
/// </summary>
public sealed class RawListener : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ElectionMessage> _frames = new();
    private readonly List<Task> _tasks = [];
    private readonly List<Socket> _sockets = [];

    public RawListener()
    {
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _tasks.Add(AcceptAsync());
    }

    public IPEndPoint EndPoint { get; }

    public IReadOnlyList<ElectionMessage> Frames => [.. _frames];

    /// <summary>Waits for a frame matching <paramref name="match"/>; returns every frame received before it.</summary>
    public async Task<IReadOnlyList<ElectionMessage>> WaitForAsync(Func<ElectionMessage, bool> match, string what)
    {
        IReadOnlyList<ElectionMessage>? before = null;
        await Eventually.WaitAsync(() =>
        {
            var frames = Frames;
            var index = frames.ToList().FindIndex(f => match(f));
            if (index < 0) return false;
            before = [.. frames.Take(index)];
            return true;
        }, what, state: () => $"received: {string.Join(", ", Frames.TakeLast(20))}");
        return before!;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_sockets) _sockets.Add(socket);
                lock (_tasks) _tasks.Add(ReadAsync(socket));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped (TcpListener says "not listening" when stopped between two accepts).
        }
    }

    private async Task ReadAsync(Socket socket)
    {
        var buffer = new byte[64 * 1024];
        var end = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, _stop.Token);
                if (read == 0) return;
                end += read;
                var start = 0;
                while (true)
                {
                    var result = RespCodec.Decode(buffer.AsSpan(start, end - start));
                    if (result.IsTruncated) break;
                    if (result.IsError) throw new InvalidOperationException($"the node sent an undecodable frame: {result.ErrorMessage}");
                    start += result.BytesConsumed;
                    if (result.IsOk) _frames.Enqueue(result.Message);
                }
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_sockets) foreach (var socket in _sockets) socket.Dispose();
        Task[] tasks;
        lock (_tasks) tasks = [.. _tasks];
        await Task.WhenAll(tasks);
    }
}
