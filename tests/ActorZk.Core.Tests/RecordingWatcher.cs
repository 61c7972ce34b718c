using ActorZk.Core.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests;

/// <summary>A watcher that records what it receives.</summary>
internal sealed class RecordingWatcher(long sessionId = 1, IReadOnlyList<Id>? authInfo = null) : IWatcher
{
    public List<WatchedEvent> Events { get; } = [];

    public long SessionId { get; } = sessionId;

    public IReadOnlyList<Id> AuthInfo { get; set; } = authInfo ?? [];

    public bool IsStale { get; set; }

    public void Process(in WatchedEvent watchedEvent) => Events.Add(watchedEvent);

    public IReadOnlyList<(EventType Type, string Path)> Summary()
        => Events.Select(e => (e.Type, e.Path)).ToList();
}
