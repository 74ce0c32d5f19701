namespace KevySpec.Load.Nemesis;

/// <summary>
/// One node process's memory and send queue over its life: resident set first (once settled), last and
/// highest, and how far the last drifted from the first. Samples of the first <see cref="SettleTime"/> of a
/// process are left out: a young node process steps up by 4–6 MB once or twice in its first minute, whenever it
/// first meets a new kind of fault (the runtime's JIT tiering, thread pool and heap growth), and is flat after.
/// </summary>
/// <param name="Node">The node.</param>
/// <param name="Incarnation">Which process of the node (1, then one more per restart).</param>
/// <param name="From">Run time of the first settled sample.</param>
/// <param name="To">Run time of the last sample.</param>
/// <param name="FirstBytes">Resident set at <paramref name="From"/>.</param>
/// <param name="LastBytes">Resident set at <paramref name="To"/>.</param>
/// <param name="MaxBytes">The highest resident set sampled (settled).</param>
/// <param name="SendQueueMaxBytes">The most bytes its namespace's send queues held at one sample (all samples).</param>
/// <param name="HeapFirstBytes">Its managed heap after a GC at the first settled sample that has one, or null.</param>
/// <param name="HeapLastBytes">Its managed heap after a GC at the last sample that has one, or null.</param>
public sealed record NodeMemory(string Node, int Incarnation, TimeSpan From, TimeSpan To, long FirstBytes, long LastBytes, long MaxBytes, long SendQueueMaxBytes,
    long? HeapFirstBytes = null, long? HeapLastBytes = null)
{
    /// <summary>Samples this soon after a process's first are not used for its resident set.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(60);

    /// <summary>An incarnation must have lived this long after settling for its drift to count toward the flatness verdict.</summary>
    public static readonly TimeSpan JudgedAfter = TimeSpan.FromSeconds(60);

    /// <summary>(last − first) / first, in percent.</summary>
    public double DriftPercent => FirstBytes == 0 ? 0 : 100.0 * (LastBytes - FirstBytes) / FirstBytes;

    /// <summary>(max − first) / first, in percent.</summary>
    public double PeakPercent => FirstBytes == 0 ? 0 : 100.0 * (MaxBytes - FirstBytes) / FirstBytes;

    /// <summary>True when the process lived long enough (settled) for its drift to be judged.</summary>
    public bool Judged => To - From >= JudgedAfter;

    /// <summary>Per node and incarnation, in node then incarnation order; incarnations with no settled sample are left out.</summary>
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
                if (settled.Length == 0) continue;
                var heaps = settled.Where(s => s.HeapBytes is > 0).ToArray();
                result.Add(new NodeMemory(node, life.Key, settled[0].At, settled[^1].At, settled[0].ResidentBytes, settled[^1].ResidentBytes,
                    settled.Max(s => s.ResidentBytes), all.Max(s => s.SendQueueBytes), heaps.FirstOrDefault()?.HeapBytes, heaps.LastOrDefault()?.HeapBytes));
            }
        return result;
    }
}
