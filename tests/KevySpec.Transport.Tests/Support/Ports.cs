using System.Net;
using System.Net.Sockets;

namespace KevySpec.Transport.Tests.Support;

public static class Ports
{
    /// <summary>A loopback endpoint on a port that was free a moment ago (bound to port 0, then released).</summary>
    public static IPEndPoint Free()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>True when a connection to <paramref name="endpoint"/> is refused (nothing listens there).</summary>
    public static async Task<bool> IsRefusedAsync(IPEndPoint endpoint) => await ConnectOutcomeAsync(endpoint) == Refused;

    public const string Refused = "refused";

    /// <summary><see cref="Refused"/>, or what happened instead (for assertion messages).</summary>
    public static async Task<string> ConnectOutcomeAsync(IPEndPoint endpoint)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint).WaitAsync(TimeSpan.FromSeconds(5));
            return $"connected from {socket.LocalEndPoint} to {socket.RemoteEndPoint}";
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return Refused;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
