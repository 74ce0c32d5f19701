using System.Net;

namespace KevySpec.Cli.Node;

/// <summary>The addresses a node's file may name: IP literals, and <c>localhost</c> for 127.0.0.1 (no name lookups).</summary>
internal static class HostText
{
    /// <summary>Null when <paramref name="text"/> is <c>ip:port</c> with a port from 1 to 65535, else why it is not.</summary>
    public static string? EndpointProblem(string text, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.None, 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return $"'{text}' is not host:port (e.g. 127.0.0.1:7101)";
        var host = text[..colon].Trim('[', ']');
        var portText = text[(colon + 1)..];
        if (PortProblem(portText, $" in '{text}'", out var port) is { } portProblem) return portProblem;
        if (AddressProblem(host, $" in '{text}'", out var address) is { } hostProblem) return hostProblem;
        endpoint = new IPEndPoint(address, port);
        return null;
    }

    /// <summary>Null when <paramref name="text"/> is a port number from 1 to 65535, else why it is not.</summary>
    public static string? PortProblem(string text, string where, out int port)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535)
            return null;
        return $"port '{text}'{where} is not a number from 1 to 65535";
    }

    /// <summary>Null when <paramref name="host"/> is an IP address or <c>localhost</c>, else why it is not.</summary>
    public static string? AddressProblem(string host, string where, out IPAddress address)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return null;
        }
        if (IPAddress.TryParse(host, out var parsed))
        {
            address = parsed;
            return null;
        }
        address = IPAddress.None;
        return $"host '{host}'{where} is not an IP address (or localhost)";
    }
}
