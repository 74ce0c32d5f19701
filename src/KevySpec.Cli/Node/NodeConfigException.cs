namespace KevySpec.Cli.Node;

/// <summary>
/// A mistake in a node's TOML file: <see cref="Key"/> (e.g. <c>cluster.down_after_ms</c>), why, and the 1-based
/// <see cref="Line"/> of the key (or of its table when the key is missing) when it is known.
/// </summary>
internal sealed class NodeConfigException(string key, string reason, int? line = null) : Exception($"{key}: {reason}")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;

    public int? Line { get; } = line;
}
