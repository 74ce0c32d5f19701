namespace KevySpec.Transport;

/// <summary>
/// Fault injection on a node's outbound links, one per peer (the directed link from this node to it):
/// cut (the connection is really closed and not re-established until healed), added delay, and a
/// random drop ratio. Thread-safe; takes effect at once.
/// </summary>
public sealed class LinkFaults
{
    private readonly string _self;
    private readonly Dictionary<string, LinkFaultState> _links;

    internal LinkFaults(string self, IEnumerable<string> peers)
    {
        _self = self;
        _links = peers.Where(p => p != self).ToDictionary(p => p, _ => new LinkFaultState(), StringComparer.Ordinal);
    }

    /// <summary>Cuts the link to <paramref name="peer"/>: its connection closes now and no new one is made until <see cref="Heal"/>.</summary>
    public void Cut(string peer) => State(peer).Cut();

    /// <summary>Lifts the cut of the link to <paramref name="peer"/> (delay and drop ratio stay).</summary>
    public void Heal(string peer) => State(peer).Heal();

    /// <summary>Lifts every cut and clears every delay and drop ratio.</summary>
    public void HealAll()
    {
        foreach (var state in _links.Values)
        {
            state.Heal();
            state.Delay = TimeSpan.Zero;
            state.Drop = null;
        }
    }

    /// <summary>Holds every frame to <paramref name="peer"/> for <paramref name="delay"/> before writing it (order is kept); zero for none.</summary>
    public void SetDelay(string peer, TimeSpan delay)
    {
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "a delay must not be negative");
        State(peer).Delay = delay;
    }

    /// <summary>
    /// Drops each frame to <paramref name="peer"/> with probability <paramref name="ratio"/> (0 to 1), from a generator
    /// seeded with <paramref name="seed"/> (null: a random seed). Dropped frames are counted in FramesDropped.
    /// </summary>
    public void SetDropRatio(string peer, double ratio, int? seed = null)
    {
        if (double.IsNaN(ratio) || ratio < 0 || ratio > 1)
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "a drop ratio is between 0 and 1");
        State(peer).Drop = ratio == 0 ? null : new DropFault(ratio, seed is { } s ? new Random(s) : new Random());
    }

    /// <summary>True while the link to <paramref name="peer"/> is cut.</summary>
    public bool IsCut(string peer) => State(peer).IsCut;

    internal LinkFaultState State(string peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_links.TryGetValue(peer, out var state)) return state;
        throw new ArgumentException(peer == _self
            ? $"'{peer}' is this node: there is no link to itself"
            : $"'{peer}' is not a member of this node's cluster", nameof(peer));
    }
}

/// <summary>A drop ratio and its generator (used only by the elector loop, which enqueues frames).</summary>
internal sealed record DropFault(double Ratio, Random Random)
{
    public bool DropNext() => Random.NextDouble() < Ratio;
}

/// <summary>The faults of one directed link, shared by <see cref="LinkFaults"/> and the link's writer.</summary>
internal sealed class LinkFaultState
{
    private readonly object _gate = new();
    private TaskCompletionSource? _healed;
    private Action? _onCut;

    public volatile DropFault? Drop;

    private long _delayTicks;

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    public bool IsCut
    {
        get
        {
            lock (_gate) return _healed is not null;
        }
    }

    /// <summary>Registers what closes the link's current connection when it is cut.</summary>
    public void OnCut(Action? closeConnection)
    {
        lock (_gate) _onCut = closeConnection;
    }

    public void Cut()
    {
        Action? close;
        lock (_gate)
        {
            _healed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            close = _onCut;
        }
        close?.Invoke();
    }

    public void Heal()
    {
        TaskCompletionSource? healed;
        lock (_gate)
        {
            healed = _healed;
            _healed = null;
        }
        healed?.TrySetResult();
    }

    /// <summary>Completes when the link is not cut (at once if it is not).</summary>
    public Task WhenHealed(CancellationToken ct)
    {
        lock (_gate) return _healed is null ? Task.CompletedTask : _healed.Task.WaitAsync(ct);
    }
}
