using Akka.Actor;
using ActorZk.Server.Threading;
using Microsoft.Data.Sqlite;

namespace ActorZk.Server.Storage;

/// <summary>One journal row to append: its sequence number and the serializer's manifest and bytes.</summary>
internal readonly record struct JournalRecord(long SequenceNr, string Manifest, byte[] Message);

/// <summary>Writer to its owner: a commit failed; nothing queued after it was written or acknowledged.</summary>
internal sealed record JournalWriteFailed(Exception Cause, long FirstSequenceNr);

/// <summary>
/// The SQLite txn log's append path: rows in Akka.Persistence.Sql's <c>journal</c> format (the columns,
/// serializer id, manifests and timestamps the plugin writes, so that the plugin, <see cref="StoredLogReader"/> and
/// <c>inspect</c> read them as their own) inserted over one dedicated ADO.NET connection, one commit at a time on a
/// thread-pool worker.
/// Everything queued while a commit is in flight is committed together in the next transaction (group commit);
/// each write's acknowledgement is told only after the COMMIT returned, which with WAL and synchronous=FULL means
/// after the WAL was fsynced.
/// </summary>
/// <remarks>
/// The owner (<see cref="TxnLogActor"/>) assigns the sequence numbers and queues writes in log order; they are
/// written in that order. After a failed commit the writer stops: nothing queued later is written or
/// acknowledged (it would leave a gap in the sequence numbers), and the owner is told.
/// </remarks>
internal sealed class SqliteJournalWriter : IDisposable, IThreadPoolWorkItem
{
    private const string InsertSql =
        "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid) "
        + "VALUES (@created, 0, @persistence_id, @sequence_number, @message, @manifest, @identifier, @writer_uuid)";

    private readonly object gate = new();
    private readonly SqliteConnection connection;
    private readonly SqliteCommand begin;
    private readonly SqliteCommand insert;
    private readonly SqliteCommand commit;
    private readonly SqliteCommand rollback;
    private readonly SqliteParameter created;
    private readonly SqliteParameter sequenceNr;
    private readonly SqliteParameter message;
    private readonly SqliteParameter manifest;
    private readonly IActorRef owner;
    private List<Write> queued = [];
    private List<Write> writing = [];
    private bool stopping;
    private bool scheduled;
    private bool running;
    private bool failed;
    private bool disposed;

    private SqliteJournalWriter(SqliteConnection connection, string persistenceId, int serializerId, IActorRef owner)
    {
        this.connection = connection;
        this.owner = owner;
        begin = Command("BEGIN IMMEDIATE");
        commit = Command("COMMIT");
        rollback = Command("ROLLBACK");
        insert = Command(InsertSql);
        created = insert.Parameters.Add("@created", SqliteType.Integer);
        insert.Parameters.AddWithValue("@persistence_id", persistenceId);
        sequenceNr = insert.Parameters.Add("@sequence_number", SqliteType.Integer);
        message = insert.Parameters.Add("@message", SqliteType.Blob);
        manifest = insert.Parameters.Add("@manifest", SqliteType.Text);
        insert.Parameters.AddWithValue("@identifier", serializerId);

        // The plugin writes one random id per journal instance; one per writer says the same: who wrote the row.
        insert.Parameters.AddWithValue("@writer_uuid", Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// Opens the writer's connection (synchronous=FULL, the file must be in WAL mode). The
    /// journal table must exist (the plugin creates it before it answers recovery).
    /// </summary>
    public static SqliteJournalWriter Start(string connectionString, string persistenceId, int serializerId, IActorRef owner)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA journal_mode;";
                var mode = pragma.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageException($"The SQLite txn log is not in WAL mode (journal_mode={mode})");
                }
            }

            var writer = new SqliteJournalWriter(connection, persistenceId, serializerId, owner);
            writer.insert.Prepare();
            return writer;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Queues rows (in log order, after everything queued before) and what to tell whom once they are durable.
    /// </summary>
    public void Enqueue(JournalRecord[] records, IActorRef target, object acknowledgement)
    {
        lock (gate)
        {
            queued.Add(new Write(records, target, acknowledgement));
            if (running || scheduled || stopping)
            {
                return;
            }

            scheduled = true;
        }

        // On the worker that runs the txn log actor, once that actor's turn ends, with no thread to wake. A dedicated
        // writer thread cost a wake (and its context switches) per commit.
        WorkerContinuation.Schedule(this);
    }

    void IThreadPoolWorkItem.Execute() => RunScheduledDrain();

    /// <summary>Writes what is still queued (on the calling thread), then closes the connection.</summary>
    public void Dispose()
    {
        bool drainHere;
        lock (gate)
        {
            stopping = true;
            while (running)
            {
                Monitor.Wait(gate);
            }

            // A drain that is queued but has not started would wait for a worker, possibly the one blocked here:
            // this thread drains instead, and the queued one finds the writer taken or disposed.
            drainHere = !failed;
            running = drainHere;
        }

        if (drainHere)
        {
            Drain();
        }

        lock (gate)
        {
            disposed = true;
        }

        begin.Dispose();
        insert.Dispose();
        commit.Dispose();
        rollback.Dispose();
        connection.Dispose();
    }

    private void RunScheduledDrain()
    {
        lock (gate)
        {
            scheduled = false;
            if (running || disposed)
            {
                return;
            }

            running = true;
        }

        Drain();
    }

    // Commits everything queued, batch after batch (what queues during a commit goes into the next), until the
    // queue is empty. One drain at a time (running), so the rows reach the file in queue order.
    private void Drain()
    {
        while (true)
        {
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    running = false;
                    Monitor.PulseAll(gate);
                    return;
                }

                (queued, writing) = (writing, queued);
            }

            try
            {
                // A second commit in this drain: the acknowledgements of the first must not wait for its fsync.
                WorkerContinuation.Release();
                WriteAll(writing);
            }
            catch (Exception e)
            {
                owner.Tell(new JournalWriteFailed(e, writing[0].Records.Length > 0 ? writing[0].Records[0].SequenceNr : 0));
                lock (gate)
                {
                    failed = stopping = true;
                    running = false;
                    queued.Clear();
                    writing.Clear();
                    Monitor.PulseAll(gate);
                }

                return;
            }

            foreach (var write in writing)
            {
                write.Target.Tell(write.Acknowledgement, owner);
            }

            writing.Clear();
        }
    }

    private void WriteAll(List<Write> writes)
    {
        // The plugin stamps every row of a write with the time it was handed the write, in ticks.
        created.Value = DateTime.UtcNow.Ticks;
        begin.ExecuteNonQuery();
        try
        {
            foreach (var write in writes)
            {
                foreach (var record in write.Records)
                {
                    sequenceNr.Value = record.SequenceNr;
                    message.Value = record.Message;
                    manifest.Value = record.Manifest;
                    insert.ExecuteNonQuery();
                }
            }

            // With WAL and synchronous=FULL the COMMIT returns only after the WAL is fsynced.
            commit.ExecuteNonQuery();
        }
        catch
        {
            try
            {
                rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // SQLite may already have rolled the transaction back; the failure being reported is the first one.
            }

            throw;
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private sealed record Write(JournalRecord[] Records, IActorRef Target, object Acknowledgement);
}
