namespace KevySpec.BrokenSpecs;

// The deliberately broken vocabulary of quorum-of-two.spec.md: the quorum is hard-coded for three
// members. Not part of the elector's snapshot: the simulator drives it (the exhaustive checker
// restores electors from snapshots and would lose it).
public sealed partial class QuorumOfTwoElector
{
    private readonly HashSet<(ulong Epoch, string Voter)> _ballots = [];

    /// <summary><c>count-ballot</c>: remember the ACCEPT's epoch and voter.</summary>
    private void CountBallot(Accept accept) => _ballots.Add((accept.Epoch, accept.VoterId));

    /// <summary><c>ballot-quorum-reached</c>: another voter at our epoch besides this candidate.</summary>
    private bool BallotQuorumReached() => _ballots.Any(b => b.Epoch == Epoch && b.Voter != NodeId);
}
