namespace KevySpec.Checking;

/// <summary>
/// A 64-bit hash that is the same in every run (unlike <see cref="HashCode"/>, which is seeded per
/// process): the model checker's fingerprints and sort keys. Each value added is mixed in with a
/// multiply and a xor-shift (the finaliser of SplitMix64).
/// </summary>
internal struct StableHash
{
    private ulong _state;

    public StableHash() => _state = 0x243F6A8885A308D3UL;

    public readonly long Value => (long)Mix(_state);

    public void Add(long value) => _state = Mix(_state ^ (ulong)value) + 0x9E3779B97F4A7C15UL;

    public void Add(string value)
    {
        Add(value.Length);
        foreach (var c in value) Add(c);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
