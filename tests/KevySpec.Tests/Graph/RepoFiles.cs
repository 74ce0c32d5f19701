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

    /// <summary>
    /// The spec files src/KevySpec/KevySpec.csproj lists as AdditionalFiles (what it compiles and packs: not
    /// every file that lies in spec/), as full paths in ordinal order.
    /// </summary>
    public static IReadOnlyList<string> Specs()
    {
        var project = Path.Combine(Root, "src", "KevySpec", "KevySpec.csproj");
        var listed = System.Xml.Linq.XDocument.Load(project).Descendants("AdditionalFiles")
            .SelectMany(e => ((string?)e.Attribute("Include") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(path => path.EndsWith(".spec.md", StringComparison.OrdinalIgnoreCase));
        return [.. listed.Select(path => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, path))).Order(StringComparer.Ordinal)];
    }

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
