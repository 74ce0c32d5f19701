using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Serialization;

namespace KevySpec.Cli.Node;

/// <summary>A parsed TOML file that remembers where each key was written, so that a mistake can name its line.</summary>
internal sealed class TomlDocument
{
    private readonly TomlTable _root;
    private readonly TomlMetadataStore _metadata;

    private TomlDocument(TomlTable root, TomlMetadataStore metadata)
    {
        _root = root;
        _metadata = metadata;
    }

    /// <exception cref="NodeConfigException">The text is not TOML.</exception>
    public static TomlDocument Parse(string toml)
    {
        var metadata = new TomlMetadataStore();
        try
        {
            var root = TomlSerializer.Deserialize<TomlTable>(toml, new TomlSerializerOptions { MetadataStore = metadata }) ?? new TomlTable();
            return new TomlDocument(root, metadata);
        }
        catch (TomlException e)
        {
            throw new NodeConfigException("(syntax)", OneLine(e.Message));
        }
    }

    /// <summary>The top-level table <paramref name="name"/>; null when the file has none.</summary>
    /// <exception cref="NodeConfigException"><paramref name="name"/> is a value, not a table.</exception>
    public TomlSection? Section(string name)
    {
        if (!_root.TryGetValue(name, out var value)) return null;
        var line = TomlSection.LineOf(_metadata, _root, name);
        if (value is not TomlTable table) throw new NodeConfigException(name, $"must be a table ([{name}])", line);
        return new TomlSection(name, table, _metadata, line);
    }

    /// <summary>The top-level table <paramref name="name"/>, or an empty one (every key at its default) when the file has none.</summary>
    public TomlSection SectionOrEmpty(string name) => Section(name) ?? new TomlSection(name, new TomlTable(), _metadata, null);

    private static string OneLine(string message) => string.Join("; ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
