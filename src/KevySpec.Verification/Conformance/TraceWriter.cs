using System.Text;
using System.Text.Json;
using KevySpec.Simulation;
using KevySpec.Wire;

namespace KevySpec.Conformance;

/// <summary>
/// Writes <c>kevy-elect-trace/1</c> files (see <c>conformance/FORMAT.md</c>) from recorded cluster
/// steps, so a simulated run or a counterexample replays with <see cref="TraceReplayer"/>
/// (<c>kevyspec conform</c>). Crash steps have no line: a dead node's elector is just not driven.
/// </summary>
public static class TraceWriter
{
    /// <summary>Writes the header and one line per step to <paramref name="path"/> (UTF-8, no BOM, <c>\n</c> line ends).</summary>
    public static void WriteFile(string path, string scenario, long seed, int nodes, IEnumerable<ClusterStep> steps)
    {
        using var stream = File.Create(path);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        Write(writer, scenario, seed, nodes, steps);
    }

    /// <summary>Writes the header and one line per step.</summary>
    public static void Write(TextWriter writer, string scenario, long seed, int nodes, IEnumerable<ClusterStep> steps)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(steps);
        writer.WriteLine(Line(json =>
        {
            json.WriteString("format", TraceReplayer.Format);
            json.WriteString("scenario", scenario);
            json.WriteNumber("seed", seed);
            json.WriteNumber("nodes", nodes);
        }));
        foreach (var step in steps)
            if (step.Kind != StepKind.Crash) writer.WriteLine(Line(json => WriteStep(json, step)));
    }

    /// <summary>One step as its trace line (without the line end).</summary>
    public static string ToLine(ClusterStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Kind == StepKind.Crash) throw new ArgumentException("a crash has no trace line", nameof(step));
        return Line(json => WriteStep(json, step));
    }

    private static void WriteStep(Utf8JsonWriter json, ClusterStep step)
    {
        json.WriteString("op", step.Kind switch
        {
            StepKind.New => "new",
            StepKind.Restart => "restart",
            StepKind.SetOffset => "set_offset",
            StepKind.Tick => "tick",
            StepKind.Message => "msg",
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "no trace op"),
        });
        json.WriteString("node", step.Node);
        switch (step.Kind)
        {
            case StepKind.New:
            case StepKind.Restart:
                WriteSetup(json, step.Setup ?? throw new ArgumentException($"{step.Kind} step without a setup", nameof(step)));
                break;
            case StepKind.SetOffset:
                json.WriteNumber("offset", step.Offset ?? throw new ArgumentException("set_offset step without an offset", nameof(step)));
                break;
            case StepKind.Tick:
                json.WriteNumber("t_us", Micros(step.At));
                break;
            case StepKind.Message:
                json.WriteString("from", step.From);
                WriteArgv(json, "msg", step.Message ?? throw new ArgumentException("msg step without a message", nameof(step)));
                json.WriteNumber("t_us", Micros(step.At));
                break;
        }
        if (step.Out is { } sent)
        {
            json.WriteStartArray("out");
            foreach (var item in sent)
            {
                json.WriteStartObject();
                json.WriteString("to", item.To);
                WriteArgv(json, "msg", item.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteStartArray("saves");
        foreach (var save in step.Saves)
        {
            json.WriteStartArray();
            json.WriteNumberValue(save.Epoch);
            if (save.VotedFor is null) json.WriteNullValue();
            else json.WriteStringValue(save.VotedFor);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartObject("state");
        json.WriteString("role", step.State.Role.ToWire());
        json.WriteNumber("epoch", step.State.Epoch);
        if (step.State.Primary is null) json.WriteNull("primary");
        else json.WriteString("primary", step.State.Primary);
        json.WriteBoolean("has_quorum", step.State.HasQuorum);
        json.WriteEndObject();
    }

    private static void WriteSetup(Utf8JsonWriter json, NodeSetup setup)
    {
        json.WriteStartArray("peer_ids");
        foreach (var peer in setup.PeerIds) json.WriteStringValue(peer);
        json.WriteEndArray();
        json.WriteString("addr", setup.Address);
        json.WriteString("start_role", setup.StartRole.ToWire());
        json.WriteStartObject("config");
        json.WriteNumber("hb_interval_us", Micros(setup.Config.HbInterval));
        json.WriteNumber("down_after_us", Micros(setup.Config.DownAfter));
        json.WriteNumber("election_timeout_us", Micros(setup.Config.ElectionTimeout));
        json.WriteNumber("election_backoff_us", Micros(setup.Config.ElectionBackoff));
        json.WriteNumber("election_backoff_jitter_us", Micros(setup.Config.ElectionBackoffJitter));
        json.WriteEndObject();
        json.WriteStartObject("jitter");
        json.WriteNumber("fixed_us", Micros(setup.Jitter));
        json.WriteEndObject();
    }

    private static void WriteArgv(Utf8JsonWriter json, string name, ElectionMessage message)
    {
        json.WriteStartArray(name);
        foreach (var field in MessageArgv.ToArgv(message)) json.WriteStringValue(field);
        json.WriteEndArray();
    }

    // The format counts whole microseconds; the simulator and checker only produce such instants.
    private static long Micros(TimeSpan? time)
    {
        var value = time ?? throw new ArgumentException("a tick or msg step without an instant");
        if (value.Ticks % TimeSpan.TicksPerMicrosecond != 0)
            throw new ArgumentException($"instant {value} is not a whole number of microseconds");
        return value.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    private static string Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
