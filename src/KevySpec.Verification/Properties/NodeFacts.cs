namespace KevySpec.Properties;

/// <summary>What the properties read of one node: whether it runs, whether it is stalled, and its role, epoch and known primary.</summary>
/// <param name="Alive">The node runs (a crashed or killed node is not alive).</param>
/// <param name="Paused">The node is stalled (a GC pause, SIGSTOP): alive, but it takes no writes.</param>
/// <param name="Role">Its self-perceived role.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="CurrentPrimary">The primary it follows, or null.</param>
public readonly record struct NodeFacts(bool Alive, bool Paused, Role Role, ulong Epoch, string? CurrentPrimary)
{
    /// <summary>A node that does not run.</summary>
    public static NodeFacts Down => default;

    /// <summary>True when the node runs and believes itself primary.</summary>
    public bool IsLivePrimary => Alive && Role == Role.Primary;
}
