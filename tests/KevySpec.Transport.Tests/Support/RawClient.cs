using System.Net;
using System.Net.Sockets;
using KevySpec.Wire;

namespace KevySpec.Transport.Tests.Support;

/// <summary>A bare TCP client that writes whatever bytes a test wants to a node's listener.</summary>
public sealed class RawClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };

    private RawClient()
    {
    }

    public static async Task<RawClient> ConnectAsync(IPEndPoint endpoint)
    {
        var client = new RawClient();
        await client._socket.ConnectAsync(endpoint);
        return client;
    }

    public Task SendAsync(ElectionMessage message) => SendAsync(RespCodec.Encode(message));

    public async Task SendAsync(byte[] bytes)
    {
        var sent = 0;
        while (sent < bytes.Length) sent += await _socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
    }

    /// <summary>Reads until the node closes the connection (FIN or reset); false if it is still open after the timeout.</summary>
    public async Task<bool> WaitClosedByPeerAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        var buffer = new byte[4096];
        try
        {
            while (await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
            }
            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Reads the first bytes the node sends (e.g. its authentication challenge).</summary>
    public async Task<byte[]> ReceiveSomeAsync()
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var buffer = new byte[4096];
        var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return buffer[..read];
    }

    public void Dispose() => _socket.Dispose();
}
