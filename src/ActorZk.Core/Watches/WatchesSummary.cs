namespace ActorZk.Core.Watches;

/// <summary>The counts the <c>wchs</c> four-letter word prints.</summary>
/// <param name="NumConnections">Watchers known to the manager (ZooKeeper keeps a watcher counted until it disconnects, even with no watch left).</param>
/// <param name="NumPaths">Paths with at least one watch.</param>
/// <param name="TotalWatches">(watcher, path) pairs.</param>
public readonly record struct WatchesSummary(int NumConnections, int NumPaths, int TotalWatches);
