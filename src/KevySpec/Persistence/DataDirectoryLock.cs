using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace KevySpec.Persistence;

/// <summary>
/// An advisory lock on a data directory, held until disposed (in practice for the life of the process): the file
/// <c>&lt;dataDir&gt;/LOCK</c>, locked with <c>flock(LOCK_EX)</c> (Windows: opened with no sharing) and holding the
/// holder's pid. The kernel drops the lock when the process dies, so a stale <c>LOCK</c> file is harmless. Two
/// processes on one directory would overwrite each other's <c>elect.meta</c>: the second is refused before it reads it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    /// <summary>The lock file's name inside the data directory.</summary>
    public const string FileName = "LOCK";

    private readonly int _fd = -1;
    private readonly FileStream? _stream;

    private DataDirectoryLock(string path, int fd, FileStream? stream)
    {
        Path = path;
        _fd = fd;
        _stream = stream;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="dataDir"/> (which must exist) and writes this process's pid into it.</summary>
    /// <exception cref="PersistenceException">Another process holds it (the message names its pid), or the file cannot be opened.</exception>
    public static DataDirectoryLock Acquire(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDir), FileName);
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n";
        return OperatingSystem.IsWindows() ? AcquireWindows(path, pid) : AcquirePosix(path, pid);
    }

    /// <summary>Releases the lock (the file stays; its pid is stale from then on).</summary>
    public void Dispose()
    {
        if (_stream is not null) _stream.Dispose();
        else if (_fd >= 0) _ = Posix.close(_fd);
    }

    // flock through libc rather than FileShare.None: .NET skips its own flock when DOTNET_SYSTEM_IO_DISABLEFILELOCKING
    // is set, and the holder's pid must stay readable by the refused process (a .NET read would take LOCK_SH and fail).
    private static DataDirectoryLock AcquirePosix(string path, string pid)
    {
        const int readWrite = 2, create = 0x40, closeOnExec = 0x80000; // Linux values of O_RDWR, O_CREAT, O_CLOEXEC
        var flags = readWrite | (OperatingSystem.IsLinux() ? create | closeOnExec : 0x200 /* O_CREAT on BSD/macOS */);
        var fd = Posix.open(path, flags, Convert.ToInt32("644", 8));
        if (fd < 0) throw new PersistenceException(path, $"cannot open the lock file (errno {Marshal.GetLastPInvokeError()})");
        const int exclusive = 2, noWait = 4; // LOCK_EX, LOCK_NB
        if (Posix.flock(fd, exclusive | noWait) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var holder = ReadHolder(fd);
            _ = Posix.close(fd);
            throw new PersistenceException(path, errno is 11 or 35 /* EWOULDBLOCK: Linux, BSD/macOS */
                ? $"the data directory is in use by another process ({holder}); one data directory serves one node"
                : $"cannot lock the data directory (errno {errno})");
        }
        var bytes = Encoding.ASCII.GetBytes(pid);
        if (Posix.ftruncate(fd, 0) != 0 || Posix.pwrite(fd, bytes, bytes.Length, 0) != bytes.Length)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Posix.close(fd);
            throw new PersistenceException(path, $"cannot write the lock file (errno {errno})");
        }
        return new DataDirectoryLock(path, fd, null);
    }

    private static DataDirectoryLock AcquireWindows(string path, string pid)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new PersistenceException(path, "the data directory is in use by another process; one data directory serves one node");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PersistenceException(path, $"cannot open the lock file: {e.Message}", e);
        }
        stream.SetLength(0);
        stream.Write(Encoding.ASCII.GetBytes(pid));
        stream.Flush();
        return new DataDirectoryLock(path, -1, stream);
    }

    private static string ReadHolder(int fd)
    {
        var buffer = new byte[32];
        var read = Posix.pread(fd, buffer, buffer.Length, 0);
        var text = read > 0 ? Encoding.ASCII.GetString(buffer, 0, (int)read).Trim() : "";
        return text.Length > 0 && text.All(char.IsAsciiDigit) ? $"pid {text}" : "pid unknown";
    }

    private static class Posix
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int flock(int fd, int operation);

        [DllImport("libc", SetLastError = true)]
        public static extern int ftruncate(int fd, long length);

        [DllImport("libc", SetLastError = true)]
        public static extern nint pwrite(int fd, byte[] buffer, nint count, long offset);

        [DllImport("libc", SetLastError = true)]
        public static extern nint pread(int fd, byte[] buffer, nint count, long offset);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
