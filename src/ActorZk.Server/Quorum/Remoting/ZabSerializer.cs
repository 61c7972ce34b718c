using System.Runtime.Serialization;
using ActorZk.Core.Quorum;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using ActorZk.Server.Replication;
using ActorZk.Server.Storage;
using Akka.Actor;
using Akka.Serialization;

namespace ActorZk.Server.Quorum.Remoting;

/// <summary>
/// The wire form of what members send each other: election notifications and the Zab packets. Jute encoding
/// (big-endian, length-prefixed) under short fixed manifests, never CLR type names, so members of different
/// builds understand each other as long as the packets keep their fields.
/// </summary>
/// <remarks>
/// Hyperion carried these before. It builds a serializer per type on first use, and a member that leads for the
/// first time met that on every packet type of discovery and sync: 10-330 ms each, most of a failover
/// (bench/ensemble/findings.md). Hyperion stays bound to everything else (hocon/cluster.conf).
/// </remarks>
public sealed class ZabSerializer : SerializerWithStringManifest
{
    /// <summary>Fixed id, registered in hocon/cluster.conf.</summary>
    public const int SerializerId = 4182;

    [ThreadStatic]
    private static PooledBufferWriter? buffer;

    /// <summary>Creates the serializer; Akka calls this for the binding in hocon/cluster.conf.</summary>
    public ZabSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc/>
    public override int Identifier => SerializerId;

    /// <inheritdoc/>
    public override string Manifest(object o) => o switch
    {
        ElectionNotification => "en",
        FollowerInfo => "fi",
        LeaderInfo => "li",
        AckEpoch => "ae",
        SyncTxns => "sx",
        SyncTruncate => "tr",
        SyncSnapshotChunk => "sc",
        NewLeader => "nl",
        AckNewLeader => "an",
        UpToDate => "ud",
        Proposals => "pr",
        AckProposals => "ap",
        CommitThrough => "ct",
        Inform => "in",
        LeaderPing => "lp",
        LearnerPing => "lg",
        ForwardedRequest => "fr",
        ForwardedRequests => "fq",
        ForwardedSync => "fs",
        SyncCompleted => "sd",
        _ => throw new ArgumentException($"{nameof(ZabSerializer)} cannot serialize {o.GetType()}", nameof(o)),
    };

    /// <inheritdoc/>
    public override byte[] ToBinary(object obj)
    {
        var output = buffer ??= new PooledBufferWriter(256);
        output.Clear();
        var w = new JuteWriter(output);
        switch (obj)
        {
            case ElectionNotification { Notification: var n }:
                w.WriteLong(n.Sender);
                w.WriteInt((int)n.State);
                w.WriteLong(n.Vote.Leader);
                w.WriteLong(n.Vote.Zxid);
                w.WriteLong(n.Vote.PeerEpoch);
                w.WriteLong(n.Vote.ElectionEpoch);
                break;
            case FollowerInfo m:
                w.WriteLong(m.ServerId);
                w.WriteBool(m.IsObserver);
                w.WriteLong(m.AcceptedEpoch);
                w.WriteLong(m.LastLoggedZxid);
                w.WriteLong(m.Registration);
                break;
            case LeaderInfo m:
                w.WriteLong(m.LeaderId);
                w.WriteLong(m.NewEpoch);
                break;
            case AckEpoch m:
                w.WriteLong(m.ServerId);
                w.WriteLong(m.CurrentEpoch);
                w.WriteLong(m.LastLoggedZxid);
                break;
            case SyncTxns m:
                WriteTxns(ref w, m.Txns);
                break;
            case SyncTruncate m:
                w.WriteLong(m.Zxid);
                break;
            case SyncSnapshotChunk m:
                w.WriteLong(m.Zxid);
                w.WriteInt(m.Index);
                w.WriteInt(m.Count);
                w.WriteBuffer(m.Bytes);
                break;
            case NewLeader m:
                w.WriteLong(m.Zxid);
                break;
            case AckNewLeader m:
                w.WriteLong(m.ServerId);
                w.WriteLong(m.Zxid);
                break;
            case UpToDate m:
                w.WriteLong(m.LeaderId);
                break;
            case Proposals m:
                WriteTxns(ref w, m.Txns);
                w.WriteLong(m.CommitThrough);
                break;
            case AckProposals m:
                w.WriteLong(m.ServerId);
                w.WriteLong(m.Zxid);
                break;
            case CommitThrough m:
                w.WriteLong(m.Zxid);
                break;
            case Inform m:
                WriteTxns(ref w, m.Txns);
                break;
            case LeaderPing m:
                w.WriteLong(m.LeaderId);
                w.WriteLong(m.LastProposedZxid);
                break;
            case LearnerPing m:
                w.WriteLong(m.ServerId);
                w.WriteInt(m.Touches.Count);
                foreach (var touch in m.Touches)
                {
                    w.WriteLong(touch.SessionId);
                    w.WriteInt(touch.Timeout);
                }

                break;
            case ForwardedRequest m:
                WriteRequest(ref w, m);
                break;
            case ForwardedRequests m:
                w.WriteInt(m.Requests.Count);
                foreach (var request in m.Requests)
                {
                    WriteRequest(ref w, request);
                }

                break;
            case ForwardedSync m:
                w.WriteLong(m.ServerId);
                w.WriteLong(m.SessionId);
                w.WriteInt(m.Cxid);
                break;
            case SyncCompleted m:
                w.WriteLong(m.SessionId);
                w.WriteInt(m.Cxid);
                w.WriteLong(m.Zxid);
                break;
            default:
                throw new ArgumentException($"{nameof(ZabSerializer)} cannot serialize {obj.GetType()}", nameof(obj));
        }

        var bytes = output.WrittenSpan.ToArray();
        if (output.WrittenCount > 1 << 20)
        {
            // A sync's big chunk should not stay pinned to this thread.
            buffer = null;
            output.Dispose();
        }

        return bytes;
    }

