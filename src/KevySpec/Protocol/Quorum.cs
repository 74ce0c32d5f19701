using System.Runtime.CompilerServices;

namespace KevySpec;

/// <summary>
/// The protocol's majority rule, written once: the elector counts votes and fresh views with it,
/// the verification tools judge liveness, settledness and fault budgets with it.
/// </summary>
public static class Quorum
{
    /// <summary>The size of a majority of <paramref name="members"/> nodes: <c>members / 2 + 1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(int members) => members / 2 + 1;

    /// <summary>True when <paramref name="count"/> nodes are a majority of <paramref name="members"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMajority(int count, int members) => count >= Of(members);
}
