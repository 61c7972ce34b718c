using ActorZk.Protocol;

namespace ActorZk.Client.Watches;

/// <summary>The local side of removeWatches/checkWatches, applied when the reply arrives (ZooKeeper's WatchDeregistration).</summary>
/// <param name="ServerPath">The path as the server knows it.</param>
/// <param name="Watcher">The watcher to remove, or <see langword="null"/> for all watchers of the path.</param>
/// <param name="Type">Which watches.</param>
/// <param name="Local">Remove locally even when the server fails the request (for example while disconnected).</param>
internal sealed record WatchRemoval(string ServerPath, IWatcher? Watcher, WatcherType Type, bool Local);
