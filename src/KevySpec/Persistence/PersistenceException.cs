namespace KevySpec.Persistence;

/// <summary>The election state on disk could not be read or written; the message names the file and what is wrong.</summary>
public sealed class PersistenceException : Exception
{
    /// <summary>An error about <paramref name="path"/>.</summary>
    public PersistenceException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner)
    {
        Path = path;
    }

    /// <summary>The file (or directory) concerned.</summary>
    public string Path { get; }
}
