namespace KevySpec.Load.Nemesis;

/// <summary>
/// One node process's memory and send queue over its life: resident set first (once settled), last and
/// highest, and how far the last drifted from the first. Resident-set figures leave out the first
/// <see cref="SettleTime"/> of a process: a young node process steps up by 4–6 MB once or twice in its first minute,
/// whenever it first meets a new kind of fault (the runtime's JIT tiering, thread pool and heap growth), and is flat
/// after. The send queue and the heap are read over the whole life, so a process that never settles (a short run, a
/// node killed and restarted) still has its row.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Incarnation">Which process of the node (1, then one more per restart).</param>
/// <param name="From">Run time of its first sample.</param>
/// <param name="To">Run time of its last sample.</param>
/// <param name="SettledFrom">Run time of its first settled sample, or null when it never settled.</param>
/// <param name="FirstBytes">Resident set at <paramref name="SettledFrom"/>, or null.</param>
/// <param name="LastBytes">Resident set at <paramref name="To"/> when settled, or null.</param>
/// <param name="MaxBytes">The highest settled resident set, or null.</param>
/// <param name="SendQueueMaxBytes">The most bytes its namespace's send queues held at one sample (all samples).</param>
/// <param name="HeapFirstBytes">Its managed heap after a GC at the first sample that has one, or null.</param>
/// <param name="HeapLastBytes">Its managed heap after a GC at the last sample that has one, or null.</param>
public sealed record NodeMemory(string Node, int Incarnation, TimeSpan From, TimeSpan To, TimeSpan? SettledFrom, long? FirstBytes, long? LastBytes, long? MaxBytes,
    long SendQueueMaxBytes, long? HeapFirstBytes = null, long? HeapLastBytes = null)
{
    /// <summary>Samples this soon after a process's first are not used for its resident set.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(60);

    /// <summary>An incarnation must have lived this long after settling for its drift to count toward the flatness verdict.</summary>
    public static readonly TimeSpan JudgedAfter = TimeSpan.FromSeconds(60);

    /// <summary>True when the process lived past <see cref="SettleTime"/>, so that it has resident-set figures.</summary>
    public bool Settled => SettledFrom is not null;

    /// <summary>(last − first) / first, in percent; null when not settled.</summary>
    public double? DriftPercent => FirstBytes is > 0 && LastBytes is { } last ? 100.0 * (last - FirstBytes.Value) / FirstBytes.Value : null;

    /// <summary>(max − first) / first, in percent; null when not settled.</summary>
    public double? PeakPercent => FirstBytes is > 0 && MaxBytes is { } max ? 100.0 * (max - FirstBytes.Value) / FirstBytes.Value : null;

    /// <summary>True when the process lived long enough after settling for its drift to be judged.</summary>
    public bool Judged => SettledFrom is { } settled && To - settled >= JudgedAfter;

    /// <summary>Per node and incarnation, in node then incarnation order: every process with a sample.</summary>
    public static IReadOnlyList<NodeMemory> Of(IReadOnlyList<NodeSample> samples, IReadOnlyList<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(nodes);
        var result = new List<NodeMemory>();
        foreach (var node in nodes)
            foreach (var life in samples.Where(s => s.Node == node).GroupBy(s => s.Incarnation).OrderBy(g => g.Key))
            {
                var all = life.OrderBy(s => s.At).ToArray();
                var settled = all.Where(s => s.At - all[0].At >= SettleTime).ToArray();
                var heaps = all.Where(s => s.HeapBytes is > 0).ToArray();
                var any = settled.Length > 0;
                result.Add(new NodeMemory(node, life.Key, all[0].At, all[^1].At, any ? settled[0].At : null,
                    any ? settled[0].ResidentBytes : null, any ? settled[^1].ResidentBytes : null, any ? settled.Max(s => s.ResidentBytes) : null,
                    all.Max(s => s.SendQueueBytes), heaps.FirstOrDefault()?.HeapBytes, heaps.LastOrDefault()?.HeapBytes));
            }
        return result;
    }
}