    /// <inheritdoc/>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var r = new JuteReader(bytes);
        try
        {
            object message = manifest switch
            {
                "en" => new ElectionNotification(new Notification(
                    r.ReadLong(),
                    ReadState(ref r),
                    new Vote(r.ReadLong(), r.ReadLong(), r.ReadLong(), r.ReadLong()))),
                "fi" => new FollowerInfo(r.ReadLong(), r.ReadBool(), r.ReadLong(), r.ReadLong()) { Registration = r.ReadLong() },
                "li" => new LeaderInfo(r.ReadLong(), r.ReadLong()),
                "ae" => new AckEpoch(r.ReadLong(), r.ReadLong(), r.ReadLong()),
                "sx" => new SyncTxns(ReadTxns(ref r)),
                "tr" => new SyncTruncate(r.ReadLong()),
                "sc" => new SyncSnapshotChunk(r.ReadLong(), r.ReadInt(), r.ReadInt(), ReadBytes(ref r)),
                "nl" => new NewLeader(r.ReadLong()),
                "an" => new AckNewLeader(r.ReadLong(), r.ReadLong()),
                "ud" => new UpToDate(r.ReadLong()),
                "pr" => new Proposals(ReadTxns(ref r)) { CommitThrough = r.ReadLong() },
                "ap" => new AckProposals(r.ReadLong(), r.ReadLong()),
                "ct" => new CommitThrough(r.ReadLong()),
                "in" => new Inform(ReadTxns(ref r)),
                "lp" => new LeaderPing(r.ReadLong(), r.ReadLong()),
                "lg" => new LearnerPing(r.ReadLong(), ReadTouches(ref r)),
                "fr" => ReadRequest(ref r),
                "fq" => new ForwardedRequests(ReadRequests(ref r)),
                "fs" => new ForwardedSync(r.ReadLong(), r.ReadLong(), r.ReadInt()),
                "sd" => new SyncCompleted(r.ReadLong(), r.ReadInt(), r.ReadLong()),
                _ => throw new SerializationException($"Unknown quorum packet type '{manifest}'"),
            };
            if (r.Remaining != 0)
            {
                throw new SerializationException($"A quorum packet '{manifest}' has {r.Remaining} bytes after its last field");
            }

            return message;
        }
        catch (JuteException e)
        {
            throw new SerializationException($"A quorum packet '{manifest}' of {bytes.Length} bytes is malformed: {e.Message}", e);
        }
    }

    private static void WriteTxns(ref JuteWriter w, IReadOnlyList<LoggedTxn> txns)
    {
        w.WriteInt(txns.Count);
        foreach (var txn in txns)
        {
            w.WriteLong(txn.Zxid);
            w.WriteBuffer(txn.Bytes);
        }
    }

    private static void WriteRequest(ref JuteWriter w, ForwardedRequest m)
    {
        w.WriteLong(m.ServerId);
        w.WriteLong(m.SessionId);
        w.WriteInt(m.Cxid);
        w.WriteInt((int)m.Type);
        w.WriteBuffer(m.Body);
        w.WriteVector(m.AuthInfo);
    }

    private static ServerState ReadState(ref JuteReader r)
    {
        var state = (ServerState)r.ReadInt();
        return Enum.IsDefined(state) ? state : throw new SerializationException($"Unknown server state {(int)state}");
    }

    private static byte[] ReadBytes(ref JuteReader r)
        => r.ReadBuffer() ?? throw new SerializationException("A quorum packet has a null buffer where bytes belong");

    private static int ReadCount(ref JuteReader r)
    {
        var count = r.ReadInt();

        // Every element takes at least 4 bytes, so a count beyond that is a corrupt packet, not a huge allocation.
        return count >= 0 && count <= r.Remaining / 4
            ? count
            : throw new SerializationException($"A quorum packet claims {count} elements in {r.Remaining} bytes");
    }

    private static List<LoggedTxn> ReadTxns(ref JuteReader r)
    {
        var count = ReadCount(ref r);
        var txns = new List<LoggedTxn>(count);
        for (var i = 0; i < count; i++)
        {
            txns.Add(new LoggedTxn(r.ReadLong(), ReadBytes(ref r)));
        }

        return txns;
    }

    private static List<SessionTouch> ReadTouches(ref JuteReader r)
    {
        var count = ReadCount(ref r);
        var touches = new List<SessionTouch>(count);
        for (var i = 0; i < count; i++)
        {
            touches.Add(new SessionTouch(r.ReadLong(), r.ReadInt()));
        }

        return touches;
    }

    private static ForwardedRequest ReadRequest(ref JuteReader r)
        => new(r.ReadLong(), r.ReadLong(), r.ReadInt(), (OpCode)r.ReadInt(), ReadBytes(ref r), r.ReadVector<Id>() ?? []);

    private static List<ForwardedRequest> ReadRequests(ref JuteReader r)
    {
        var count = ReadCount(ref r);
        var requests = new List<ForwardedRequest>(count);
        for (var i = 0; i < count; i++)
        {
            requests.Add(ReadRequest(ref r));
        }

        return requests;
    }
}
