using System.Diagnostics;

namespace KevySpec.Graph;

/// <summary>Lays out DOT with Graphviz's <c>dot</c> program, when it is installed.</summary>
public static class Graphviz
{
    /// <summary>What to tell a user who has no <c>dot</c> on PATH.</summary>
    public const string InstallHint = "Graphviz's 'dot' is not on PATH; install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) or use --format dot";

    /// <summary>The full path of the <c>dot</c> executable on <paramref name="pathVariable"/> (the PATH environment variable when null), or null.</summary>
    public static string? FindDot(string? pathVariable = null)
    {
        pathVariable ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var names = OperatingSystem.IsWindows() ? new[] { "dot.exe" } : ["dot"];
        foreach (var folder in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>Runs <c>dot -Tsvg</c> on <paramref name="dot"/> and returns the SVG, with <c>\n</c> line endings.</summary>
    /// <param name="dot">The graph.</param>
    /// <param name="dotExecutable">The <c>dot</c> program; <see cref="FindDot"/> when null.</param>
    /// <exception cref="GraphvizException"><c>dot</c> is missing, could not start, or rejected the graph; the message says which.</exception>
    public static string ToSvg(string dot, string? dotExecutable = null)
    {
        ArgumentNullException.ThrowIfNull(dot);
        var executable = dotExecutable ?? FindDot() ?? throw new GraphvizException(InstallHint);
        var start = new ProcessStartInfo(executable, ["-Tsvg"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GraphvizException($"could not start '{executable}'");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GraphvizException($"could not start '{executable}': {e.Message}");
        }
        using (process)
        {
            // Read both streams while writing, so a large graph cannot fill a pipe and deadlock.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            process.WaitForExit();
            var svg = stdout.GetAwaiter().GetResult();
            var problem = stderr.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
                throw new GraphvizException($"'{executable} -Tsvg' exited with {process.ExitCode}{(problem.Length > 0 ? ": " + problem : "")}");
            return svg.ReplaceLineEndings("\n");
        }
    }
}

/// <summary>Graphviz could not render a graph; the message says why and what to do.</summary>
public sealed class GraphvizException(string message) : Exception(message);
