using System.Collections.Generic;
using System.Linq;

namespace KevySpec.Generators.Analysis;

/// <summary>The message triggers of the protocol, and the runtime types that carry them.</summary>
internal static class Triggers
{
    public sealed record Message(string Name, string TypeName, string Variable)
    {
        public string FullTypeName => "KevySpec." + TypeName;
    }

    public static readonly IReadOnlyList<Message> Messages =
    [
        new("hb", "Heartbeat", "hb"),
        new("offer", "Offer", "offer"),
        new("accept", "Accept", "accept"),
        new("announce", "Announce", "announce"),
    ];

    public static Message? FindMessage(string name) => Messages.FirstOrDefault(m => m.Name == name);

    /// <summary>The roles the runtime knows, in declaration order of <c>KevySpec.Role</c>.</summary>
    public static readonly IReadOnlyList<string> Roles = ["Replica", "Candidate", "Primary"];
}
