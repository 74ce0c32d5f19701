using System.Diagnostics;

namespace KevySpec.Load.Fleet;

/// <summary>How to start a node host: this very program (its app host, or <c>dotnet</c> with its assembly) with <c>node-host</c>.</summary>
public static class HostLauncher
{
    /// <summary>The command a node host subcommand is started with.</summary>
    public const string Command = "node-host";

    /// <summary>
    /// A start info with redirected standard streams; with <paramref name="netns"/>, the host runs inside that
    /// network namespace (<c>ip netns exec</c>, which execs in place: the process id is the host's).
    /// </summary>
    public static ProcessStartInfo StartInfo(string? netns = null)
    {
        var assembly = typeof(HostLauncher).Assembly.Location;
        var appHost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        var info = File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo(DotnetHost()) { ArgumentList = { assembly } };
        info.ArgumentList.Add(Command);
        if (netns is not null)
        {
            string[] inner = [info.FileName, .. info.ArgumentList];
            info.FileName = "ip";
            info.ArgumentList.Clear();
            foreach (var argument in (string[])["netns", "exec", netns, .. inner]) info.ArgumentList.Add(argument);
        }
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        // A host holds many nodes that mostly wait for frames: continuing socket reads on the epoll thread
        // instead of handing each to a pool thread saves a thread wake per frame (139 % → 105 % of a core
        // for 100 nodes at default timings). This runtime setting exists only as an environment variable.
        // The cost: a save's fsync on one node delays the other frames that thread serves.
        info.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        return info;
    }

    // The SDK sets DOTNET_HOST_PATH for the processes it starts; otherwise the muxer running us, or the one on PATH.
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) return host;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
