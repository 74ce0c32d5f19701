using System.Globalization;

namespace KevySpec.Wire;

/// <summary>
/// Messages as argv (a verb then its fields, all strings), the form the conformance traces carry
/// and the content of a RESP frame.
/// </summary>
public static class MessageArgv
{
    /// <summary>
    /// The argv of <paramref name="message"/>: the verb uppercase (<c>HB</c>, <c>OFFER</c>, <c>ACCEPT</c>,
    /// <c>ANNOUNCE</c>), numbers in invariant decimal, the role lowercase, ids and address as they are.
    /// </summary>
    public static string[] ToArgv(ElectionMessage message) => message switch
    {
        Heartbeat hb => [WireVerbs.Heartbeat, Num(hb.Epoch), hb.NodeId, hb.Role.ToWire(), Num(hb.ReplOffset)],
        Offer offer => [WireVerbs.Offer, Num(offer.Epoch), offer.CandidateId, Num(offer.ReplOffset)],
        Accept accept => [WireVerbs.Accept, Num(accept.Epoch), accept.VoterId],
        Announce announce => [WireVerbs.Announce, Num(announce.Epoch), announce.PrimaryId, announce.PrimaryAddr],
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"not an election message: {message.GetType()}", nameof(message)),
    };

    /// <summary>
    /// The message <paramref name="argv"/> describes, or why it describes none: <see cref="DecodeError.WrongShape"/>
    /// (no verb, unknown verb, wrong field count, empty field), <see cref="DecodeError.BadNumeric"/> or
    /// <see cref="DecodeError.BadRole"/>. Verbs and roles are case-insensitive; ids are not checked beyond non-empty.
    /// </summary>
    public static ArgvResult FromArgv(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var fields = new ArgvFields(argv);
        return MessageBuilder.Build(ref fields);
    }

    private static string Num(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
