namespace KevySpec.Tests.TestSupport;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kevyspec-rules-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="lines"/> to <paramref name="name"/> in this folder and returns its path.</summary>
    public string Write(string name, IEnumerable<string> lines)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllLines(file, lines);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: the OS cleans its temp folder eventually
    }
}
