using KevySpec.Checking;
using KevySpec.Simulation;
using Xunit.Abstractions;

namespace KevySpec.Tests.Checking;

public sealed class ExploreBrokenTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("voter-ignores-offset")]
    [InlineData("no-grace-for-known-primary")]
    
    
    
    [InlineData("quorum-of-two")]
    public void Explore(string name)
    {
        var d = KevySpec.BrokenSpecs.GeneratedElectors.Find(name)!;
        foreach (var n in new[] { 3, 4, 5 })
        {
            var s = DefaultCheckScan.FirstFailing(d, seed => DefaultCheckScan.Sim(n, seed), null);
            output.WriteLine($"{name} sim n={n}: {s?.Seed} {s?.Violation}");
            var w = DefaultCheckScan.FirstFailing(d, seed => Swarm.Options(n, seed), null);
            output.WriteLine($"{name} swarm n={n}: {w?.Seed} {w?.Violation}");
        }
    }
}
