using BenchmarkDotNet.Running;

// `dotnet run -c Release --project load/KevySpec.Benchmarks -- --filter '*' --job short`
// (see README.md for the targets each benchmark is held to).
BenchmarkSwitcher.FromAssembly(typeof(KevySpec.Benchmarks.FiveNodeReplica).Assembly).Run(args, KevySpec.Benchmarks.BenchConfig.Create());
