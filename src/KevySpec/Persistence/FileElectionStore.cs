using System.Runtime.InteropServices;
using System.Text;

namespace KevySpec.Persistence;

/// <summary>
/// Keeps (epoch, voted_for) in <c>&lt;dataDir&gt;/elect.meta</c> (the reference's format). A save writes a
/// temporary sibling, fsyncs it, renames it over the old file and fsyncs the directory, so a crash leaves
/// the old pair or the new one, never a torn one. A file that cannot be read or parsed is an error
/// (<see cref="PersistenceException"/>), never a silent epoch 0. The saved epoch never goes back: a save
/// below the highest epoch this store loaded or saved is refused, and the file keeps the higher one.
/// </summary>
public sealed class FileElectionStore : IElectionStore
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "elect.meta";

    // The highest epoch loaded from or saved to the file through this store.
    private ulong _highest;

    /// <summary>A store in <paramref name="dataDir"/> (created on the first save if missing).</summary>
    public FileElectionStore(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        DataDir = System.IO.Path.GetFullPath(dataDir);
        Path = System.IO.Path.Combine(DataDir, FileName);
        TempPath = Path + ".tmp";
    }

    /// <summary>The data directory (absolute).</summary>
    public string DataDir { get; }

    /// <summary>The file: <c>&lt;dataDir&gt;/elect.meta</c>.</summary>
    public string Path { get; }

    /// <summary>The temporary sibling a save writes first: <c>elect.meta.tmp</c>.</summary>
    public string TempPath { get; }

    /// <summary>The saved pair; <see cref="PersistedVote.Empty"/> when no file exists yet.</summary>
    /// <exception cref="PersistenceException">The file exists but cannot be read or is not valid.</exception>
    public PersistedVote Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path, Encoding.UTF8);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return PersistedVote.Empty;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PersistenceException(Path, $"cannot be read: {e.Message}", e);
        }
        var loaded = ElectMetaFormat.TryParse(text, out var problem) ?? throw new PersistenceException(Path, $"is corrupt: {problem}");
        _highest = Math.Max(_highest, loaded.Epoch);
        return loaded;
    }

    /// <summary>Makes <paramref name="vote"/> durable before returning.</summary>
    /// <exception cref="PersistenceException">
    /// It could not be made durable, or its epoch is below one this store already loaded or saved (the old file is intact).
    /// </exception>
    public void Save(PersistedVote vote)
    {
        if (vote.Epoch < _highest)
            throw new PersistenceException(Path, $"refusing to save epoch {vote.Epoch}: the file already holds epoch {_highest}, and the epoch never goes back");
        try
        {
            Directory.CreateDirectory(DataDir);
            using (var file = new FileStream(TempPath, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Encoding.UTF8.GetBytes(ElectMetaFormat.Format(vote)));
                file.Flush(flushToDisk: true);
            }
            File.Move(TempPath, Path, overwrite: true);
            SyncDirectory(DataDir);
            _highest = vote.Epoch;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(TempPath);
            throw new PersistenceException(Path, $"cannot be saved: {e.Message}", e);
        }
    }

    // The rename is durable only once the directory entry is: fsync the directory (POSIX; Windows has no such call).
    internal static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Posix.open(directory, 0);
        if (fd < 0) throw new IOException($"cannot open directory {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Posix.fsync(fd) != 0) throw new IOException($"cannot sync directory {directory} (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Posix.close(fd);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale temporary file is overwritten by the next save.
        }
    }

    private static class Posix
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
