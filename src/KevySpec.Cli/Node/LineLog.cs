using System.Globalization;

namespace KevySpec.Cli.Node;

/// <summary>One timestamped line per event (UTC, milliseconds), safe to call from any thread.</summary>
internal sealed class LineLog(TextWriter output)
{
    private readonly object _gate = new();

    public void Write(string line)
    {
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            output.WriteLine($"{stamp} {line}");
            output.Flush();
        }
    }
}
