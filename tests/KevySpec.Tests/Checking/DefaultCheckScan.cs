using KevySpec.Checking;
using KevySpec.Simulation;

namespace KevySpec.Tests.Checking;

/// <summary>
/// Finds the first run of the default <c>kevyspec check</c> configuration (seeds 1 … 1000 of one mode
/// and size) that breaks an invariant, stopping at the first batch with one, so a test can show the
/// default run finds a bug without running all of it.
/// </summary>
internal static class DefaultCheckScan
{
    /// <summary>Seeds per size and mode of the default run (<c>--seeds</c>).</summary>
    public const int DefaultSeeds = 1000;

    public static SimOptions Sim(int nodes, long seed) => new() { Nodes = nodes };

    /// <summary>The lowest seed in 1 … 1000 whose run breaks <paramref name="invariant"/> (or any invariant, when null), with its result; null when none does.</summary>
    public static SimResult? FirstFailing(ElectorDefinition definition, Func<long, SimOptions> options, string? invariant)
    {
        const int batch = 32;
        for (var first = 1L; first <= DefaultSeeds; first += batch)
        {
            var results = new SimResult?[batch];
            Parallel.For(0, (int)Math.Min(batch, DefaultSeeds - first + 1), i =>
            {
                var result = Simulator.Run(definition, options(first + i), first + i);
                if (result.Violation is { } v && (invariant is null || v.Invariant == invariant)) results[i] = result;
            });
            if (results.FirstOrDefault(r => r is not null) is { } found) return found;
        }
        return null;
    }
}
