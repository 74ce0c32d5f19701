namespace KevySpec;

/// <summary>One message an elector wants sent: to a member id, or to <see cref="Broadcast"/>.</summary>
/// <param name="To">A member id, or <see cref="Broadcast"/> for every member but the sender.</param>
/// <param name="Message">The message.</param>
public readonly record struct Outbound(string To, ElectionMessage Message)
{
    /// <summary>The broadcast marker <c>*</c>: every member but self (the transport expands it).</summary>
    public const string Broadcast = "*";

    /// <summary>True when this item goes to every member but self.</summary>
    public bool IsBroadcast => To == Broadcast;
}
