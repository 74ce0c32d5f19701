using System.Globalization;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// What a node host process holds, read from <c>/proc</c> without asking it (it may be paused): its resident set,
/// and the bytes waiting in the kernel's send queues of its network namespace's TCP sockets (the outbound
/// backlog a silent partition builds: the transport's own queue feeds these buffers until they fill).
/// </summary>
public static class ProcessProbe
{
    /// <summary>The resident set of process <paramref name="pid"/> in bytes, or null when it is gone.</summary>
    public static long? ResidentBytes(int pid)
    {
        var text = Read($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status");
        return text is null ? null : ParseResident(text);
    }

    /// <summary>The sum of the send queues of every TCP socket in process <paramref name="pid"/>'s network namespace, or null when it is gone.</summary>
    public static long? SendQueueBytes(int pid)
    {
        var root = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/net/";
        var v4 = Read(root + "tcp");
        var v6 = Read(root + "tcp6");
        return v4 is null && v6 is null ? null : ParseSendQueue(v4 ?? "") + ParseSendQueue(v6 ?? "");
    }

    /// <summary>The <c>VmRSS</c> of a <c>/proc/PID/status</c> text, in bytes (null when absent).</summary>
    public static long? ParseResident(string status)
    {
        foreach (var line in status.Split('\n'))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var fields = line["VmRSS:".Length..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 1 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
        }
        return null;
    }

    /// <summary>
    /// The summed <c>tx_queue</c> of a <c>/proc/net/tcp</c> table (the hex pair <c>tx_queue:rx_queue</c> in the fifth
    /// column), listening sockets left out (their column counts connections, not bytes).
    /// </summary>
    public static long ParseSendQueue(string table)
    {
        long total = 0;
        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 5 || fields[3] == "0A") continue;   // 0A: TCP_LISTEN
            var queues = fields[4].Split(':');
            if (queues.Length == 2 && long.TryParse(queues[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tx)) total += tx;
        }
        return total;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
