using ActorZk.Protocol;

namespace ActorZk.Client.Watches;

/// <summary>A watcher to register on a server path when the reply of the request that set the watch arrives.</summary>
/// <param name="Kind">Which watch table, and under which result codes.</param>
/// <param name="ServerPath">The watched path as the server knows it (chroot included).</param>
/// <param name="Watcher">The watcher.</param>
internal readonly record struct WatchRegistration(WatchKind Kind, string ServerPath, IWatcher Watcher)
{
    /// <summary>Whether the server left a watch for a reply with <paramref name="err"/>.</summary>
    /// <param name="err">The reply's error code.</param>
    /// <returns>True when the watch must be registered.</returns>
    public bool ShouldRegister(ErrorCode err) => Kind switch
    {
        // A missing node still gets an exists watch (it fires on creation); persistent watches do not need the node.
        WatchKind.Exists or WatchKind.Persistent or WatchKind.PersistentRecursive => err is ErrorCode.Ok or ErrorCode.NoNode,
        _ => err == ErrorCode.Ok,
    };
}
