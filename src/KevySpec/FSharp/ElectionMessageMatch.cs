namespace KevySpec;

/// <summary>
/// Exhaustive handling of the four election messages with one function per case, for callers
/// whose language cannot see that <see cref="ElectionMessage"/> is closed (an F# <c>match … with :?</c>
/// needs a wildcard case; this does not).
/// </summary>
public static class ElectionMessageMatch
{
    /// <summary>
    /// Calls the function for <paramref name="message"/>'s case and returns its result, e.g. from F#:
    /// <c>m.Match((fun hb -> …), (fun offer -> …), (fun accept -> …), (fun announce -> …))</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The message or a function is null.</exception>
    public static T Match<T>(this ElectionMessage message,
        Func<Heartbeat, T> heartbeat, Func<Offer, T> offer, Func<Accept, T> accept, Func<Announce, T> announce)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(announce);
        return message switch
        {
            Heartbeat hb => heartbeat(hb),
            Offer o => offer(o),
            Accept a => accept(a),
            Announce a => announce(a),
            null => throw new ArgumentNullException(nameof(message)),
            // Unreachable: the constructor is private protected and the four cases are sealed.
            _ => throw new ArgumentException($"not an election message: {message.GetType()}", nameof(message)),
        };
    }
}
