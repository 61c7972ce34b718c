using ActorZk.Cli.Formatting;
using ActorZk.Client;
using ActorZk.Protocol;

namespace ActorZk.Cli.Tests.Formatting;

public sealed class WatchedEventTextTests
{
    [Fact]
    public void Prints_the_block_of_zkClis_watcher()
        => Assert.Equal(
            "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:NodeDataChanged path:/x\n",
            WatchedEventText.Block(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/x", 42)));

    [Fact]
    public void Prints_a_missing_path_as_null()
        => Assert.Equal(
            "WatchedEvent state:Closed type:None path:null",
            WatchedEventText.Describe(new WatchedEvent(EventType.None, KeeperState.Closed, null)));
}
