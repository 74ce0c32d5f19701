using System.Diagnostics;
using System.Text;

namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>What a child process printed (stdout and stderr interleaved) and how it ended.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>The command, its exit code and its output, for a failure message.</summary>
    public override string ToString() => $"`{CommandLine}` exited {ExitCode}:\n{Output}";
}

/// <summary>Finds the <c>dotnet</c> CLI and runs it as a child process in a clean environment.</summary>
internal static class DotNet
{
    // A ceiling for one command, so a hung child fails the test instead of the whole run; not a timing assertion.
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(5);

    /// <summary>The dotnet executable, or null when none can be found.</summary>
    public static string? Path { get; } = Find();

    /// <summary>Why the tests that need the CLI are skipped; null when it was found.</summary>
    public static string? MissingReason => Path is null
        ? "the dotnet CLI was not found (checked DOTNET_HOST_PATH, this process, DOTNET_ROOT and PATH): the pack-and-consume tests need the .NET SDK"
        : null;

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>. MSBuild variables
    /// inherited from the build that started this test are dropped, node reuse is off (no MSBuild node outlives the
    /// command), and <paramref name="environment"/> adds or overrides variables (a null value removes one).
    /// </summary>
    public static ProcessResult Run(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dotnet = Path ?? throw new InvalidOperationException(MissingReason);
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
                start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null) start.Environment.Remove(name);
                else start.Environment[name] = value;
            }
        }

        var output = new StringBuilder();
        var stdoutDone = new TaskCompletionSource();
        var stderrDone = new TaskCompletionSource();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, stdoutDone);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, stderrDone);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var commandLine = $"dotnet {string.Join(' ', args)}";
        if (!process.WaitForExit(Ceiling))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"`{commandLine}` did not finish within {Ceiling.TotalMinutes} minutes; output so far:\n{Snapshot(output)}");
        }
        // A build server started by the child may hold its pipes open: take what the child wrote, not more.
        Task.WaitAll([stdoutDone.Task, stderrDone.Task], TimeSpan.FromSeconds(10));
        return new ProcessResult(commandLine, process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }
        lock (output) output.AppendLine(line);
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output) return output.ToString();
    }

    private static string? Find()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            // The test host itself usually runs under the dotnet muxer.
            System.IO.Path.GetFileName(Environment.ProcessPath) == name ? Environment.ProcessPath : null,
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) candidates.Add(System.IO.Path.Combine(root, name));
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(System.IO.Path.Combine(dir, name));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}
