// The cluster tests run on real sockets and real time with small timings: run them one at a time
// so that a busy 2-core machine does not starve a node into a spurious failover.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
