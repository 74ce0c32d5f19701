using System.Globalization;

namespace KevySpec.Persistence;

/// <summary>
/// Checks at start that a data directory can do what a save needs — create it, write a file, fsync it, rename
/// it, fsync the directory, delete — so that an unusable one (read-only, full, under <c>/proc</c>) is refused
/// at once instead of being found at the first election, which could then never finish.
/// </summary>
public static class DataDirectoryProbe
{
    /// <summary>Runs the check on <paramref name="dataDir"/>, creating it if missing; leaves nothing behind.</summary>
    /// <exception cref="PersistenceException">A step failed; the message names the step and the reason.</exception>
    public static void Check(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var dir = Path.GetFullPath(dataDir);
        var probe = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $".probe-{Environment.ProcessId}"));
        var renamed = probe + ".renamed";
        var step = "create the directory";
        try
        {
            Directory.CreateDirectory(dir);
            step = "write a file in it";
            using (var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write("probe\n"u8);
                step = "fsync a file in it";
                file.Flush(flushToDisk: true);
            }
            step = "rename a file in it";
            File.Move(probe, renamed, overwrite: true);
            step = "fsync it";
            FileElectionStore.SyncDirectory(dir);
            step = "delete a file in it";
            File.Delete(renamed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Remove(probe);
            Remove(renamed);
            throw new PersistenceException(dir, $"the data directory is not usable: cannot {step}: {e.Message}", e);
        }
    }

    private static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            // Best effort: the probe already failed, and that is what the caller reports.
        }
    }
}
