using ActorZk.Server.Storage;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorZk.Server.Tests.Storage;

/// <summary>
/// The SQLite txn log's writer on a real file: acknowledgements only after the rows are committed, in queue order,
/// and a Dispose that writes what is still queued, also from a pool worker whose own queue holds the drain.
/// </summary>
public sealed class SqliteJournalWriterTests : TestKit, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("actorzk-writer-").FullName;

    private string ConnectionString => $"Data Source={Path.Combine(dir, "actorzk.db")}";

    [Fact]
    public void Rows_are_committed_before_their_acknowledgements_in_queue_order()
    {
        using var writer = Start();
        for (var i = 1; i <= 50; i++)
        {
            writer.Enqueue([Record(2 * i - 1), Record(2 * i)], TestActor, i);
        }

        for (var i = 1; i <= 50; i++)
        {
            ExpectMsg(i, TimeSpan.FromSeconds(30));

            // Everything acknowledged so far is in the file (read over a connection of its own).
            Assert.True(Rows().Count >= 2 * i);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(n => (long)n), Rows());
    }

    [Fact]
    public async Task Dispose_writes_what_is_queued_even_on_the_worker_that_holds_the_drain()
    {
        var writer = Start();

        // Enqueue puts the drain into this pool worker's local queue; Dispose on the same worker must not wait for it.
        var disposed = Task.Run(() =>
        {
            for (var i = 1; i <= 20; i++)
            {
                writer.Enqueue([Record(i)], TestActor, i);
            }

            writer.Dispose();
        });
        await disposed.WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 1; i <= 20; i++)
        {
            ExpectMsg(i, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(Enumerable.Range(1, 20).Select(n => (long)n), Rows());
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
    }

    private static JournalRecord Record(long sequenceNr) => new(sequenceNr, "t", [(byte)sequenceNr]);

    private SqliteJournalWriter Start()
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            wal.ExecuteNonQuery();
            SqliteJournalSchema.Ensure(connection, dropUnusedIndexes: true);
        }

        return SqliteJournalWriter.Start(ConnectionString, "log", 4181, TestActor);
    }

    private List<long> Rows()
    {
        using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT sequence_number FROM journal ORDER BY sequence_number";
        using var reader = select.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return rows;
    }
}
