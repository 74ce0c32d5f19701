using System.Runtime.CompilerServices;

namespace KevySpec.Tests.TestSupport;

/// <summary>Where the repository and the shared conformance traces are, seen from the test binaries.</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding KevySpec.sln, or null when none is found.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary><c>&lt;root&gt;/../shared/conformance/traces</c>, whether or not it exists.</summary>
    public static string TracesFolder { get; } = Path.GetFullPath(Path.Combine(Root ?? AppContext.BaseDirectory, "..", "shared", "conformance", "traces"));

    /// <summary>True when the traces folder exists.</summary>
    public static bool HasTraces => Directory.Exists(TracesFolder);

    /// <summary>Why the conformance tests are skipped, or null when the traces are there.</summary>
    public static string? MissingTracesReason => HasTraces ? null : $"../shared/conformance/traces not found: {TracesFolder}";

    /// <summary>The trace files, by name, in ordinal order; empty when the folder is missing.</summary>
    public static IReadOnlyList<string> TraceFileNames() => HasTraces
        ? [.. Directory.EnumerateFiles(TracesFolder, "*.jsonl").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)]
        : [];

    // Walks up from the test binaries (as the brief asks); when they were built into an artifacts
    // folder outside the repository, walks up from this source file's compile-time path instead.
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
