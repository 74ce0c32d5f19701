using System.Net.Sockets;

namespace KevySpec.Transport;

internal static class SocketIo
{
    /// <summary>Writes every byte of <paramref name="data"/> (a send may take only part of it).</summary>
    public static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            var sent = await socket.SendAsync(data, SocketFlags.None, ct).ConfigureAwait(false);
            if (sent <= 0) throw new SocketException((int)SocketError.ConnectionReset);
            data = data[sent..];
        }
    }

    /// <summary>A source cancelled by <paramref name="ct"/> or after <paramref name="timeout"/> (socket timeouts are real time).</summary>
    public static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken ct)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        linked.CancelAfter(timeout);
        return linked;
    }
}
