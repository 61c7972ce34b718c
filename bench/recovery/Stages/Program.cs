// Times the stages of an ActorZk recovery on a copy of its store: SQLite quick_check, reading the newest
// snapshot's blob, DataTree.Deserialize, reading the journal rows after the snapshot, and decoding and applying
// them. The server does the same through Akka.Persistence.Sql (linq2db) and actor messages; the difference
// between its "Recovered ... in X ms" and the sum here is what that layer costs.
//
//   dotnet Stages.dll path/to/actorzk.db
using System.Buffers.Binary;
using System.Diagnostics;
using ActorZk.Core;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using Microsoft.Data.Sqlite;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Stages path/to/actorzk.db (a copy: it is opened read-only)");
    return 2;
}

const string PersistenceId = "actorzk-txnlog";
var total = Stopwatch.StartNew();
using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args[0], Mode = SqliteOpenMode.ReadOnly }.ToString());
connection.Open();

Stage("PRAGMA quick_check", () => Scalar(connection, "PRAGMA quick_check;"));

long snapshotSeq = 0;
byte[]? snapshot = null;
Stage("read the newest snapshot blob", () =>
{
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT sequence_number, snapshot FROM snapshot WHERE persistence_id = $id ORDER BY sequence_number DESC LIMIT 1";
    command.Parameters.AddWithValue("$id", PersistenceId);
    using var reader = command.ExecuteReader();
    if (reader.Read())
    {
        snapshotSeq = reader.GetInt64(0);
        snapshot = (byte[])reader.GetValue(1);
    }

    return $"sequence number {snapshotSeq}, {(snapshot?.Length ?? 0) / 1048576.0:F1} MB";
});

var tree = new DataTree(CoreOptions.Default);
long snapshotZxid = 0;
Stage("DataTree.Deserialize", () =>
{
    if (snapshot is null)
    {
        return "no snapshot";
    }

    snapshotZxid = BinaryPrimitives.ReadInt64BigEndian(snapshot);
    tree = DataTree.Deserialize(new MemoryStream(snapshot, 8, snapshot.Length - 8, writable: false), CoreOptions.Default);
    return $"{tree.NodeCount} znodes at zxid 0x{snapshotZxid:x}";
});
snapshot = null;

var rows = new List<byte[]>();
Stage("read the journal rows after it", () =>
{
    using var command = connection.CreateCommand();
    command.CommandText = "SELECT message, manifest FROM journal WHERE persistence_id = $id AND sequence_number > $seq AND deleted = 0 ORDER BY sequence_number";
    command.Parameters.AddWithValue("$id", PersistenceId);
    command.Parameters.AddWithValue("$seq", snapshotSeq);
    using var reader = command.ExecuteReader();
    while (reader.Read())
    {
        if (reader.GetString(1) == "t")
        {
            rows.Add((byte[])reader.GetValue(0));
        }
    }

    return $"{rows.Count} txns, {rows.Sum(r => (long)r.Length) / 1048576.0:F1} MB";
});

Stage("decode and apply them", () =>
{
    var applied = 0;
    foreach (var row in rows)
    {
        var zxid = BinaryPrimitives.ReadInt64BigEndian(row);
        if (zxid <= snapshotZxid)
        {
            continue;
        }

        var header = TxnCodec.Decode(row.AsSpan(8), out var body);
        tree.ProcessTxn(header, body);
        applied++;
    }

    return $"{applied} applied, {tree.NodeCount} znodes at zxid 0x{tree.LastProcessedZxid:x}";
});
rows.Clear();

GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
var info = GC.GetGCMemoryInfo();
Console.WriteLine(
    $"total {total.ElapsedMilliseconds} ms; after a full GC: managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB, " +
    $"working set {Environment.WorkingSet / 1048576.0:F0} MB, committed {info.TotalCommittedBytes / 1048576.0:F0} MB; " +
    $"GCs gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, total pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
GC.KeepAlive(tree);
return 0;

static void Stage(string name, Func<string?> body)
{
    var pause = GC.GetTotalPauseDuration();
    var gcs = GC.CollectionCount(0);
    var gen2 = GC.CollectionCount(2);
    var allocated = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    var note = body();
    clock.Stop();
    Console.WriteLine(
        $"{name,-32} {clock.ElapsedMilliseconds,7} ms  GC pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,6:F0} ms " +
        $"({GC.CollectionCount(0) - gcs} GCs, {GC.CollectionCount(2) - gen2} gen2)  allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0,7:F0} MB  {note}");
}

static string? Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return command.ExecuteScalar()?.ToString();
}
