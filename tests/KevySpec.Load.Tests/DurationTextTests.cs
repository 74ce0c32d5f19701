using KevySpec.Load.Cli;

namespace KevySpec.Load.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("60s", 60_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("250us", 0.25)]
    [InlineData(" 10S ", 10_000)]
    [InlineData("1h", 3_600_000)]
    public void Parses_numbers_with_units(string text, double milliseconds)
    {
        var value = DurationText.TryParse(text, out var problem);

        Assert.Equal("", problem);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("60")]
    [InlineData("fast")]
    [InlineData("-5s")]
    [InlineData("5 sec")]
    [InlineData("")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        var value = DurationText.TryParse(text, out var problem);

        Assert.Null(value);
        Assert.Equal($"'{text}' is not a duration (a number followed by one of us, ms, s, m, h, e.g. 500ms or 60s)", problem);
    }

    [Theory]
    [InlineData(60_000, "1m")]
    [InlineData(45_000, "45s")]
    [InlineData(500, "500ms")]
    [InlineData(12.6, "12.6ms")]
    [InlineData(1500, "1.5s")]
    public void Formats_short(double milliseconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
}
