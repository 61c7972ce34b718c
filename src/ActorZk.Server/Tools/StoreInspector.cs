using ActorZk.Core;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Server.Configuration;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorZk.Server.Tools;

/// <summary>
/// Reads a member's stored state for people, as ZooKeeper's zkTxnLogToolkit and zkSnapShotToolkit do:
/// <c>log</c> lists every logged txn, <c>snapshot</c> dumps the newest snapshot, <c>tree</c> dumps the tree a
/// restart would recover (snapshot + log). It never writes and takes no lock, so it works beside a running server.
/// </summary>
public static class StoreInspector
{
    public const string Usage = "usage: ActorZk.Server inspect log|snapshot|tree path/to/zoo.cfg";

    public static async Task<int> RunAsync(string what, ServerConfig config, TextWriter output)
    {
        using var storage = StorageSetup.Open(config, forInspection: true);
        var hocon = StorageSetup.LoadHocon("actorzk.conf").WithFallback(storage.Hocon);
        using var system = ActorSystem.Create("actorzk-inspect", BootstrapSetup.Create().WithConfig(hocon).And(storage.DataOptions));
        try
        {
            switch (what)
            {
                case "log":
                    await DumpLogAsync(system, output);
                    return 0;
                case "snapshot":
                    await DumpSnapshotAsync(system, config, output);
                    return 0;
                case "tree":
                    await DumpRecoveredTreeAsync(system, config, output);
                    return 0;
                default:
                    await output.WriteLineAsync(Usage);
                    return 2;
            }
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static async Task DumpLogAsync(ActorSystem system, TextWriter output)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var count = 0;
        await journal.CurrentEventsByPersistenceId(TxnLogActor.LogPersistenceId, 0, long.MaxValue)
            .RunForeach(
                envelope =>
                {
                    count++;
                    var line = envelope.Event switch
                    {
                        LoggedTxn txn => TxnText.Format(TxnCodec.Decode(txn.Bytes, out var body), body),
                        TruncationMarker marker => $"-- every txn after zxid 0x{marker.Zxid:x} above is abandoned",
                        InstallMarker marker => $"-- a snapshot at zxid 0x{marker.Zxid:x} from the leader replaces everything above (if stored at this number)",
                        var other => $"-- unknown record {other.GetType().Name}",
                    };
                    output.WriteLine($"#{envelope.SequenceNr} {line}");
                },
                system.Materializer());
        await output.WriteLineAsync($"{count} records");
    }

    private static async Task DumpSnapshotAsync(ActorSystem system, ServerConfig config, TextWriter output)
    {
        var store = Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var result = await store.Ask<LoadSnapshotResult>(
            new LoadSnapshot(TxnLogActor.LogPersistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue),
            TimeSpan.FromMinutes(5));
        if (result.Snapshot?.Snapshot is not TreeSnapshot snapshot)
        {
            await output.WriteLineAsync("No snapshot has been taken yet");
            return;
        }

        await output.WriteLineAsync($"Snapshot at zxid 0x{snapshot.Zxid:x}, sequence number {result.Snapshot.Metadata.SequenceNr}, taken {result.Snapshot.Metadata.Timestamp:u}");
        DumpTree(DataTree.Deserialize(new MemoryStream(snapshot.Bytes, writable: false), Options(config)), output);
    }

    private static async Task DumpRecoveredTreeAsync(ActorSystem system, ServerConfig config, TextWriter output)
    {
        var inbox = Inbox.Create(system);
        system.ActorOf(TxnLogActor.Props(inbox.Receiver, Options(config), config.AutopurgeSnapRetainCount, TimeSpan.Zero, NullLogger.Instance));
        var recovered = (LogRecovered)await inbox.ReceiveAsync(TimeSpan.FromMinutes(10));
        await output.WriteLineAsync(
            $"Recovered from {(recovered.SnapshotZxid == 0 ? "no snapshot" : $"the snapshot at zxid 0x{recovered.SnapshotZxid:x}")} and {recovered.TxnsReplayed} txns in {recovered.Elapsed.TotalMilliseconds:F0} ms");
        DumpTree(recovered.Tree, output);
    }

    private static CoreOptions Options(ServerConfig config) => new() { ExtendedTypesEnabled = config.ExtendedTypesEnabled };

    private static void DumpTree(DataTree tree, TextWriter output)
    {
        output.WriteLine($"zxid 0x{tree.LastProcessedZxid:x}, {tree.NodeCount} znodes (the root counts twice, as in ZooKeeper), {tree.Sessions.Count} sessions");
        foreach (var (session, timeout) in tree.Sessions.OrderBy(s => s.Key))
        {
            output.WriteLine($"session 0x{session:x} timeout {timeout} ms, {tree.GetEphemerals(session).Count} ephemerals");
        }

        var pending = new Stack<string>();
        pending.Push("/");
        while (pending.Count > 0)
        {
            var path = pending.Pop();
            var node = tree.GetNode(path);
            if (node is null)
            {
                continue;
            }

            var stat = tree.GetStat(node);
            tree.GetData(path, null, out var data, out _);
            output.WriteLine(path);
            output.WriteLine($"  cZxid = 0x{stat.Czxid:x} mZxid = 0x{stat.Mzxid:x} pZxid = 0x{stat.Pzxid:x} version = {stat.Version} cversion = {stat.Cversion} aversion = {stat.Aversion} ephemeralOwner = 0x{stat.EphemeralOwner:x} numChildren = {stat.NumChildren}");
            output.WriteLine($"  {TxnText.Data(data)}");
            tree.GetChildren(path, null, out var children, out _);
            foreach (var child in children.Order(StringComparer.Ordinal).Reverse())
            {
                pending.Push(path == "/" ? "/" + child : path + "/" + child);
            }
        }
    }
}
