using System.Text.Json;
using System.Text.Json.Serialization;

namespace KevySpec.Load.Fleet;

/// <summary>The JSON form of <see cref="HostMessage"/> lines.</summary>
public static class HostJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One line of JSON (no newline).</summary>
    public static string Write(HostMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>The message on <paramref name="line"/>.</summary>
    /// <exception cref="FormatException">The line is not a host message.</exception>
    public static HostMessage Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<HostMessage>(line, Options) ?? throw new FormatException("an empty message");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            throw new FormatException($"not a host message ({e.Message}): {(line.Length > 200 ? line[..200] + "…" : line)}", e);
        }
    }
}
