namespace KevySpec.Transport;

// The live counters behind NodeCounters: bumped from any thread, read without locks.
internal sealed class CounterSet
{
    private long _framesIn, _framesOut, _framesDropped, _decodeErrors, _reconnects, _unknownSenders, _authFailures, _saveFailures;

    public void FrameIn() => Interlocked.Increment(ref _framesIn);
    public void FramesOut(int count) => Interlocked.Add(ref _framesOut, count);
    public void FrameDropped() => Interlocked.Increment(ref _framesDropped);
    public void DecodeError() => Interlocked.Increment(ref _decodeErrors);
    public void Reconnect() => Interlocked.Increment(ref _reconnects);
    public void UnknownSender() => Interlocked.Increment(ref _unknownSenders);
    public void AuthFailure() => Interlocked.Increment(ref _authFailures);
    public void SaveFailure() => Interlocked.Increment(ref _saveFailures);

    public NodeCounters Read() => new(
        Interlocked.Read(ref _framesIn),
        Interlocked.Read(ref _framesOut),
        Interlocked.Read(ref _framesDropped),
        Interlocked.Read(ref _decodeErrors),
        Interlocked.Read(ref _reconnects),
        Interlocked.Read(ref _unknownSenders),
        Interlocked.Read(ref _authFailures),
        Interlocked.Read(ref _saveFailures));
}
