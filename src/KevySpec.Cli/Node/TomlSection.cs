using Tomlyn.Model;
using Tomlyn.Serialization;

namespace KevySpec.Cli.Node;

/// <summary>
/// One table of a node's TOML file, read key by key: every mistake is a <see cref="NodeConfigException"/> naming
/// the key (<c>section.key</c>), the line it is on, and what is wrong with it.
/// </summary>
internal sealed class TomlSection(string name, TomlTable table, TomlMetadataStore metadata, int? headerLine)
{
    /// <summary>The dotted name of the table, e.g. <c>cluster</c> or <c>cluster.peers</c>.</summary>
    public string Name => name;

    /// <summary>The keys, in file order.</summary>
    public IEnumerable<string> Keys => table.Keys;

    public string Key(string key) => $"{name}.{key}";

    public bool Has(string key) => table.ContainsKey(key);

    public bool TryGet(string key, out object? value) => table.TryGetValue(key, out value);

    /// <summary>The line of <paramref name="key"/>, else of the table's header (a missing key is missing there).</summary>
    public int? Line(string key) => LineOf(metadata, table, key) ?? headerLine;

    public NodeConfigException Error(string key, string reason) => new(Key(key), reason, Line(key));

    /// <summary>Refuses the first key that is not in <paramref name="known"/>.</summary>
    public void RefuseUnknownKeys(IReadOnlyCollection<string> known, string context)
    {
        foreach (var key in table.Keys)
        {
            if (!known.Contains(key)) throw Error(key, $"unknown key{context} (known: {string.Join(", ", known)})");
        }
    }

    public string Required(string key) => String(key) ?? throw Error(key, "is missing");

    /// <summary>The string at <paramref name="key"/>, null when absent.</summary>
    public string? String(string key) => Value<string>(key, "a string");

    /// <summary>The integer at <paramref name="key"/>, null when absent.</summary>
    public long? Integer(string key) => table.TryGetValue(key, out var value)
        ? value as long? ?? throw Error(key, $"must be an integer (got {Describe(value)})")
        : null;

    /// <summary>The boolean at <paramref name="key"/>, null when absent.</summary>
    public bool? Boolean(string key) => table.TryGetValue(key, out var value)
        ? value as bool? ?? throw Error(key, $"must be true or false (got {Describe(value)})")
        : null;

    /// <summary>The sub-table at <paramref name="key"/> (e.g. <c>[cluster.peers]</c>), null when absent.</summary>
    public TomlSection? Table(string key, string expected) => Value<TomlTable>(key, expected) is { } sub
        ? new TomlSection(Key(key), sub, metadata, Line(key))
        : null;

    /// <summary>A valid node id at <paramref name="key"/> (required).</summary>
    public string Id(string key)
    {
        var id = Required(key);
        if (NodeIds.Problem(id) is { } problem) throw Error(key, problem);
        return id;
    }

    /// <summary>A port number (1 to 65535) at <paramref name="key"/>, null when absent.</summary>
    public int? Port(string key)
    {
        if (Integer(key) is not { } port) return null;
        if (port is < 1 or > 65535) throw Error(key, $"must be a port from 1 to 65535 (got {port})");
        return (int)port;
    }

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the string \"{s}\"",
        long n => $"the integer {n}",
        double d => $"the number {d}",
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray => "an array",
        _ => value.GetType().Name,
    };

    internal static int? LineOf(TomlMetadataStore metadata, TomlTable table, string key) =>
        metadata.TryGetProperties(table, out var properties) && properties is not null
            && properties.TryGetProperty(key, out var property) && property is not null
            ? property.Span.Start.Line + 1   // Tomlyn counts lines from 0
            : null;

    private T? Value<T>(string key, string expected) where T : class
    {
        if (!table.TryGetValue(key, out var value)) return null;
        return value as T ?? throw Error(key, $"must be {expected} (got {Describe(value)})");
    }
}
