using System.IO.Compression;
using System.Xml.Linq;

namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>
/// A package folder holding the KevySpec packages packed from this build (<c>dotnet pack --no-build</c>, so
/// they are the code the rest of the run tested) and the packages they depend on, copied from the global
/// packages folder: everything a consumer needs, and nothing else. Packed once per test collection.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    /// <summary>Packs every KevySpec library into a new temporary folder; does nothing when the dotnet CLI is missing (the tests skip).</summary>
    public LocalFeed()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kevyspec-package-tests", Guid.NewGuid().ToString("N")[..12]);
        Folder = System.IO.Path.Combine(Root, "feed");
        if (DotNet.Path is null) return;
        Directory.CreateDirectory(Folder);
        try
        {
            foreach (var project in BuildInfo.LibraryProjects)
            {
                var pack = DotNet.Run(BuildInfo.RepoRoot, PackArgs(project));
                if (pack.ExitCode != 0) throw new InvalidOperationException($"packing {System.IO.Path.GetFileName(project)} failed: {pack}");
            }

            Packages = Directory.GetFiles(Folder, "*.nupkg").Select(path => new PackedPackage(path)).ToDictionary(p => p.Id, StringComparer.Ordinal);

            // The kevyspec tool: its package bundles what it runs (KevySpec, Stateless, …), so it needs nothing else in the folder.
            var tool = DotNet.Run(BuildInfo.RepoRoot, PackArgs(BuildInfo.CliProject));
            if (tool.ExitCode != 0) throw new InvalidOperationException($"packing the tool failed: {tool}");
            Tool = new PackedPackage(Directory.GetFiles(Folder, $"{ToolPackageId}.*.nupkg").Single());
            if (Packages.Count != BuildInfo.LibraryProjects.Count)
                throw new InvalidOperationException($"expected {BuildInfo.LibraryProjects.Count} packages in {Folder}, found: {string.Join(", ", Packages.Keys)}");
            foreach (var (id, version) in Packages.Values.SelectMany(p => p.Dependencies()).Distinct())
                if (!Packages.ContainsKey(id)) CopyFromGlobalPackages(id, version);
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            Dispose();
            throw;
        }
    }

    /// <summary>The tool's package id (the command it installs is <c>kevyspec</c>).</summary>
    public const string ToolPackageId = "KevySpec.Cli";

    /// <summary>The temporary folder this fixture owns (the feed, consumers and their package caches).</summary>
    public string Root { get; }

    /// <summary>The package folder a consumer's nuget.config points at.</summary>
    public string Folder { get; }

    /// <summary>The packed KevySpec packages, by id.</summary>
    public IReadOnlyDictionary<string, PackedPackage> Packages { get; } = new Dictionary<string, PackedPackage>();

    /// <summary>The runtime package, the one that carries the generator.</summary>
    public PackedPackage KevySpec => Package("KevySpec");

    /// <summary>The version every KevySpec package was packed with.</summary>
    public string Version => KevySpec.Version;

    /// <summary>The kevyspec tool's package.</summary>
    public PackedPackage? Tool { get; }

    /// <summary>The tool package's version.</summary>
    public string ToolVersion => Tool?.Version ?? "";

    /// <summary>The bytes of one entry of the KevySpec runtime package.</summary>
    public byte[] ReadEntry(string path) => KevySpec.ReadEntry(path);

    /// <summary>The packed package <paramref name="id"/>.</summary>
    public PackedPackage Package(string id) =>
        Packages.TryGetValue(id, out var package) ? package : throw new InvalidOperationException($"no package '{id}' was packed into {Folder}");

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a run for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // dotnet pack --no-build: the very outputs this test run built and tested.
    private List<string> PackArgs(string project)
    {
        List<string> args = ["pack", project, "--no-build", "--no-restore", "-c", BuildInfo.Configuration, "-o", Folder];
        if (BuildInfo.ArtifactsPath is { } artifacts) args.AddRange(["--artifacts-path", artifacts]);
        return args;
    }

    private void CopyFromGlobalPackages(string id, string version)
    {
        var lower = id.ToLowerInvariant();
        var source = System.IO.Path.Combine(GlobalPackagesFolder.Value, lower, version.ToLowerInvariant(), $"{lower}.{version.ToLowerInvariant()}.nupkg");
        if (!File.Exists(source))
            throw new InvalidOperationException($"KevySpec depends on {id} {version}, but {source} is missing: restore the solution first");
        File.Copy(source, System.IO.Path.Combine(Folder, System.IO.Path.GetFileName(source)));
    }

    private static readonly Lazy<string> GlobalPackagesFolder = new(() =>
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured) return configured;
        var listed = DotNet.Run(Environment.CurrentDirectory, ["nuget", "locals", "global-packages", "--list"]);
        const string prefix = "global-packages: ";
        var line = listed.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is not null
            ? line[prefix.Length..]
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    });
}

/// <summary>One packed .nupkg: its manifest, entries and dependencies.</summary>
public sealed class PackedPackage
{
    /// <summary>Reads the manifest of the package at <paramref name="path"/>.</summary>
    public PackedPackage(string path)
    {
        Path = path;
        using var zip = ZipFile.OpenRead(path);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        Nuspec = XDocument.Load(stream).Root!;
        Id = Element("id").Value;
        Version = Element("version").Value;
    }

    /// <summary>The .nupkg file.</summary>
    public string Path { get; }

    /// <summary>The package's manifest.</summary>
    public XElement Nuspec { get; }

    /// <summary>The package id.</summary>
    public string Id { get; }

    /// <summary>The package version.</summary>
    public string Version { get; }

    /// <summary>The manifest's first element named <paramref name="name"/>.</summary>
    public XElement Element(string name) => Nuspec.Descendants().First(e => e.Name.LocalName == name);

    /// <summary>The (id, version) of every package dependency in the manifest, across target-framework groups.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies() =>
        [.. Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, MinVersion((string)e.Attribute("version")!)))
            .Distinct()];

    /// <summary>The entries of the .nupkg, as paths with '/' separators.</summary>
    public IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(Path);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>The bytes of one entry of the .nupkg.</summary>
    public byte[] ReadEntry(string path)
    {
        using var zip = ZipFile.OpenRead(Path);
        var entry = zip.GetEntry(path) ?? throw new InvalidOperationException($"{Path} has no entry {path}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // "5.20.1" and "[5.20.1, )" both mean "5.20.1 or later": the folder gets exactly that lowest version.
    private static string MinVersion(string range) => range.Trim('[', '(', ' ').Split(',')[0].Trim();
}

/// <summary>The tests that share one packed feed (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "packed KevySpec";
}
