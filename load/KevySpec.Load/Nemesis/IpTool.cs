using System.Diagnostics;

namespace KevySpec.Load.Nemesis;

/// <summary>Runs <c>ip</c>; a failure is a <see cref="LabException"/> quoting the command and its first error line.</summary>
public static class IpTool
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    /// <summary>Runs <c>ip</c> with <paramref name="arguments"/>; returns its standard output.</summary>
    /// <exception cref="LabException">It could not be started, failed or took longer than 15 s.</exception>
    public static Task<string> IpAsync(IReadOnlyList<string> arguments) => RunAsync("ip", arguments);

    /// <summary>Runs <c>ip</c> with <paramref name="arguments"/> and waits (for cleanup on the way out, where nothing may be awaited).</summary>
    /// <returns>True when it succeeded.</returns>
    public static bool TryIp(IReadOnlyList<string> arguments)
    {
        try
        {
            using var process = Process.Start(Info("ip", arguments));
            if (process is null) return false;
            if (!process.WaitForExit(Budget))
            {
                process.Kill();
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var text = $"{tool} {string.Join(' ', arguments)}";
        Process process;
        try
        {
            process = Process.Start(Info(tool, arguments)) ?? throw new LabException($"'{text}' did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"cannot run '{tool}': {e.Message}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var budget = new CancellationTokenSource(Budget);
            try
            {
                await process.WaitForExitAsync(budget.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new LabException($"'{text}' took longer than {Budget.TotalSeconds:0} s");
            }
            var stderr = (await error.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
                throw new LabException($"'{text}' failed (exit {process.ExitCode}){(stderr.Length == 0 ? "" : ": " + stderr.Split('\n')[0].Trim())}");
            return await output.ConfigureAwait(false);
        }
    }

    private static ProcessStartInfo Info(string tool, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }
}

/// <summary>A nemesis lab could not be built, changed or torn down.</summary>
public sealed class LabException : Exception
{
    /// <summary>An exception with <paramref name="message"/>.</summary>
    public LabException(string message) : base(message) { }

    /// <summary>An exception with <paramref name="message"/> caused by <paramref name="inner"/>.</summary>
    public LabException(string message, Exception inner) : base(message, inner) { }

    /// <summary>An exception with no message.</summary>
    public LabException() { }
}
