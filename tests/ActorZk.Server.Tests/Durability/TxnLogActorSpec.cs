using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// The txn log actor on its real journal (SQLite in a temp dataDir, configured as the server configures it),
/// with the TestKit's test actor as its peer. Each "restart" is a new actor system on the same dataDir, as a
/// new server process would be.
/// </summary>
public sealed class TxnLogActorSpec : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("actorzk-txnlog-").FullName;
    private readonly CapturingLogger logger = new();
    private readonly TxnScript script = new();

    public void Dispose() => Directory.Delete(dataDir, recursive: true);

    [Fact]
    public void LoggedTxnsAreAcknowledgedInOrderAndRecoveredAfterARestart()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            Assert.Equal(0, host.ExpectRecovered().Tree.LastProcessedZxid);
            Append(host, log, 1, 10);
            Append(host, log, 11, 12);
            Append(host, log, 13, 25);
        }

        var recovered = RecoverInANewHost();
        Assert.Equal(25, recovered.TxnsReplayed);
        Assert.Equal(0, recovered.SnapshotZxid);
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public async Task RowsWrittenByTheLogAreThePluginsOwnAndNumberedWithoutGaps()
    {
        // On SQLite the log writes its journal rows itself: the plugin's read side must see them as its own events.
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 10);
            log.Tell(new TruncateLogAfter(6), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            script.CutAfter(6);
            Append(host, log, 7, 9, branch: "b");

            var journal = PersistenceQuery.Get(host.Kit.Sys).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            var events = await journal.CurrentEventsByPersistenceId(TxnLogActor.LogPersistenceId, 0, long.MaxValue)
                .RunAggregate(new List<EventEnvelope>(), (list, e) => { list.Add(e); return list; }, host.Kit.Sys.Materializer());
            Assert.Equal(Enumerable.Range(1, 14).Select(i => (long)i), events.Select(e => e.SequenceNr));
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], events.Take(10).Select(e => ((LoggedTxn)e.Event).Zxid));
            Assert.Equal(6, Assert.IsType<TruncationMarker>(events[10].Event).Zxid);
            Assert.Equal([7, 8, 9], events.Skip(11).Select(e => ((LoggedTxn)e.Event).Zxid));
            Assert.All(events, e => Assert.InRange(DateTime.UtcNow.Ticks - e.Timestamp, 0, TimeSpan.FromMinutes(5).Ticks));
        }

        // A new incarnation continues the numbers from the plugin's highest.
        using (var host = Host())
        {
            var log = host.StartLog();
            AssertTree(script.TreeAt(), host.ExpectRecovered());
            Append(host, log, 10, 11, branch: "b");
        }

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), SqliteLongs("SELECT sequence_number FROM journal ORDER BY ordering"));
        AssertTree(script.TreeAt(), RecoverInANewHost());
    }

    [Fact]
    public void TruncateLogAfterCutsTheLaterTxnsAndAppendsAfterTheCutSurviveRestarts()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 20);

            log.Tell(new TruncateLogAfter(12), host.Kit.TestActor);
            Assert.Equal(12, host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30)).Zxid);
            script.CutAfter(12);

            // The same incarnation keeps logging after the cut, with the zxids the cut freed.
            Append(host, log, 13, 15, branch: "b");
        }

        using (var host = Host())
        {
            var log = host.StartLog();
            var recovered = host.ExpectRecovered();
            AssertTree(script.TreeAt(), recovered);
            Assert.Equal(15, recovered.Tree.LastProcessedZxid);
            Assert.Equal("b13", Data(recovered, "/n13"));
            Assert.Null(recovered.Tree.GetNode("/n16"));

            // And a restarted log appends after the recovered tail.
            Append(host, log, 16, 18, branch: "c");
        }

        var again = RecoverInANewHost();
        AssertTree(script.TreeAt(), again);
        Assert.Equal(18, again.Tree.LastProcessedZxid);
        Assert.Null(again.Tree.GetNode("/n19"));
        Assert.Null(again.Tree.GetNode("/n20"));
    }

    [Fact]
    public async Task RecoveryLoadsTheSnapshotAndReplaysOnlyTheTailAfterIt()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 20);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(20)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 20");
            Append(host, log, 21, 30);
        }

        var recovered = RecoverInANewHost();
        Assert.Equal(20, recovered.SnapshotZxid);
        Assert.Equal(10, recovered.TxnsReplayed);
        AssertTree(script.TreeAt(), recovered);
    }

    /// <summary>
    /// A follower cuts txns its leader never committed (issue 5's TRUNC). If a snapshot was taken after the cut
    /// point, recovery must not start from it: the snapshot holds the cut txns.
    /// </summary>
    [Fact]
    public async Task TruncateLogAfterAlsoCutsASnapshotTakenAfterTheZxid()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 20);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(15)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 15");

            log.Tell(new TruncateLogAfter(10), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            script.CutAfter(10);
        }

        var recovered = RecoverInANewHost();
        Assert.True(
            recovered.Tree.LastProcessedZxid == 10 && recovered.Tree.GetNode("/n11") is null,
            $"recovery after TruncateLogAfter(10) started from the snapshot at zxid 0x{recovered.SnapshotZxid:x} and reached zxid "
            + $"0x{recovered.Tree.LastProcessedZxid:x}: the snapshot still holds the cut txns 11..15 (the truncation marker only drops replayed txns)");
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public async Task PurgeKeepsTheNewestSnapshotsAndTheLogAfterTheOldestKept()
    {
        using (var host = Host())
        {
            // A short interval stands in for autopurge.purgeInterval's hours; the timer is the one the server uses.
            var log = host.StartLog(purgeInterval: TimeSpan.FromMilliseconds(300), snapRetainCount: 3);
            host.ExpectRecovered();
            await AppendTensWithSnapshotsAsync(host, log, 5);

            Append(host, log, 51, 57);

            // Newest three snapshots: 30, 40, 50; the log up to the oldest kept (30) goes.
            await logger.WaitForAsync("Purged the txn log up to sequence number 30");
        }

        Assert.Equal([30L, 40L, 50L], SqliteLongs("SELECT sequence_number FROM snapshot ORDER BY sequence_number"));
        Assert.Equal(31, SqliteLongs("SELECT MIN(sequence_number) FROM journal WHERE deleted = 0")[0]);

        var recovered = RecoverInANewHost();
        Assert.Equal(50, recovered.SnapshotZxid);
        Assert.Equal(7, recovered.TxnsReplayed);
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public async Task AnInstalledSnapshotReplacesAHistoryWithHigherZxidsAndRecoveryReplaysOnlyWhatFollowsIt()
    {
        var leader = new TxnScript();
        leader.Next(1, 25, "L");
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();

            // The learner's own history runs ahead of the leader's snapshot, with a snapshot of its own at 35.
            Append(host, log, 1, 40);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(35)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 35");

            log.Tell(new InstallSnapshot(leader.SnapshotAt(25)), host.Kit.TestActor);
            Assert.Equal(25, host.Kit.ExpectMsg<SnapshotInstalled>(TimeSpan.FromSeconds(30)).Zxid);
            Append(host, log, 26, 28, "L", leader);
        }

        using (var host = Host())
        {
            var log = host.StartLog();
            var recovered = host.ExpectRecovered();
            Assert.Equal(25, recovered.SnapshotZxid);
            Assert.Equal(3, recovered.TxnsReplayed);
            AssertTree(leader.TreeAt(), recovered);
            Assert.Null(recovered.Tree.GetNode("/n29"));

            // Appends go on after a restart, and the next restart still starts from the installed snapshot.
            Append(host, log, 29, 31, "L", leader);
        }

        var again = RecoverInANewHost();
        Assert.Equal(6, again.TxnsReplayed);
        AssertTree(leader.TreeAt(), again);
    }

    [Fact]
    public async Task TruncateLogAfterAnInstallCutsWithinTheNewHistoryAndRefusesToCutBelowIt()
    {
        var leader = new TxnScript();
        leader.Next(1, 25, "L");
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 30);
            log.Tell(new InstallSnapshot(leader.SnapshotAt(25)), host.Kit.TestActor);
            host.Kit.ExpectMsg<SnapshotInstalled>(TimeSpan.FromSeconds(30));
            Append(host, log, 26, 35, "L", leader);
            log.Tell(new SaveTreeSnapshot(leader.SnapshotAt(32)), host.Kit.TestActor);

            // 32's snapshot holds txns the cut drops; the cut waits for its save and deletes it.
            log.Tell(new TruncateLogAfter(28), host.Kit.TestActor);
            Assert.Equal(28, host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30)).Zxid);
            leader.CutAfter(28);
            Append(host, log, 29, 30, "M", leader);

            // Below the installed snapshot there is no history left to cut back to.
            log.Tell(new TruncateLogAfter(20), host.Kit.TestActor);
            var refused = host.Kit.ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(30));
            Assert.IsType<StorageException>(refused.Cause);
            Append(host, log, 31, 31, "M", leader);
        }

        var recovered = RecoverInANewHost();
        Assert.Equal(25, recovered.SnapshotZxid);
        AssertTree(leader.TreeAt(), recovered);
        Assert.Equal("M29", Data(recovered, "/n29"));

        Assert.DoesNotContain(SqliteLongs("SELECT sequence_number FROM snapshot"), sequenceNr => sequenceNr > 31);
    }

    [Fact]
    public async Task PurgeAfterAnInstallDropsTheAbandonedHistory()
    {
        var leader = new TxnScript();
        leader.Next(1, 25, "L");
        using (var host = Host())
        {
            var log = host.StartLog(purgeInterval: TimeSpan.FromMilliseconds(300), snapRetainCount: 3);
            host.ExpectRecovered();
            Append(host, log, 1, 40);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(10)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 10");
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(30)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 30");

            // The marker takes sequence number 41 and the installed snapshot is stored under it.
            log.Tell(new InstallSnapshot(leader.SnapshotAt(25)), host.Kit.TestActor);
            host.Kit.ExpectMsg<SnapshotInstalled>(TimeSpan.FromSeconds(30));
            Append(host, log, 26, 29, "L", leader);
            await logger.WaitForAsync("Purged the txn log up to sequence number 41");
            Append(host, log, 30, 30, "L", leader);
        }

        Assert.Equal([41L], SqliteLongs("SELECT sequence_number FROM snapshot ORDER BY sequence_number"));
        Assert.Equal(42, SqliteLongs("SELECT MIN(sequence_number) FROM journal WHERE deleted = 0")[0]);

        using (var host = Host())
        {
            var log = host.StartLog();
            var recovered = host.ExpectRecovered();
            Assert.Equal(25, recovered.SnapshotZxid);
            Assert.Equal(5, recovered.TxnsReplayed);
            AssertTree(leader.TreeAt(), recovered);

            // The purged log still cuts above its only snapshot, and refuses below it.
            log.Tell(new TruncateLogAfter(27), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            leader.CutAfter(27);
            log.Tell(new TruncateLogAfter(24), host.Kit.TestActor);
            host.Kit.ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(30));
        }

        AssertTree(leader.TreeAt(), RecoverInANewHost());
    }

    [Fact]
    public void AnInstallInterruptedBeforeItsSnapshotWasStoredNeverHappened()
    {
        var leader = new TxnScript();
        leader.Next(1, 25, "L");
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 30);
            log.Tell(new InstallSnapshot(leader.SnapshotAt(25)), host.Kit.TestActor);
            host.Kit.ExpectMsg<SnapshotInstalled>(TimeSpan.FromSeconds(30));
        }

        // What a crash between the marker and the snapshot would leave behind.
        SqliteExecute("DELETE FROM snapshot");

        using (var host = Host())
        {
            var log = host.StartLog();
            var recovered = host.ExpectRecovered();
            AssertTree(script.TreeAt(), recovered);
            Append(host, log, 31, 32);
        }

        AssertTree(script.TreeAt(), RecoverInANewHost());
    }

    [Fact]
    public void TruncateLogAfterWaitsForASnapshotSaveStillInFlight()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 20);

            // No wait in between: the save is still in flight when the cut arrives.
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(15)), host.Kit.TestActor);
            log.Tell(new TruncateLogAfter(10), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            script.CutAfter(10);
        }

        Assert.Empty(SqliteLongs("SELECT sequence_number FROM snapshot"));
        var recovered = RecoverInANewHost();
        Assert.Equal(0, recovered.SnapshotZxid);
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public async Task TruncateLogAfterDeletesSnapshotsOfEarlierRuns()
    {
        using (var host = Host())
        {
            var log = host.StartLog();
            host.ExpectRecovered();
            Append(host, log, 1, 20);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(5)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 5");
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(15)), host.Kit.TestActor);
            await logger.WaitForAsync("Saved a snapshot at sequence number 15");
        }

        using (var host = Host())
        {
            var log = host.StartLog();
            Assert.Equal(15, host.ExpectRecovered().SnapshotZxid);
            log.Tell(new TruncateLogAfter(10), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            script.CutAfter(10);
        }

        Assert.Equal([5L], SqliteLongs("SELECT sequence_number FROM snapshot"));
        var recovered = RecoverInANewHost();
        Assert.Equal(5, recovered.SnapshotZxid);
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public async Task TruncateLogAfterAPurgeKeepsAStartingPointOrRefuses()
    {
        using (var host = Host())
        {
            var log = host.StartLog(purgeInterval: TimeSpan.FromMilliseconds(300), snapRetainCount: 3);
            host.ExpectRecovered();
            await AppendTensWithSnapshotsAsync(host, log, 4);

            Append(host, log, 41, 45);
            await logger.WaitForAsync("Purged the txn log up to sequence number 20");

            // Snapshot 10 and the log up to 20 are gone: nothing could rebuild the tree at 15.
            log.Tell(new TruncateLogAfter(15), host.Kit.TestActor);
            host.Kit.ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(30));

            log.Tell(new TruncateLogAfter(25), host.Kit.TestActor);
            host.Kit.ExpectMsg<LogTruncated>(TimeSpan.FromSeconds(30));
            script.CutAfter(25);
            Append(host, log, 26, 27, branch: "b");
        }

        Assert.Equal([20L], SqliteLongs("SELECT sequence_number FROM snapshot"));
        var recovered = RecoverInANewHost();
        Assert.Equal(20, recovered.SnapshotZxid);
        AssertTree(script.TreeAt(), recovered);
    }

    [Fact]
    public void TheIntegrityCheckRunsOnlyAfterAnUncleanStop()
    {
        AppendInAHostOfItsOwn(1, 3);

        var config = new ActorZk.Server.Configuration.ServerConfig { DataDir = dataDir };
        using (var clean = StorageSetup.Open(config))
        {
            Assert.False(clean.IntegrityChecked);
        }

        // A server that dies leaves no clean-stop marker behind.
        File.Delete(Path.Combine(dataDir, "actorzk.db.clean"));
        using (var unclean = StorageSetup.Open(config))
        {
            Assert.True(unclean.IntegrityChecked);
        }
    }

    [Fact]
    public void ALogWithThePluginsUnusedIndexesLosesThemAndKeepsItsTxns()
    {
        AppendInAHostOfItsOwn(1, 3);

        Assert.Empty(JournalIndexesOtherThanTheUniqueOne());

        // What the plugin's auto-initialize left in logs written before ActorZk created the tables itself.
        SqliteExecute("CREATE INDEX journal_created_idx ON journal (created); CREATE INDEX journal_sequence_number_idx ON journal (sequence_number)");
        using (StorageSetup.Open(new ActorZk.Server.Configuration.ServerConfig { DataDir = dataDir }, forInspection: true))
        {
            Assert.Equal(["journal_created_idx", "journal_sequence_number_idx"], JournalIndexesOtherThanTheUniqueOne());
        }

        using (var host = Host())
        {
            var log = host.StartLog();
            Assert.Equal(3, host.ExpectRecovered().Tree.LastProcessedZxid);
            Assert.Empty(JournalIndexesOtherThanTheUniqueOne());
            Append(host, log, 4, 5);
        }

        Assert.Equal([1L, 2L, 3L, 4L, 5L], SqliteLongs("SELECT sequence_number FROM journal ORDER BY ordering"));

        List<string> JournalIndexesOtherThanTheUniqueOne()
            => SqliteValues<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal' AND name <> 'journal_uq' ORDER BY name");
    }

    [Fact]
    public void ASecondLogOnTheSameDataDirIsRefused()
    {
        using var host = Host();
        var e = Assert.Throws<StorageException>(() => new TxnLogHost(dataDir, logger));
        Assert.Contains("is in use by another ActorZk server", e.Message);
    }

    private static string Data(LogRecovered recovered, string path)
    {
        recovered.Tree.GetData(path, null, out var data, out _);
        return System.Text.Encoding.UTF8.GetString(data ?? []);
    }

    private static void AssertTree(Core.Tree.DataTree expected, LogRecovered recovered)
    {
        Assert.Equal(expected.LastProcessedZxid, recovered.Tree.LastProcessedZxid);
        Assert.Equal(expected.NodeCount, recovered.Tree.NodeCount);
        Assert.Equal(TxnScript.Bytes(expected), TxnScript.Bytes(recovered.Tree));
    }

    private TxnLogHost Host() => new(dataDir, logger);

    /// <summary>
    /// Txns up to zxid 10, 20, ... (<paramref name="tens"/> times), each stretch followed by a snapshot at its last
    /// zxid, waited for until saved (on an empty log, snapshot k lands at sequence number 10k).
    /// </summary>
    private async Task AppendTensWithSnapshotsAsync(TxnLogHost host, IActorRef log, int tens)
    {
        for (var ten = 1; ten <= tens; ten++)
        {
            Append(host, log, script.LastZxid + 1, ten * 10);
            log.Tell(new SaveTreeSnapshot(script.SnapshotAt(ten * 10)), host.Kit.TestActor);
            await logger.WaitForAsync($"Saved a snapshot at sequence number {ten * 10}");
        }
    }

    /// <summary>A restart: a new actor system and log actor on the same dataDir; what it recovered (the tree outlives the host).</summary>
    private LogRecovered RecoverInANewHost()
    {
        using var host = Host();
        host.StartLog();
        return host.ExpectRecovered();
    }

    /// <summary>Starts a host on the data dir, lets it recover, appends the script's txns from..to, stops it.</summary>
    private void AppendInAHostOfItsOwn(long from, long to)
    {
        using var host = Host();
        var log = host.StartLog();
        host.ExpectRecovered();
        Append(host, log, from, to);
    }

    private void Append(TxnLogHost host, IActorRef log, long from, long to, string branch = "a", TxnScript? history = null)
    {
        log.Tell(new AppendTxns((history ?? script).Next(from, to, branch)), host.Kit.TestActor);
        Assert.Equal(to, host.Kit.ExpectMsg<TxnsLogged>(TimeSpan.FromSeconds(30)).LastZxid);
    }

    private void SqliteExecute(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<long> SqliteLongs(string sql) => SqliteValues<long>(sql);

    // The first column of every row.
    private List<T> SqliteValues<T>(string sql)
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<T>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "actorzk.db")};Pooling=false");
        connection.Open();
        return connection;
    }
}
