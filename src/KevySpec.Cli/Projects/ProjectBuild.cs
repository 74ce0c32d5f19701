using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KevySpec.Cli.Projects;

/// <summary>
/// Builds a project with <c>dotnet build</c> as a child process (bounded in time) and names the assembly it
/// produced; a failure is one line (the first compiler error) plus the tail of the build's output.
/// </summary>
internal static class ProjectBuild
{
    // A ceiling so a hung build ends the command instead of blocking it; not a performance figure.
    private static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(10);
    private const int TailLines = 25;

    /// <summary>The built assembly's path, or null after writing why not to <paramref name="error"/>.</summary>
    public static string? Run(string project, TextWriter error)
    {
        var name = Path.GetFileName(project);
        error.WriteLine($"kevyspec: building {name} (dotnet build)…");
        var clock = Stopwatch.StartNew();
        var build = DotNet(["build", project, "-nologo", "-v", "q", "-nodeReuse:false"], Path.GetDirectoryName(project)!);
        if (build.Problem is { } problem)
        {
            error.WriteLine($"kevyspec: cannot build {name}: {problem}");
            return null;
        }
        if (build.ExitCode != 0)
        {
            var errors = build.Lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
            error.WriteLine(errors.Count == 0
                ? $"kevyspec: building {name} failed (dotnet build exited {build.ExitCode})"
                : $"kevyspec: building {name} failed with {errors.Count} error{(errors.Count == 1 ? "" : "s")}; the first: {errors[0]}");
            error.WriteLine($"  last lines of the build output:");
            foreach (var line in build.Lines.Where(l => l.Length > 0).TakeLast(TailLines)) error.WriteLine($"  | {line}");
            return null;
        }

        // Evaluation only (no second build): where that build put the assembly.
        var query = DotNet(["msbuild", project, "-nologo", "-getProperty:TargetPath", "-getProperty:TargetFrameworks"], Path.GetDirectoryName(project)!);
        var targetPath = query.ExitCode == 0 ? TargetPath(query.Lines) : null;
        if (string.IsNullOrEmpty(targetPath) || !File.Exists(targetPath))
        {
            error.WriteLine($"kevyspec: built {name}, but cannot tell which assembly it produced (a project with several TargetFrameworks is not supported)");
            return null;
        }
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kevyspec: built {Path.GetFileName(targetPath)} in {clock.Elapsed.TotalSeconds:0.0} s"));
        return targetPath;
    }

    private static string? TargetPath(IReadOnlyList<string> lines)
    {
        try
        {
            using var json = JsonDocument.Parse(string.Join('\n', lines));
            return json.RootElement.GetProperty("Properties").GetProperty("TargetPath").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record ChildResult(int ExitCode, IReadOnlyList<string> Lines, string? Problem);

    private static ChildResult DotNet(IReadOnlyList<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(DotNetPath())
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
        // Set when this tool runs under another build or test run: they would pin that run's SDK.
        foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" }) start.Environment.Remove(inherited);
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var lines = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Add(lines, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ChildResult(-1, [], $"cannot start '{start.FileName}': {e.Message}");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Ceiling))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ChildResult(-1, lines, $"dotnet {args[0]} did not finish within {Ceiling.TotalMinutes:0} minutes (stopped)");
        }
        process.WaitForExit();
        lock (lines) return new ChildResult(process.ExitCode, [.. lines], null);
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
    }

    // The muxer that runs this tool (dotnet tool run, dotnet run), else the one on PATH.
    private static string DotNetPath()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Path.GetFileName(Environment.ProcessPath) == name) return Environment.ProcessPath!;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        return name;
    }
}
