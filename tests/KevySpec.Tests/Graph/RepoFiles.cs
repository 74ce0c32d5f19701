using System.Runtime.CompilerServices;

namespace KevySpec.Tests.Graph;

/// <summary>
/// Paths in the source tree, found from this file's compile-time path (the build may put its
/// output anywhere, e.g. with --artifacts-path; ApprovalTests locates snapshots the same way).
/// </summary>
internal static class RepoFiles
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The folder of the spec tables the KevySpec project compiles.</summary>
    public static string SpecFolder => Path.Combine(Root, "spec");

    /// <summary>This test folder, where the approved snapshots live.</summary>
    public static string GraphTests { get; } = Folder();

    /// <summary>Every <c>spec/*.spec.md</c>, in ordinal order (what the KevySpec project compiles).</summary>
    public static IReadOnlyList<string> Specs() =>
        [.. Directory.GetFiles(SpecFolder, "*.spec.md").Order(StringComparer.Ordinal)];

    /// <summary><paramref name="path"/> relative to the repository root, with '/' separators (for messages a user can paste).</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static string Folder([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;

    private static string FindRoot()
    {
        // tests/KevySpec.Tests/Graph/RepoFiles.cs → the repository root is three folders up.
        var root = Path.GetFullPath(Path.Combine(Folder(), "..", "..", ".."));
        if (!Directory.Exists(Path.Combine(root, "spec")))
            throw new InvalidOperationException($"no spec/ folder under '{root}': the tests must run from a build of this source tree");
        return root;
    }
}
