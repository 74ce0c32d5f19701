namespace KevySpec.Checking;

/// <summary>
/// A thread-safe set of 64-bit state fingerprints, optionally with a 64-bit value per fingerprint
/// of which the smallest is kept (the model checker's "first parent in breadth-first order").
/// Open addressing with linear probing in 256 stripes (by the fingerprint's top byte), each a
/// <c>long[]</c> behind its own lock that grows by half when three quarters full: 8 bytes per slot
/// (16 with values), so 10.7 to 16 bytes per fingerprint (21 to 32 with values). A stripe resizes
/// alone, so growing never needs twice the whole table.
/// </summary>
/// <remarks>
/// Fingerprint 0 marks an empty slot, so it is stored as 1: two states hashing to 0 and 1 count as
/// one, a collision like any other (see docs/checking.md on fingerprint collisions).
/// </remarks>
internal sealed class FingerprintTable
{
    private const int StripeBits = 8;
    private readonly Stripe[] _stripes = new Stripe[1 << StripeBits];
    private readonly bool _values;

    /// <summary>An empty table; <paramref name="values"/> keeps a value per fingerprint.</summary>
    public FingerprintTable(bool values = false, int initialStripeCapacity = 64)
    {
        if (initialStripeCapacity < 4) throw new ArgumentOutOfRangeException(nameof(initialStripeCapacity), initialStripeCapacity, "must be at least 4");
        _values = values;
        for (var i = 0; i < _stripes.Length; i++) _stripes[i] = new Stripe(initialStripeCapacity, values);
    }

    /// <summary>Fingerprints held.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            foreach (var stripe in _stripes) count += Volatile.Read(ref stripe.Count);
            return count;
        }
    }

    /// <summary>Bytes the slots take (the table's memory, bar a few kilobytes).</summary>
    public long Bytes
    {
        get
        {
            long bytes = 0;
            foreach (var stripe in _stripes) bytes += (long)Volatile.Read(ref stripe.Keys).Length * (_values ? 16 : 8);
            return bytes;
        }
    }

    /// <summary>Adds <paramref name="fingerprint"/>; true when it was not there yet.</summary>
    public bool Add(long fingerprint) => AddOrMin(fingerprint, 0) == AddResult.Added;

    /// <summary>True when <paramref name="fingerprint"/> is held.</summary>
    public bool Contains(long fingerprint) => TryGetValue(fingerprint, out _);

    /// <summary>
    /// Adds <paramref name="fingerprint"/> with <paramref name="value"/>, or, when it is held with a
    /// larger value, lowers that value to <paramref name="value"/>.
    /// </summary>
    public AddResult AddOrMin(long fingerprint, long value)
    {
        var stripe = StripeOf(ref fingerprint);
        lock (stripe)
        {
            var slot = stripe.Find(fingerprint);
            var keys = stripe.Keys;
            if (keys[slot] == fingerprint)
            {
                if (!_values || stripe.Values![slot] <= value) return AddResult.Held;
                stripe.Values[slot] = value;
                return AddResult.Lowered;
            }
            keys[slot] = fingerprint;
            if (_values) stripe.Values![slot] = value;
            Volatile.Write(ref stripe.Count, stripe.Count + 1);
            if (stripe.Count * 4L > keys.Length * 3L) stripe.Grow();
            return AddResult.Added;
        }
    }

    /// <summary>The value held with <paramref name="fingerprint"/> (0 in a table without values).</summary>
    public bool TryGetValue(long fingerprint, out long value)
    {
        var stripe = StripeOf(ref fingerprint);
        lock (stripe)
        {
            var slot = stripe.Find(fingerprint);
            var found = stripe.Keys[slot] == fingerprint;
            value = found && _values ? stripe.Values![slot] : 0;
            return found;
        }
    }

    private Stripe StripeOf(ref long fingerprint)
    {
        if (fingerprint == 0) fingerprint = 1;
        return _stripes[(ulong)fingerprint >> (64 - StripeBits)];
    }

    /// <summary>Every (fingerprint, value) pair of stripe <paramref name="stripe"/> (0 to 255), in slot order; not thread-safe against writers.</summary>
    public IEnumerable<(long Fingerprint, long Value)> Entries(int stripe)
    {
        var s = _stripes[stripe];
        for (var slot = 0; slot < s.Keys.Length; slot++)
            if (s.Keys[slot] != 0) yield return (s.Keys[slot], _values ? s.Values![slot] : 0);
    }

    /// <summary>The number of stripes, for <see cref="Entries"/>.</summary>
    public static int Stripes => 1 << StripeBits;

    // The top byte picks the stripe, so the slot comes from the other bits: mixed, then scaled to
    // the capacity (a multiply and a shift instead of a modulo, so any capacity works). Tables with
    // values mix with another constant: the checker copies one into the other in slot order, and
    // with one constant that order would be sorted by home slot, which linear probing handles badly.
    private static int Slot(long fingerprint, int capacity, ulong mix) => (int)(((ulong)fingerprint * mix >> 32) * (ulong)capacity >> 32);

    private static int Next(int slot, int capacity) => slot + 1 == capacity ? 0 : slot + 1;

    /// <summary>What <see cref="AddOrMin"/> did.</summary>
    public enum AddResult
    {
        /// <summary>The fingerprint is new.</summary>
        Added,

        /// <summary>It was held with a value no larger: nothing changed.</summary>
        Held,

        /// <summary>It was held with a larger value, now lowered.</summary>
        Lowered,
    }

    private sealed class Stripe(int capacity, bool values)
    {
        private readonly ulong _mix = values ? 0xD6E8FEB86659FD93UL : 0x9E3779B97F4A7C15UL;

        public long[] Keys = new long[capacity];
        public long[]? Values = values ? new long[capacity] : null;
        public int Count;

        // The fingerprint's slot, or the empty slot where it would go (there is always one: the
        // stripe grows before it is full).
        public int Find(long fingerprint)
        {
            var slot = Slot(fingerprint, Keys.Length, _mix);
            while (Keys[slot] != fingerprint && Keys[slot] != 0) slot = Next(slot, Keys.Length);
            return slot;
        }

        public void Grow()
        {
            var keys = new long[Keys.Length + Keys.Length / 2];
            var vals = Values is null ? null : new long[keys.Length];
            // Copied in 64 interleaved passes, not in slot order: slot order is home order in the new
            // table too, and inserting in home order makes linear probing walk long runs.
            for (var pass = 0; pass < 64; pass++)
            {
                for (var i = pass; i < Keys.Length; i += 64)
                {
                    var key = Keys[i];
                    if (key == 0) continue;
                    var slot = Slot(key, keys.Length, _mix);
                    while (keys[slot] != 0) slot = Next(slot, keys.Length);
                    keys[slot] = key;
                    if (vals is not null) vals[slot] = Values![i];
                }
            }
            Values = vals;
            Volatile.Write(ref Keys, keys);
        }
    }
}
