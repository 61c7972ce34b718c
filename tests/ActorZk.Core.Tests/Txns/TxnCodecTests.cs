using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Txns;

using Acl = ActorZk.Protocol.Records.Acl;

public class TxnCodecTests
{
    public static TheoryData<OpCode, ITxn> Txns => new()
    {
        { OpCode.Create, new CreateTxn("/a", [1, 2], Acl.OpenAclUnsafe, true, 3) },
        { OpCode.Create2, new CreateTxn("/a", null, Acl.OpenAclUnsafe, false, 0) },
        { OpCode.CreateTtl, new CreateTTLTxn("/t", [], Acl.ReadAclUnsafe, 1, 5000) },
        { OpCode.CreateContainer, new CreateContainerTxn("/c", [9], Acl.OpenAclUnsafe, 7) },
        { OpCode.Delete, new DeleteTxn("/a") },
        { OpCode.DeleteContainer, new DeleteTxn("/c") },
        { OpCode.SetData, new SetDataTxn("/a", [1], 4) },
        { OpCode.SetAcl, new SetACLTxn("/a", [new Acl(Perms.Read, new Id("ip", "1.2.3.4"))], 2) },
        { OpCode.Check, new CheckVersionTxn("/a", 1) },
        { OpCode.CreateSession, new CreateSessionTxn(30000) },
        { OpCode.CloseSession, new CloseSessionTxn(["/e1", "/e2"]) },
        { OpCode.Error, new ErrorTxn(ErrorCode.NoNode) },
        {
            OpCode.Multi,
            new MultiTxn([new Txn(OpCode.Create, new CreateTxn("/m", null, Acl.OpenAclUnsafe, false, 1)), new Txn(OpCode.Error, new ErrorTxn(ErrorCode.Ok))])
        },
    };

    [Theory]
    [MemberData(nameof(Txns))]
    public void Round_trips_exactly(OpCode type, ITxn txn)
    {
        var header = new TxnHeader(0x1234, 5, 0x100000007, 1_700_000_000_123, type);
        var bytes = TxnCodec.Encode(header, txn);
        var decodedHeader = TxnCodec.Decode(bytes, out var decoded);
        Assert.Equal(header, decodedHeader);
        Assert.NotNull(decoded);
        Assert.Equal(txn.GetType(), decoded.GetType());
        Assert.Equal(bytes, TxnCodec.Encode(decodedHeader, decoded));
    }

    [Fact]
    public void Header_layout_is_jute()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4, OpCode.Delete), new DeleteTxn("/x"));
        byte[] expected =
        [
            0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 2,
            0, 0, 0, 2, (byte)'/', (byte)'x',
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Null_data_stays_null()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4, OpCode.SetData), new SetDataTxn("/x", null, 1));
        TxnCodec.Decode(bytes, out var txn);
        Assert.Null(((SetDataTxn)txn!).Data);
    }

    [Fact]
    public void Close_session_without_body_decodes_to_null()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4, OpCode.CloseSession), null);
        TxnCodec.Decode(bytes, out var txn);
        Assert.Null(txn);
    }

    [Fact]
    public void Version0_create_reads_parent_cversion_minus_one()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new JuteWriter(buffer);
        new TxnHeader(1, 2, 3, 4, OpCode.Create).Serialize(ref writer);
        writer.WriteString("/a");
        writer.WriteBuffer([1]);
        writer.WriteVector(Acl.OpenAclUnsafe);
        writer.WriteBool(false);
        TxnCodec.Decode(buffer.WrittenSpan, out var txn);
        Assert.Equal(-1, ((CreateTxn)txn!).ParentCVersion);
    }

    [Fact]
    public void Rejects_garbage()
    {
        Assert.Throws<JuteException>(() => TxnCodec.Decode(new byte[10], out _));
        var unknown = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4, OpCode.GetData), new DeleteTxn("/x"));
        Assert.Throws<JuteException>(() => TxnCodec.Decode(unknown, out _));
        var trailing = TxnCodec.Encode(new TxnHeader(1, 2, 3, 4, OpCode.Delete), new DeleteTxn("/x")).Concat(new byte[] { 0 }).ToArray();
        Assert.Throws<JuteException>(() => TxnCodec.Decode(trailing, out _));
    }

    [Fact]
    public void Multi_entries_decode_lazily_and_refuse_other_types()
    {
        var entry = new Txn(OpCode.SetData, TxnCodec.EncodeBody(new SetDataTxn("/a", [1], 2)));
        Assert.Equal("/a", ((SetDataTxn)entry.Record).Path);
        var bad = new Txn(OpCode.CreateSession, TxnCodec.EncodeBody(new CreateSessionTxn(1)));
        Assert.Throws<JuteException>(() => bad.Record);
    }
}
