using System.Globalization;
using KevySpec.Checking;

namespace KevySpec.Properties;

/// <summary>
/// The <c>no-disruption</c> invariant, step by step: once the cluster is settled
/// (<see cref="ClusterProperties.Settled"/>), nobody may stand while the settled primary lives and
/// stays primary, and it may not be deposed. Fed after every step once armed (the simulator once
/// faults stopped and late messages landed; a replayed counterexample from the point the model found settled).
/// </summary>
public sealed class NoDisruptionWatch
{
    private int _primary = -1;
    private TimeSpan _settledAt;

    /// <summary>The settled primary (member index) while there is one, otherwise −1.</summary>
    public int SettledPrimary => _primary;

    /// <summary>
    /// Judges the cluster after one step at <paramref name="now"/>, in which <paramref name="node"/>
    /// sent <paramref name="sent"/>: the violation, or null (and the watch arms when the cluster is settled).
    /// </summary>
    public Violation? Step<T>(in T facts, string node, IReadOnlyList<Outbound>? sent, TimeSpan now) where T : IClusterFacts
    {
        // With fewer than a majority alive the primary is cut off from a quorum: no settled cluster.
        if (!ClusterProperties.MajorityAlive(facts))
        {
            _primary = -1;
            return null;
        }
        if (_primary < 0)
        {
            _primary = ClusterProperties.Settled(facts);
            _settledAt = now;
            return null;
        }
        var primary = facts.Member(_primary);
        if (sent is not null)
            foreach (var item in sent)
                if (item.Message is Offer offer && offer.CandidateId == node)
                    return new Violation(InvariantNames.NoDisruption, string.Create(CultureInfo.InvariantCulture,
                        $"{node} stands (OFFER {offer.Epoch}) while {primary}, known to every live node since {StepNarrator.Seconds(_settledAt)}, is alive and connected"));
        var state = facts.Node(_primary);
        if (!state.Alive) _primary = -1;
        else if (state.Role != Role.Primary)
            return new Violation(InvariantNames.NoDisruption, string.Create(CultureInfo.InvariantCulture,
                $"{primary}, known to every live node since {StepNarrator.Seconds(_settledAt)}, is deposed while alive and connected (now {state.Role.ToWire()} at epoch {state.Epoch})"));
        return null;
    }
}
