using System.Collections.Concurrent;
using System.Text;
using KevySpec.Load.Fleet;

namespace KevySpec.Load.Tests.Fleet;

/// <summary>Standard input and output for a <see cref="FleetNodeHost"/> run in-process: commands in, messages out.</summary>
internal sealed class HostStreams
{
    private readonly BlockingCollection<string?> _input = [];
    private readonly List<HostMessage> _seen = [];

    public HostStreams()
    {
        Input = new QueueReader(_input);
        Output = new LineWriter(Lines);
    }

    public TextReader Input { get; }

    public TextWriter Output { get; }

    public StringWriter Error { get; } = new();

    public BlockingCollection<HostMessage> Lines { get; } = [];

    public void Send(HostMessage message) => _input.Add(HostJson.Write(message));

    public void SendRaw(string line) => _input.Add(line);

    /// <summary>Closes standard input, as a runner that went away does.</summary>
    public void Close() => _input.Add(null);

    /// <summary>
    /// The first message of type <typeparamref name="T"/> that matches, among every message the host has written
    /// so far or writes within 20 s (events of different nodes interleave, so order is not asserted here).
    /// </summary>
    public T Next<T>(Func<T, bool>? match = null) where T : HostMessage
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            foreach (var seen in _seen)
                if (seen is T found && (match is null || match(found))) return found;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !Lines.TryTake(out var message, left))
                throw new TimeoutException($"no matching {typeof(T).Name} from the host; the last ones seen: {string.Join(Environment.NewLine, _seen.TakeLast(15))}");
            _seen.Add(message);
        }
    }

    private sealed class QueueReader(BlockingCollection<string?> lines) : TextReader
    {
        public override string? ReadLine() => lines.Take();

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => new(Task.Run(() => lines.Take(cancellationToken), cancellationToken));

        public override Task<string?> ReadLineAsync() => Task.Run(() => lines.Take());
    }

    private sealed class LineWriter(BlockingCollection<HostMessage> lines) : TextWriter
    {
        private readonly StringBuilder _pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_pending)
            {
                if (value != '\n')
                {
                    _pending.Append(value);
                    return;
                }
                lines.Add(HostJson.Read(_pending.ToString().TrimEnd('\r')));
                _pending.Clear();
            }
        }
    }
}
