using System.Runtime.InteropServices;

namespace KevySpec.Load.Nemesis;

/// <summary>Stops and continues a process (SIGSTOP, SIGCONT): a node that freezes mid-step, as a long GC pause or a VM stall would.</summary>
public static class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Stops process <paramref name="pid"/>.</summary>
    /// <exception cref="IOException">The signal could not be sent.</exception>
    public static void Stop(int pid) => Send(pid, SigStop, "SIGSTOP");

    /// <summary>Continues process <paramref name="pid"/>.</summary>
    /// <exception cref="IOException">The signal could not be sent.</exception>
    public static void Continue(int pid) => Send(pid, SigCont, "SIGCONT");

    private static void Send(int pid, int signal, string name)
    {
        if (!OperatingSystem.IsLinux()) throw new IOException($"{name} needs Linux");
        if (Kill(pid, signal) != 0) throw new IOException($"{name} to process {pid} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
