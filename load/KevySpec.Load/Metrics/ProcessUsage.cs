using System.Diagnostics;

namespace KevySpec.Load.Metrics;

/// <summary>The process's CPU time and peak memory, read at one instant.</summary>
/// <param name="CpuTime">CPU time of every thread so far (user + system).</param>
/// <param name="PeakWorkingSet">The largest resident set so far, in bytes.</param>
public sealed record ProcessUsage(TimeSpan CpuTime, long PeakWorkingSet)
{
    /// <summary>Reads the current process.</summary>
    public static ProcessUsage Now()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ProcessUsage(process.TotalProcessorTime, process.PeakWorkingSet64);
    }
}
