using System.Buffers.Binary;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace ActorZk.Server.Storage;

/// <summary>
/// Stable binary forms of what the txn log stores. Manifests are short fixed strings, never CLR type names,
/// so renaming a type can never make an existing log unreadable. Txn bytes are ZooKeeper's jute txn
/// encoding (TxnCodec); snapshots are the DataTree's own versioned format.
/// </summary>
public sealed class TxnLogSerializer : SerializerWithStringManifest
{
    // Also read by StoredLogReader, which queries the journal's manifest column directly.
    internal const string TxnManifest = "t";
    internal const string TruncationManifest = "x";
    internal const string SnapshotManifest = "s";
    internal const string InstallManifest = "i";

    public TxnLogSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <summary>Fixed id, registered in hocon/actorzk.conf.</summary>
    public override int Identifier => SerializerId;

    /// <summary>The <see cref="Identifier"/>, also written into the journal rows by <see cref="SqliteJournalWriter"/>.</summary>
    internal const int SerializerId = 4181;

    public override string Manifest(object o) => o switch
    {
        LoggedTxn => TxnManifest,
        TruncationMarker => TruncationManifest,
        TreeSnapshot => SnapshotManifest,
        InstallMarker => InstallManifest,
        _ => throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        LoggedTxn txn => WithZxid(txn.Zxid, txn.Bytes),
        TruncationMarker marker => WithZxid(marker.Zxid, []),
        TreeSnapshot snapshot => WithZxid(snapshot.Zxid, snapshot.Bytes),
        InstallMarker marker => WithZxid(marker.Zxid, []),
        _ => throw new ArgumentException($"Cannot serialize {obj.GetType()}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (bytes.Length < 8)
        {
            throw new SerializationException($"A stored '{manifest}' record of {bytes.Length} bytes is too short");
        }

        var zxid = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return manifest switch
        {
            TxnManifest => new LoggedTxn(zxid, bytes[8..]),
            TruncationManifest => new TruncationMarker(zxid),
            SnapshotManifest => new TreeSnapshot(zxid, bytes[8..]),
            InstallManifest => new InstallMarker(zxid),
            _ => throw new SerializationException($"Unknown stored record type '{manifest}'"),
        };
    }

    internal static byte[] WithZxid(long zxid, byte[] payload)
    {
        var bytes = new byte[8 + payload.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, zxid);
        payload.CopyTo(bytes, 8);
        return bytes;
    }
}
