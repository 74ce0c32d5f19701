using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace KevySpec.Load.Nemesis;

/// <summary>
/// The names and addresses of one nemesis run's network: a switch namespace holding a bridge, and one
/// namespace per node linked to it by a veth pair, every name starting with <c>ksn-&lt;pid&gt;-&lt;run&gt;-</c>
/// (the runner's process id, so a later run can tell a crashed run's leftovers from a live run's).
/// Addresses come from 198.18.0.0/24 (RFC 2544's benchmarking range) and exist only inside those namespaces.
/// </summary>
public sealed partial record LabNames(string Prefix)
{
    /// <summary>What every namespace of every nemesis run starts with.</summary>
    public const string Family = "ksn-";

    /// <summary>The bridge inside the switch namespace.</summary>
    public const string Bridge = "br0";

    /// <summary>A node's end of its veth pair, inside the node's namespace.</summary>
    public const string NodeLink = "eth0";

    /// <summary>The port every node listens on (each namespace has its own ports).</summary>
    public const int Port = 7000;

    /// <summary>The most nodes a lab holds (addresses .1 to .200).</summary>
    public const int MaxNodes = 200;

    /// <summary>The names of run <paramref name="run"/> of process <paramref name="pid"/>.</summary>
    public static LabNames For(int pid, int run) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Family}{pid}-{run}"));

    /// <summary>The switch namespace.</summary>
    public string Switch => $"{Prefix}-sw";

    /// <summary>Node <paramref name="id"/>'s namespace.</summary>
    public string Namespace(string id) => $"{Prefix}-{id}";

    /// <summary>The bridge port (the switch side of the veth pair) of node <paramref name="id"/>; at most 15 characters, as Linux wants.</summary>
    public static string SwitchPort(string id) => $"p-{id}";

    /// <summary>The address of the node at <paramref name="index"/> (0-based member index): 198.18.0.(index + 1).</summary>
    public static IPAddress Address(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxNodes);
        return new IPAddress([198, 18, 0, (byte)(index + 1)]);
    }

    /// <summary>The process id that owns namespace <paramref name="name"/> if it is a nemesis run's, else null.</summary>
    public static int? OwnerOf(string name)
    {
        var match = OwnedName().Match(name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    [GeneratedRegex(@"^ksn-([0-9]{1,9})-[0-9]{1,9}-[A-Za-z0-9._-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnedName();
}
