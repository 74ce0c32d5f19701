using KevySpec.Checking;
using KevySpec.Simulation;
using KevySpec.Wire;

namespace KevySpec.Transport;

// The elector loop: the only code that touches the elector. It wakes for an inbound frame, a due
// deadline (a one-shot timer armed at NextTickAt) or an offset change, and sleeps otherwise.
public sealed partial class ElectionNode
{
    // A deadline already due is ticked at once, a few times at most; then the timer takes over.
    private const int MaxImmediateTicks = 8;

    private readonly string[] _others;
    private readonly TimeSpan?[] _lastHeard;
    private volatile NodeState _state;
    private (Role Role, string? Primary, bool HasQuorum)? _reported;
    private long _pendingOffset;
    private int _offsetChanged;

    private TimeSpan Now() => _ctx.Time.GetElapsedTime(_origin);

    private async Task RunLoopAsync()
    {
        var token = _stop.Token;
        var reader = _inbox.Reader;
        try
        {
            ReportStep(_restarted ? StepKind.Restart : StepKind.New, (Role.Replica, 0), []);
            Step(null);
            Settle();
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (!token.IsCancellationRequested && reader.TryRead(out var item)) Step(item);
                if (token.IsCancellationRequested) return;
                Settle();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Only a bug can get here (elector exceptions are caught per step); say so loudly.
            _ctx.Log($"elector loop failed: {e}");
        }
    }

    // One step: the frame (if any), then a tick, then publish and report.
    private void Step(LoopItem? item)
    {
        if (Interlocked.Exchange(ref _offsetChanged, 0) == 1)
        {
            var beforeOffset = BeginStep();
            _elector.SetReplOffset(unchecked((ulong)Interlocked.Read(ref _pendingOffset)));
            ReportStep(StepKind.SetOffset, beforeOffset, []);
        }
        var now = Now();
        if (item is { From: { } from, Message: { } message })
        {
            if (message is Heartbeat)
            {
                var index = Array.IndexOf(_others, from);
                if (index >= 0) _lastHeard[index] = now;
            }
            IReadOnlyList<Outbound> replies;
            var beforeMessage = BeginStep();
            try
            {
                replies = _elector.OnMessage(from, message, now);
            }
            catch (Exception e)
            {
                replies = Withheld(e, $"handling {message.GetType().Name} from {from}");
            }
            ReportStep(StepKind.Message, beforeMessage, replies);
            Emit(replies);
        }
        IReadOnlyList<Outbound> ticked;
        var beforeTick = BeginStep();
        try
        {
            ticked = _elector.Tick(now);
        }
        catch (Exception e)
        {
            ticked = Withheld(e, "a tick");
        }
        ReportStep(StepKind.Tick, beforeTick, ticked);
        Emit(ticked);
        Publish(now);
    }

    private (Role Role, ulong Epoch) BeginStep()
    {
        _recorder?.BeginStep();
        return (_elector.Role, _elector.Epoch);
    }

    // Tells the step observer (NodeOptions.OnStep) what the elector just did; the saves list is copied (the recorder reuses it).
    private void ReportStep(StepKind kind, (Role Role, ulong Epoch) before, IReadOnlyList<Outbound> sent)
    {
        if (_ctx.Options.OnStep is not { } onStep || _recorder is null) return;
        IReadOnlyList<SaveRecord> saves = _recorder.StepSaves.Count == 0 ? [] : [.. _recorder.StepSaves];
        var alive = kind != StepKind.Crash;
        try
        {
            onStep(new NodeStep(kind, NodeId, before.Role, before.Epoch, alive ? _elector.Role : Role.Replica, alive ? _elector.Epoch : 0, sent, saves, _recorder.Durable));
        }
        catch (Exception e)
        {
            _ctx.Log($"step callback failed: {e.GetType().Name}: {e.Message}");
        }
    }

    // The elector saves before it emits: when a save throws, the whole batch is dropped unsent.
    private IReadOnlyList<Outbound> Withheld(Exception e, string what)
    {
        _ctx.Counters.SaveFailure();
        _ctx.Log($"{what} failed, nothing sent: {e.GetType().Name}: {e.Message}");
        return [];
    }

    private void Emit(IReadOnlyList<Outbound> batch)
    {
        foreach (var item in batch)
        {
            byte[] frame;
            try
            {
                frame = RespCodec.Encode(item.Message);
            }
            catch (ArgumentException e)
            {
                _ctx.Log($"cannot encode {item.Message.GetType().Name}: {e.Message}");
                continue;
            }
            if (item.IsBroadcast)
            {
                foreach (var link in _links) link.Enqueue(frame);
            }
            else if (_linkById.TryGetValue(item.To, out var link))
            {
                link.Enqueue(frame);
            }
            else
            {
                _ctx.Log($"dropped a {item.Message.GetType().Name} to '{item.To}', which is not a peer");
            }
        }
    }

    // Sleep until the elector's next deadline: a one-shot timer, rounded up to whole milliseconds so it never fires early.
    private void Settle()
    {
        for (var i = 0; i < MaxImmediateTicks; i++)
        {
            if (_elector.NextTickAt() is not { } next)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }
            var wait = next - Now();
            if (wait > TimeSpan.Zero)
            {
                _timer?.Change(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), Timeout.InfiniteTimeSpan);
                return;
            }
            Step(null);
        }
        _timer?.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    private void Publish(TimeSpan now)
    {
        var state = Observe(now);
        if (state.DownPeers.SequenceEqual(_state.DownPeers)) state = state with { DownPeers = _state.DownPeers };
        _state = state;
        var topology = (state.Role, state.Primary, state.HasQuorum);
        if (_reported == topology) return;
        _reported = topology;
        if (_ctx.Options.OnTopologyChange is not { } report) return;
        try
        {
            report(new TopologyChange(NodeId, state.Role, state.Epoch, state.Primary, state.HasQuorum, now));
        }
        catch (Exception e)
        {
            _ctx.Log($"topology callback failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private NodeState Observe(TimeSpan now)
    {
        var down = new List<string>();
        for (var i = 0; i < _others.Length; i++)
        {
            if (_lastHeard[i] is not { } heard || now - heard >= _elector.Config.DownAfter) down.Add(_others[i]);
        }
        return new NodeState(_elector.Role, _elector.Epoch, _elector.CurrentPrimary, down.AsReadOnly(), _elector.HasQuorum(now));
    }

    private sealed record NodeState(Role Role, ulong Epoch, string? Primary, IReadOnlyList<string> DownPeers, bool HasQuorum);
}
