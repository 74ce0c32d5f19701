namespace KevySpec.Wire;

/// <summary>The four verbs as they are written on the wire (uppercase).</summary>
public static class WireVerbs
{
    /// <summary>The heartbeat verb.</summary>
    public const string Heartbeat = "HB";

    /// <summary>The candidacy verb.</summary>
    public const string Offer = "OFFER";

    /// <summary>The vote verb.</summary>
    public const string Accept = "ACCEPT";

    /// <summary>The victory verb.</summary>
    public const string Announce = "ANNOUNCE";

    /// <summary>The verb of <paramref name="message"/>.</summary>
    public static string Of(ElectionMessage message) => message switch
    {
        KevySpec.Heartbeat => Heartbeat,
        KevySpec.Offer => Offer,
        KevySpec.Accept => Accept,
        KevySpec.Announce => Announce,
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"not an election message: {message.GetType()}", nameof(message)),
    };
}
