using System.Diagnostics;

namespace KevySpec.Transport.Tests.Support;

/// <summary>Waits for a condition on real sockets, with a generous overall timeout (never asserts on elapsed time).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? state = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}" + (state is null ? "" : $"\n{state()}"));
            await Task.Delay(10);
        }
    }
}
