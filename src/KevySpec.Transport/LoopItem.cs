namespace KevySpec.Transport;

// One unit of work for the elector loop: an inbound frame, or a wake-up (timer due, offset changed).
internal sealed record LoopItem(string? From, ElectionMessage? Message)
{
    public static LoopItem Wake { get; } = new(null, null);
}
