using System.IO.Compression;
using System.Xml.Linq;

namespace KevySpec.Package.Tests.Infrastructure;

/// <summary>
/// A package folder holding the KevySpec package packed from this build (<c>dotnet pack --no-build</c>, so
/// it is the code the rest of the run tested) and the packages it depends on, copied from the global
/// packages folder: everything a consumer needs, and nothing else. Packed once per test collection.
/// </summary>
public sealed class LocalFeed : IDisposable
{
    /// <summary>Packs KevySpec into a new temporary folder; does nothing when the dotnet CLI is missing (the tests skip).</summary>
    public LocalFeed()
    {
        Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kevyspec-package-tests", Guid.NewGuid().ToString("N")[..12]);
        Folder = System.IO.Path.Combine(Root, "feed");
        if (DotNet.Path is null) return;
        Directory.CreateDirectory(Folder);
        try
        {
            PackResult = Pack(BuildInfo.KevySpecProject);
            PackagePath = System.IO.Path.Combine(Folder, $"KevySpec.{PackedVersion(PackResult, "KevySpec")}.nupkg");
            Nuspec = ReadNuspec(PackagePath);
            Version = Element(Nuspec, "version").Value;
            // The kevyspec tool: its package bundles what it runs (KevySpec, Stateless, …), so it needs nothing else in the folder.
            ToolPackResult = Pack(BuildInfo.CliProject);
            ToolPackagePath = System.IO.Path.Combine(Folder, $"{ToolPackageId}.{PackedVersion(ToolPackResult, ToolPackageId)}.nupkg");
            ToolVersion = Element(ReadNuspec(ToolPackagePath), "version").Value;
            foreach (var (id, version) in Dependencies()) CopyFromGlobalPackages(id, version);
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            Dispose();
            throw;
        }
    }

    /// <summary>The package id of the kevyspec tool.</summary>
    public const string ToolPackageId = "KevySpec.Cli";

    /// <summary>The temporary folder this fixture owns (the feed, consumers and their package caches).</summary>
    public string Root { get; }

    /// <summary>The package folder a consumer's nuget.config points at.</summary>
    public string Folder { get; }

    /// <summary>The pack command and its output.</summary>
    public ProcessResult? PackResult { get; }

    /// <summary>The tool's pack command and its output.</summary>
    public ProcessResult? ToolPackResult { get; }

    /// <summary>The kevyspec tool's .nupkg.</summary>
    public string ToolPackagePath { get; } = "";

    /// <summary>The tool package's version.</summary>
    public string ToolVersion { get; } = "";

    /// <summary>The KevySpec .nupkg.</summary>
    public string PackagePath { get; } = "";

    /// <summary>The package's manifest.</summary>
    public XElement Nuspec { get; } = new("package");

    /// <summary>The package version.</summary>
    public string Version { get; } = "";

    /// <summary>The (id, version) of every package dependency in the manifest, across target-framework groups.</summary>
    public IReadOnlyList<(string Id, string Version)> Dependencies() =>
        [.. Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => ((string)e.Attribute("id")!, MinVersion((string)e.Attribute("version")!)))
            .Distinct()];

    /// <summary>The entries of the .nupkg, as paths with '/' separators.</summary>
    public IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    /// <summary>The bytes of one entry of the .nupkg.</summary>
    public byte[] ReadEntry(string path)
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        var entry = zip.GetEntry(path) ?? throw new InvalidOperationException($"{PackagePath} has no entry {path}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

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
    private ProcessResult Pack(string project)
    {
        List<string> args = ["pack", project, "--no-build", "--no-restore", "-c", BuildInfo.Configuration, "-o", Folder];
        if (BuildInfo.ArtifactsPath is { } artifacts) args.AddRange(["--artifacts-path", artifacts]);
        var result = DotNet.Run(BuildInfo.RepoRoot, args);
        if (result.ExitCode != 0) throw new InvalidOperationException($"packing {System.IO.Path.GetFileName(project)} failed: {result}");
        return result;
    }

    // The version in the name of the one package <paramref name="id"/> the pack wrote (the folder holds others).
    private string PackedVersion(ProcessResult pack, string id)
    {
        var versions = Directory.GetFiles(Folder, $"{id}.*.nupkg")
            .Select(p => System.IO.Path.GetFileNameWithoutExtension(p)[(id.Length + 1)..])
            .Where(v => v.Length > 0 && char.IsAsciiDigit(v[0]))
            .ToList();
        return versions.Count == 1 ? versions[0] : throw new InvalidOperationException($"expected one {id} package in {Folder}, found versions: {string.Join(", ", versions)}\n{pack}");
    }

    private static XElement ReadNuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    private static XElement Element(XElement nuspec, string name) =>
        nuspec.Descendants().First(e => e.Name.LocalName == name);

    // "5.20.1" and "[5.20.1, )" both mean "5.20.1 or later": the folder gets exactly that lowest version.
    private static string MinVersion(string range) => range.Trim('[', '(', ' ').Split(',')[0].Trim();

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

/// <summary>The tests that share one packed feed (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<LocalFeed>
{
    public const string Name = "packed KevySpec";
}
