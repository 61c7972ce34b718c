using ActorZk.Protocol.Records;

namespace ActorZk.Core.Watches;

/// <summary>
/// What the watch manager needs from a client connection. Watches are keyed by the watcher's reference
/// identity, so one connection object is one watcher.
/// </summary>
public interface IWatcher
{
    /// <summary>The connection's session id (for the wchc/wchp reports).</summary>
    long SessionId { get; }

    /// <summary>True once the connection is closed: ZooKeeper ignores new watches of a stale connection.</summary>
    bool IsStale { get; }

    /// <summary>Delivers one event. Called synchronously while a txn is applied; must only enqueue.</summary>
    void Process(in WatchedEvent watchedEvent);
}
