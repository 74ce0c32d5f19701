using System.Runtime.CompilerServices;

namespace KevySpec.Tests.TestSupport;

/// <summary>Where the repository and its recorded conformance traces are, seen from the test binaries.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding KevySpec.sln, or null when none is found.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary><c>&lt;root&gt;/tests/conformance/traces</c>: the reference traces the repository carries.</summary>
    public static string TracesFolder { get; } = Path.Combine(Root ?? AppContext.BaseDirectory, "tests", "conformance", "traces");

    /// <summary>The trace files, by name, in ordinal order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder is missing: the traces are part of the repository, so that is a failure, not a skip.</exception>
    public static IReadOnlyList<string> TraceFileNames() => Directory.Exists(TracesFolder)
        ? [.. Directory.EnumerateFiles(TracesFolder, "*.jsonl").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)]
        : throw new DirectoryNotFoundException($"the repository's conformance traces are missing: {TracesFolder}");

    // Walks up from the test binaries; when they were built into an artifacts folder outside the
    // repository, walks up from this source file's compile-time path instead.
    private static string? FindRoot([CallerFilePath] string sourceFile = "")
    {
        string?[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile), Environment.CurrentDirectory];
        foreach (var start in starts)
        {
            if (string.IsNullOrEmpty(start) || !Directory.Exists(start)) continue;
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KevySpec.sln"))) return dir.FullName;
            }
        }
        return null;
    }
}
