using System.Text.Json;
using KevySpec.Wire;

namespace KevySpec.Conformance;

/// <summary>Typed, checked access to one JSON line of a trace; every problem names the file and line.</summary>
internal sealed class TraceLine(string file, int line, JsonElement root)
{
    public int Line => line;

    public TraceFormatException Error(string problem) => new(file, line, problem);

    public string? OptionalString(string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public string String(string name) => String(Property(name), name);

    public ulong UInt64(string name) => UInt64(Property(name), name);

    public TimeSpan Time() => TimeSpan.FromMicroseconds(checked((long)UInt64("t_us")));

    public string[] StringArray(string name) => StringArray(Property(name), name);

    public Role Role(string name)
    {
        var text = String(name);
        return Roles.TryParse(text) ?? throw Error($"'{name}' is '{text}', not primary, replica or candidate");
    }

    public ElectConfig Config()
    {
        var config = Property("config");
        return new ElectConfig
        {
            HbInterval = Micros(config, "hb_interval_us"),
            DownAfter = Micros(config, "down_after_us"),
            ElectionTimeout = Micros(config, "election_timeout_us"),
            ElectionBackoff = Micros(config, "election_backoff_us"),
            ElectionBackoffJitter = Micros(config, "election_backoff_jitter_us"),
        };
    }

    public IJitterSource Jitter() => new FixedJitter(FixedJitterValue());

    public TimeSpan FixedJitterValue() => Micros(Property("jitter"), "fixed_us");

    public ElectionMessage Message(string name)
    {
        var argv = StringArray(Property(name), name);
        var decoded = MessageArgv.FromArgv(argv);
        return decoded.Message ?? throw Error($"'{name}' is not a message: {decoded.ErrorMessage}");
    }

    public StepOutcome Expected(bool hasOutput)
    {
        List<string>? sent = null;
        if (hasOutput)
        {
            sent = [];
            foreach (var item in Array(Property("out"), "out"))
                sent.Add(TraceReplayer.ShowOutbound(String(Child(item, "to", "out[].to"), "out[].to"), StringArray(Child(item, "msg", "out[].msg"), "out[].msg")));
        }
        var saves = new List<string>();
        foreach (var pair in Array(Property("saves"), "saves"))
        {
            var items = Array(pair, "saves[]");
            if (items.Count != 2) throw Error("each save must be a pair [epoch, voted_for]");
            var voted = items[1].ValueKind == JsonValueKind.Null ? null : String(items[1], "saves[][1]");
            saves.Add(TraceReplayer.ShowSave(new PersistedVote(UInt64(items[0], "saves[][0]"), voted)));
        }
        var state = Property("state");
        var primary = Child(state, "primary", "state.primary");
        var quorum = Child(state, "has_quorum", "state.has_quorum");
        if (quorum.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Error("'state.has_quorum' must be true or false");
        return new StepOutcome(sent, saves, TraceReplayer.ShowState(
            String(Child(state, "role", "state.role"), "state.role"),
            UInt64(Child(state, "epoch", "state.epoch"), "state.epoch"),
            primary.ValueKind == JsonValueKind.Null ? null : String(primary, "state.primary"),
            quorum.GetBoolean()));
    }

    private JsonElement Property(string name) => Child(root, name, name);

    private JsonElement Child(JsonElement parent, string name, string path)
    {
        if (parent.ValueKind != JsonValueKind.Object) throw Error($"expected an object holding '{path}'");
        return parent.TryGetProperty(name, out var value) ? value : throw Error($"missing '{path}'");
    }

    private TimeSpan Micros(JsonElement parent, string name) => TimeSpan.FromMicroseconds(checked((long)UInt64(Child(parent, name, name), name)));

    private string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{path}' must be a string");

    private ulong UInt64(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number) ? number : throw Error($"'{path}' must be a non-negative integer");

    private List<JsonElement> Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : throw Error($"'{path}' must be an array");

    private string[] StringArray(JsonElement value, string path) => [.. Array(value, path).Select(item => String(item, path + "[]"))];
}
