using System.Buffers.Binary;
using System.Data;
using System.Data.Common;
using ActorZk.Core;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol.Records;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorZk.Server.Storage;

/// <summary>
/// Recovery's read of the txn log: Akka.Persistence.Sql's tables (<c>journal</c>, <c>snapshot</c>) queried
/// directly with ADO.NET instead of through the plugin's replay. The plugin costs about 15 µs per replayed event
/// (linq2db rows, Akka deserialization, one actor message each) against 1-3 µs read here, and it hands the
/// snapshot over as two 114 MB arrays (the blob, then the serializer's copy) where this streams the blob into the
/// tree. The snapshot load and the tail read run at the same time on two connections.
/// </summary>
/// <remarks>
/// The rows are the plugin's: events are (sequence_number, manifest, message = 8-byte big-endian zxid + payload)
/// as <see cref="TxnLogSerializer"/> writes them; rows the plugin marked deleted are skipped, and the highest of
/// them is the purge point. On SQLite <see cref="SqliteJournalWriter"/> writes rows in the same format; on PostgreSQL the
/// plugin writes them.
/// </remarks>
internal sealed class StoredLogReader
{
    /// <summary>HOCON key of the provider ("sqlite" or "postgresql"), set by <see cref="StorageSetup"/>.</summary>
    public const string ProviderKey = "actorzk.storage.provider";

    /// <summary>HOCON key of the ADO.NET connection string, set by <see cref="StorageSetup"/>.</summary>
    public const string ConnectionStringKey = "actorzk.storage.connection-string";

    /// <summary>Below this much allocated during a recovery, a full collection would cost more than it returns.</summary>
    private const long RecoveryGarbageWorthReturning = 64L << 20;

    private readonly bool postgres;
    private readonly string connectionString;
    private readonly string persistenceId;

    public StoredLogReader(bool postgres, string connectionString, string persistenceId)
    {
        this.postgres = postgres;
        this.connectionString = connectionString;
        this.persistenceId = persistenceId;
    }

    public static StoredLogReader FromConfig(Config config, string persistenceId)
    {
        var connection = config.GetString(ConnectionStringKey, null)
                         ?? throw new InvalidOperationException($"{ConnectionStringKey} is not configured (StorageSetup sets it)");
        return new StoredLogReader(config.GetString(ProviderKey, "sqlite") == "postgresql", connection, persistenceId);
    }

    /// <summary>Rebuilds the tree: the newest snapshot plus the txns logged after it, cuts and installs honoured.</summary>
    /// <exception cref="StorageException">The stored log is inconsistent.</exception>
    public async Task<LogLoaded> LoadAsync(CoreOptions options, CancellationToken cancellationToken)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        await using var connection = Open();
        await connection.OpenAsync(cancellationToken);
        var (hasJournal, hasSnapshots) = await TablesAsync(connection, cancellationToken);

