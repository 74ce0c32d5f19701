namespace KevySpec;

/// <summary>The role an elector perceives itself in.</summary>
public enum Role
{
    /// <summary>Follows a primary and may stand as a candidate when it goes DOWN.</summary>
    Replica,

    /// <summary>Asked the cluster for votes in its epoch and waits for a quorum.</summary>
    Candidate,

    /// <summary>Won (or was declared) the election: the node that accepts writes.</summary>
    Primary,
}

/// <summary>Wire names of <see cref="Role"/> (lowercase, as in PROTOCOL.md).</summary>
public static class Roles
{
    /// <summary>The lowercase wire name of a role: <c>primary</c>, <c>replica</c> or <c>candidate</c>.</summary>
    public static string ToWire(this Role role) => role switch
    {
        Role.Primary => "primary",
        Role.Replica => "replica",
        Role.Candidate => "candidate",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };

    /// <summary>Parses a wire role name, case-insensitively; null when it is not one.</summary>
    public static Role? TryParse(ReadOnlySpan<char> text)
    {
        if (text.Equals("primary", StringComparison.OrdinalIgnoreCase)) return Role.Primary;
        if (text.Equals("replica", StringComparison.OrdinalIgnoreCase)) return Role.Replica;
        if (text.Equals("candidate", StringComparison.OrdinalIgnoreCase)) return Role.Candidate;
        return null;
    }
}
