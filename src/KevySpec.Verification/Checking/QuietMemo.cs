namespace KevySpec.Checking;

/// <summary>
/// A fixed-size, lossy, lock-free cache of fingerprint → value (the quiet continuation's outcomes):
/// each fingerprint has one slot (by its bits), and a newer entry overwrites an older one, so the
/// continuations seen recently, the likeliest to meet again, stay. A slot is two 64-bit words
/// written without a lock; the first holds the fingerprint xor the value, so a torn pair (two
/// writers at once) reads as a miss, never as a wrong value.
/// </summary>
internal sealed class QuietMemo
{
    private readonly long[] _words;
    private readonly int _mask;

    /// <summary>A cache of 2^<paramref name="bits"/> slots (16 bytes each).</summary>
    public QuietMemo(int bits)
    {
        if (bits is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(bits), bits, "must be 1 to 30");
        _words = new long[2L << bits];
        _mask = (1 << bits) - 1;
    }

    /// <summary>Bytes the slots take.</summary>
    public long Bytes => _words.LongLength * sizeof(long);

    public void Set(long fingerprint, long value)
    {
        var slot = Slot(fingerprint);
        Volatile.Write(ref _words[slot + 1], value);
        Volatile.Write(ref _words[slot], fingerprint ^ value);
    }

    public bool TryGet(long fingerprint, out long value)
    {
        var slot = Slot(fingerprint);
        var check = Volatile.Read(ref _words[slot]);
        value = Volatile.Read(ref _words[slot + 1]);
        // An empty slot holds 0 ^ 0: fingerprint 0 with value 0 would read as present, so 0 is never stored.
        return fingerprint != 0 && (check ^ value) == fingerprint;
    }

    private long Slot(long fingerprint) => 2L * (int)(((ulong)fingerprint * 0x9E3779B97F4A7C15UL >> 32) & (uint)_mask);
}
