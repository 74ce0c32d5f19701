using KevySpec.Wire;

namespace KevySpec.Transport;

// The elector loop: the only code that touches the elector. It wakes for an inbound frame, a due
// deadline (a one-shot timer armed at NextTickAt) or an offset change, and sleeps otherwise.
public sealed partial class ElectionNode
{
    // A deadline already due is ticked at once, a few times at most; then the timer takes over.
    private const int MaxImmediateTicks = 8;

    private readonly string[] _others;
    // Elector-time ticks of each other member's last heartbeat (NeverHeard before the first): written by
    // the loop, read by Snapshot on any thread, so DownPeers costs nothing per step.
    private readonly long[] _lastHeard;
    private volatile NodeState _state;
    // The deadline the one-shot timer is armed for (null: disarmed, or fired and not yet handled): most
    // frames leave the next deadline where it was, and re-arming the timer for each would cost a timer-queue update.
    private TimeSpan? _armedFor;
    private (Role Role, string? Primary, bool HasQuorum)? _reported;
    private long _pendingOffset;
    private int _offsetChanged;
    // Set by a step that throws (a failed save), cleared by a step whose saves work: meanwhile the node sends nothing.
    private bool _withdrawn;
    private long _savesAtStep;

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
                while (!token.IsCancellationRequested && reader.TryRead(out var item))
                {
                    if (ReferenceEquals(item, LoopItem.Wake)) _armedFor = null;
                    Step(item);
                }
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
                if (index >= 0) Volatile.Write(ref _lastHeard[index], now.Ticks);
            }
            IReadOnlyList<Outbound> replies;
            var beforeMessage = BeginStep();
            try
            {
                replies = _elector.OnMessage(from, message, now);
                RejoinIfSaved();
            }
            catch (Exception e)
            {
                replies = Withheld(e, $"handling {message.GetType().Name} from {from}");
            }
            ReportStep(StepKind.Message, beforeMessage, replies);
            Narrate(beforeMessage.Epoch, from, replies);
            Emit(replies);
        }
        IReadOnlyList<Outbound> ticked;
        var beforeTick = BeginStep();
        try
        {
            ticked = _elector.Tick(now);
            RejoinIfSaved();
        }
        catch (Exception e)
        {
            ticked = Withheld(e, "a tick");
        }
        ReportStep(StepKind.Tick, beforeTick, ticked);
        Narrate(beforeTick.Epoch, null, ticked);
        Emit(ticked);
        Publish(now);
    }

    private (Role Role, ulong Epoch) BeginStep()
    {
        _recorder?.BeginStep();
        _savesAtStep = _saves.Count;
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
            onStep(new NodeStep(kind, NodeId, before.Role, before.Epoch, alive ? _elector.Role : Role.Replica, alive ? _elector.Epoch : 0, sent, saves, _recorder.Durable,
                alive ? _elector.ReplOffset : 0));
        }
        catch (Exception e)
        {
            _ctx.Log($"step callback failed: {e.GetType().Name}: {e.Message}");
        }
    }

    // The elector saves before it changes its epoch, vote or role, and before it emits: when a save throws, the step
    // changed nothing and its batch is dropped unsent. A node that cannot persist must not vote or stand, nor hold on
    // as a primary it can no longer stop being (it cannot adopt a newer epoch): it withdraws — it sends nothing and
    // reports no quorum, so a primary fences writes — and says so once. Its silence lets the others see it DOWN and
    // elect without it. The elector keeps stepping: the first save that works again brings the node back.
    private IReadOnlyList<Outbound> Withheld(Exception e, string what)
    {
        _ctx.Counters.SaveFailure();
        if (!_withdrawn)
        {
            _withdrawn = true;
            _ctx.Log($"cannot persist its election state ({what}: {e.Message}): withdrawn from the election until a save works "
                + "(no votes, no candidacy, no heartbeats, no quorum)");
        }
        return [];
    }

    private void RejoinIfSaved()
    {
        if (!_withdrawn || _saves.Count == _savesAtStep) return;
        _withdrawn = false;
        _ctx.Log($"its election state persists again (epoch {_elector.Epoch}): back in the election");
    }

    // One line per vote cast and per epoch change, with the epoch and the candidate it belongs to.
    private void Narrate(ulong epochBefore, string? from, IReadOnlyList<Outbound> sent)
    {
        if (_ctx.Options.Log is null) return;
        string? candidate = null;
        foreach (var item in sent)
        {
            if (item.Message is Accept accept) _ctx.Log($"vote for {item.To} in epoch {accept.Epoch}");
            else if (item.Message is Offer offer) candidate = offer.CandidateId;
        }
        var epoch = _elector.Epoch;
        if (epoch == epochBefore) return;
        candidate ??= from;
        _ctx.Log($"epoch {epoch} (was {epochBefore})" + (candidate is null ? "" : candidate == NodeId ? ", candidate itself" : $", from {candidate}"));
    }

    private void Emit(IReadOnlyList<Outbound> batch)
    {
        if (_withdrawn) return;
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
                Arm(null, Timeout.InfiniteTimeSpan);
                return;
            }
            var wait = next - Now();
            if (wait > TimeSpan.Zero)
            {
                if (_armedFor != next) Arm(next, TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)));
                return;
            }
            Step(null);
        }
        Arm(null, TimeSpan.FromMilliseconds(1));
    }

    private void Arm(TimeSpan? deadline, TimeSpan wait)
    {
        _armedFor = deadline;
        _timer?.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Publish(TimeSpan now)
    {
        var state = _state;
        var (role, epoch, primary, quorum) = (_elector.Role, _elector.Epoch, _elector.CurrentPrimary, !_withdrawn && _elector.HasQuorum(now));
        if (state.Role != role || state.Epoch != epoch || state.Primary != primary || state.HasQuorum != quorum)
            _state = state = new NodeState(role, epoch, primary, quorum);
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

    // The other members whose last heartbeat is down_after old or more (or that were never heard), at now.
    private List<string> DownPeersAt(TimeSpan now)
    {
        var down = new List<string>();
        var downAfter = _elector.Config.DownAfter.Ticks;
        for (var i = 0; i < _others.Length; i++)
        {
            var heard = Volatile.Read(ref _lastHeard[i]);
            if (heard == NeverHeard || now.Ticks - heard >= downAfter) down.Add(_others[i]);
        }
        return down;
    }

    private const long NeverHeard = long.MinValue;

    private sealed record NodeState(Role Role, ulong Epoch, string? Primary, bool HasQuorum);
}
