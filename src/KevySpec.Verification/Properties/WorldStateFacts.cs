using KevySpec.Checking;

namespace KevySpec.Properties;

/// <summary>
/// The facts of one model state (<see cref="WorldState"/>), in the model checker's abstract time:
/// contact is read from the views, whose instants are relative to <see cref="AbstractTime.Present"/>.
/// </summary>
internal readonly struct WorldStateFacts(WorldState state, IReadOnlyList<string> members, ElectConfig config) : IClusterFacts
{
    public int Count => members.Count;

    public string Member(int node) => members[node];

    public NodeFacts Node(int node) => state.Nodes[node] is { } s ? new NodeFacts(true, false, s.Role, s.Epoch, s.CurrentPrimary) : NodeFacts.Down;

    public ContactKnowledge Contact => ContactKnowledge.FromViews;

    public bool HeardLately(int listener, int speaker, bool claimingPrimary)
    {
        if (state.Nodes[listener] is not { } s) return false;
        var id = members[speaker];
        var views = s.Views;
        for (var i = 0; i < views.Count; i++)
            if (views[i] is var (peer, view) && peer == id && (!claimingPrimary || view.Role == Role.Primary)
                && AbstractTime.Present - view.LastHeartbeat <= config.HbInterval)
                return true;
        return false;
    }
}
