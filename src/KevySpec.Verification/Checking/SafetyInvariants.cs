using System.Globalization;

namespace KevySpec.Checking;

// The safety invariants of the spec files, one method each, checked after every step of one node.
// Each returns the violation it found (in plain words) or null; those that need history advance it.
internal static class SafetyInvariants
{
    /// <summary>At most one node announces itself (wins) per epoch.</summary>
    public static Violation? ElectionSafety(in StepFacts facts, ref SafetyGhost ghost)
    {
        foreach (var item in facts.Out)
        {
            if (item.Message is not Announce announce || announce.PrimaryId != facts.NodeId) continue;
            var winner = ghost.WinnerOf(announce.Epoch);
            if (winner == facts.Node) continue;
            if (winner >= 0)
                return new(InvariantNames.ElectionSafety,
                    $"{facts.NodeId} announces itself primary of epoch {N(announce.Epoch)}, which {facts.Members[winner]} already won");
            ghost = ghost.WithWinner(announce.Epoch, facts.Node);
        }
        return null;
    }

    /// <summary>No two live nodes are primary at the same epoch.</summary>
    public static Violation? SinglePrimary(in StepFacts facts)
    {
        var nodes = facts.Nodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (!nodes[i].Alive || nodes[i].Role != Role.Primary) continue;
            for (var j = i + 1; j < nodes.Length; j++)
                if (nodes[j].Alive && nodes[j].Role == Role.Primary && nodes[j].Epoch == nodes[i].Epoch)
                    return new(InvariantNames.SinglePrimary,
                        $"{facts.Members[i]} and {facts.Members[j]} are both primary at epoch {N(nodes[i].Epoch)}");
        }
        return null;
    }

    /// <summary>
    /// A node votes for one candidate per epoch, across restarts: an OFFER it sends is a vote for
    /// itself, an ACCEPT a vote for the OFFER's candidate; each must be in its store by the end of the step.
    /// </summary>
    public static Violation? OneVotePerEpoch(in StepFacts facts, ref SafetyGhost ghost)
    {
        foreach (var item in facts.Out)
        {
            var (epoch, candidate, offset, what) = item.Message switch
            {
                Offer offer when offer.CandidateId == facts.NodeId => (offer.Epoch, facts.NodeId, offer.ReplOffset, "stands (OFFER)"),
                Accept accept when accept.VoterId == facts.NodeId => (accept.Epoch, item.To, facts.Offset, $"votes for {item.To} (ACCEPT)"),
                _ => (0UL, "", 0UL, ""),
            };
            if (what.Length == 0) continue;
            var earlier = ghost.VoteOf(facts.Node, epoch);
            if (earlier is not null && earlier != candidate)
                return new(InvariantNames.OneVotePerEpoch,
                    $"{facts.NodeId} {what} in epoch {N(epoch)} after voting for {earlier} in that epoch");
            if (!SavedDuringStep(facts, new PersistedVote(epoch, candidate)))
                return new(InvariantNames.OneVotePerEpoch,
                    $"{facts.NodeId} {what} in epoch {N(epoch)} without persisting ({N(epoch)}, {candidate}); its store holds {Show(facts.StoreAfter)}");
            if (earlier is null) ghost = ghost.WithVote(facts.Node, epoch, candidate, offset);
        }
        return null;
    }

    /// <summary>A node's epoch never decreases, across restarts.</summary>
    public static Violation? EpochMonotonic(in StepFacts facts, ref SafetyGhost ghost)
    {
        if (facts.Kind == StepKind.Crash) return null;
        var highest = ghost.MaxEpoch[facts.Node];
        if (facts.EpochAfter < highest)
            return new(InvariantNames.EpochMonotonic,
                $"{facts.NodeId}'s epoch went back from {N(highest)} to {N(facts.EpochAfter)}{(facts.Kind == StepKind.Restart ? " on restart" : "")}");
        ghost = ghost.WithMaxEpoch(facts.Node, facts.EpochAfter);
        return null;
    }

    /// <summary>
    /// Every OFFER and ACCEPT is preceded (within its step) by the save it announces, every epoch
    /// change by a save of the new epoch made before the elector took it, and the store never lags
    /// behind the elector's epoch.
    /// </summary>
    public static Violation? DurableBeforeSend(in StepFacts facts)
    {
        if (facts.Kind == StepKind.Crash) return null;
        for (var i = 0; i < facts.Out.Count; i++)
        {
            var item = facts.Out[i];
            PersistedVote needed;
            if (item.Message is Offer offer && offer.CandidateId == facts.NodeId) needed = new(offer.Epoch, facts.NodeId);
            else if (item.Message is Accept accept && accept.VoterId == facts.NodeId) needed = new(accept.Epoch, item.To);
            else continue;
            if (!SavedBefore(facts, needed, i))
                return new(InvariantNames.DurableBeforeSend,
                    $"{facts.NodeId} sent {item.Message.GetType().Name.ToUpperInvariant()} for epoch {N(needed.Epoch)} before saving {Show(needed)}");
        }
        if (facts.Kind is StepKind.Tick or StepKind.Message && facts.EpochAfter != facts.EpochBefore)
        {
            var savedFirst = false;
            foreach (var save in facts.Saves)
                if (save.Vote.Epoch == facts.EpochAfter && save.EpochAtSave < facts.EpochAfter) savedFirst = true;
            if (!savedFirst)
                return new(InvariantNames.DurableBeforeSend,
                    $"{facts.NodeId} moved from epoch {N(facts.EpochBefore)} to {N(facts.EpochAfter)} without saving the new epoch first");
        }
        if (facts.EpochAfter > Math.Max(1UL, facts.StoreAfter.Epoch))
            return new(InvariantNames.DurableBeforeSend,
                $"{facts.NodeId} is at epoch {N(facts.EpochAfter)} but its store holds {Show(facts.StoreAfter)}");
        return null;
    }

    /// <summary>
    /// When a node announces itself winner of an epoch, none of the nodes that voted for it in that
    /// epoch had, when it voted, a higher offset than the one the winner's OFFER carried, or the same
    /// offset and a byte-wise smaller id: the votes went to the best candidate among its voters.
    /// </summary>
    public static Violation? BestCandidateWins(in StepFacts facts, SafetyGhost ghost)
    {
        foreach (var item in facts.Out)
        {
            if (item.Message is not Announce announce || announce.PrimaryId != facts.NodeId) continue;
            if (ghost.OffsetAtVote(facts.Node, announce.Epoch) is not { } offered || ghost.VoteOf(facts.Node, announce.Epoch) != facts.NodeId) continue;
            for (var voter = 0; voter < facts.Members.Count; voter++)
            {
                if (voter == facts.Node || ghost.VoteOf(voter, announce.Epoch) != facts.NodeId) continue;
                var offset = ghost.OffsetAtVote(voter, announce.Epoch)!.Value;
                var id = facts.Members[voter];
                if (offset > offered || (offset == offered && NodeIds.Compare(id, facts.NodeId) < 0))
                    return new(InvariantNames.BestCandidateWins,
                        $"{facts.NodeId} wins epoch {N(announce.Epoch)} with offset {N(offered)} in its OFFER, but voter {id} had offset {N(offset)} when it voted"
                        + (offset == offered ? $" and the smaller id" : ""));
            }
        }
        return null;
    }

    private static bool SavedDuringStep(in StepFacts facts, PersistedVote vote)
    {
        foreach (var save in facts.Saves)
            if (save.Vote == vote) return true;
        return false;
    }

    private static bool SavedBefore(in StepFacts facts, PersistedVote vote, int outIndex)
    {
        foreach (var save in facts.Saves)
            if (save.Vote == vote && save.SentBeforeSave <= outIndex) return true;
        return false;
    }

    private static string N(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Show(PersistedVote vote) => $"({N(vote.Epoch)}, {vote.VotedFor ?? "-"})";
}