        var snapshots = new List<StoredSnapshot>();
        long baseSequenceNr = 0;
        if (hasSnapshots)
        {
            // The label is the blob's 8-byte prefix; the joined journal row says whether the snapshot was installed.
            var join = hasJournal
                ? "LEFT JOIN journal j ON j.persistence_id = s.persistence_id AND j.sequence_number = s.sequence_number AND NOT j.deleted"
                : string.Empty;
            var manifest = hasJournal ? "j.manifest" : "NULL";
            await using var command = Command(
                connection,
                $"SELECT s.sequence_number, substr(s.snapshot, 1, 8), {manifest} FROM snapshot s {join} WHERE s.persistence_id = @id ORDER BY s.sequence_number");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequenceNr = reader.GetInt64(0);
                var prefix = (byte[])reader.GetValue(1);
                if (prefix.Length < 8)
                {
                    throw new StorageException($"The snapshot at sequence number {sequenceNr} is too short to be one");
                }

                snapshots.Add(new StoredSnapshot(sequenceNr, BinaryPrimitives.ReadInt64BigEndian(prefix)));
                if (!reader.IsDBNull(2) && reader.GetString(2) == TxnLogSerializer.InstallManifest)
                {
                    baseSequenceNr = sequenceNr;
                }
            }
        }

        long purgedTo = 0;
        long highest = 0;
        if (hasJournal)
        {
            await using var command = Command(
                connection,
                "SELECT MAX(CASE WHEN deleted THEN sequence_number END), MAX(sequence_number) FROM journal WHERE persistence_id = @id");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                purgedTo = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
                highest = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }
        }

        // Truncation deletes the snapshots beyond the cut before it persists its marker, and an install stores its
        // snapshot at its marker's sequence number, so the newest snapshot is always the place to start.
        var start = snapshots.Count == 0 ? null : snapshots[^1];
        if (start is null && purgedTo > 0)
        {
            throw new StorageException($"The txn log was purged up to sequence number {purgedTo} but no snapshot is left to start from");
        }

        var snapshotTask = start is null
            ? Task.FromResult(new DataTree(options))
            : Task.Run(() => LoadSnapshotAsync(start.SequenceNr, options, cancellationToken), cancellationToken);
        var tail = new List<(long Zxid, long SequenceNr, TxnHeader Header, ITxn? Body)>();
        try
        {
            if (hasJournal)
            {
                await ReadTailAsync(connection, start, tail, cancellationToken);
            }
        }
        finally
        {
            // Never leave the snapshot load running on its own connection.
            await snapshotTask.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        var tree = await snapshotTask;
        foreach (var txn in tail)
        {
            tree.ProcessTxn(txn.Header, txn.Body);
        }

        var loaded = new LogLoaded(
            tree,
            tail.Count,
            start?.Zxid ?? 0,
            start?.SequenceNr ?? 0,
            snapshots,
            baseSequenceNr,
            purgedTo,
            tail.Select(t => (t.Zxid, t.SequenceNr)).ToList(),
            Math.Max(highest, start?.SequenceNr ?? 0),
            [.. tail.Skip(Math.Max(0, tail.Count - LogRecovered.RecentTxnLimit)).Select(t => new LoggedTxn(t.Zxid, TxnCodec.Encode(t.Header, t.Body)))]);
        tail.Clear();
        tail.TrimExcess();
        ReturnRecoveryGarbage(allocatedBefore);
        return loaded;
    }

    /// <summary>
    /// Recovery reads the snapshot blob into buffers and decodes every logged txn after it. The GC would keep the
    /// memory of that garbage committed for the life of the process (RSS well above the live tree), so after a large
    /// recovery one compacting collection, before the server serves, gives it back to the system.
    /// </summary>
    private static void ReturnRecoveryGarbage(long allocatedBefore)
    {
        if (GC.GetTotalAllocatedBytes() - allocatedBefore >= RecoveryGarbageWorthReturning)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private async Task ReadTailAsync(
        DbConnection connection,
        StoredSnapshot? start,
        List<(long Zxid, long SequenceNr, TxnHeader Header, ITxn? Body)> tail,
        CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            "SELECT sequence_number, manifest, message FROM journal WHERE persistence_id = @id AND sequence_number > @from AND NOT deleted ORDER BY sequence_number");
        Parameter(command, "@from", start?.SequenceNr ?? 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequenceNr = reader.GetInt64(0);
            var manifest = reader.GetString(1);
            var message = (byte[])reader.GetValue(2);
            if (message.Length < 8)
            {
                throw new StorageException($"The txn log record at sequence number {sequenceNr} is too short");
            }

            var zxid = BinaryPrimitives.ReadInt64BigEndian(message);
            switch (manifest)
            {
                case TxnLogSerializer.TxnManifest:
                    // Txns the snapshot may already hold (it is labelled with the last zxid it is sure of) are skipped.
                    if (start is null || zxid > start.Zxid)
                    {
                        var header = TxnCodec.Decode(message.AsSpan(8), out var body);
                        tail.Add((zxid, sequenceNr, header, body));
                    }

                    break;

                case TxnLogSerializer.TruncationManifest:
                    if (start is not null && zxid < start.Zxid)
                    {
                        throw new StorageException(
                            $"The cut after zxid 0x{zxid:x} at sequence number {sequenceNr} lies below the snapshot at zxid 0x{start.Zxid:x} it follows");
                    }

                    while (tail.Count > 0 && tail[^1].Zxid > zxid)
                    {
                        tail.RemoveAt(tail.Count - 1);
                    }

                    break;

                case TxnLogSerializer.InstallManifest:
                    // Its snapshot would be newer than the start: the install was interrupted before it was stored,
                    // never acknowledged, and the history before the marker stands.
                    break;

                default:
                    throw new StorageException($"Unknown record type '{manifest}' at sequence number {sequenceNr}");
            }
        }
    }

    private async Task<DataTree> LoadSnapshotAsync(long sequenceNr, CoreOptions options, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await connection.OpenAsync(cancellationToken);

        // Selecting the rowid lets Microsoft.Data.Sqlite stream the blob (sqlite3_blob_read) instead of copying it
        // into one array; Npgsql streams with SequentialAccess.
        await using var command = Command(
            connection,
            postgres
                ? "SELECT snapshot FROM snapshot WHERE persistence_id = @id AND sequence_number = @seq"
                : "SELECT snapshot, rowid FROM snapshot WHERE persistence_id = @id AND sequence_number = @seq");
        Parameter(command, "@seq", sequenceNr);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new StorageException($"The snapshot at sequence number {sequenceNr} disappeared during recovery");
        }

        await using var blob = reader.GetStream(0);
        await using var buffered = new BufferedStream(blob, 1 << 20);
        Span<byte> zxid = stackalloc byte[8];
        buffered.ReadExactly(zxid);
        return DataTree.Deserialize(buffered, options);
    }

    private async Task<(bool Journal, bool Snapshots)> TablesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // On a new store the plugins create the tables when they start, which may be after this read.
        await using var command = Command(
            connection,
            postgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('journal', 'snapshot')"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('journal', 'snapshot')");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return (names.Contains("journal"), names.Contains("snapshot"));
    }

    private DbConnection Open() => postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Parameter(command, "@id", persistenceId);
        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
