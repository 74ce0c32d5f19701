namespace KevySpec.Tests.TestSupport;

/// <summary>Virtual instants for scenarios: <c>Ms(5000)</c> is 5 s after the arbitrary base.</summary>
internal static class Time
{
    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static TimeSpan Us(long microseconds) => TimeSpan.FromMicroseconds(microseconds);
}
