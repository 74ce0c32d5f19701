namespace KevySpec.Cli.Node;

/// <summary>A mistake in a node's TOML file: <see cref="Key"/> (e.g. <c>cluster.down_after_ms</c>) and why.</summary>
internal sealed class NodeConfigException(string key, string reason) : Exception($"{key}: {reason}")
{
    public string Key { get; } = key;

    public string Reason { get; } = reason;
}
