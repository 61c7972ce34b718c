using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

// A path sent as a null string (length -1) decodes to "" and is flagged, so the server can answer it as ZooKeeper
// does (mostly MarshallingError) instead of as the path "".
public class NullPathTests
{
    private static IJuteRecord? DecodeBody(OpCode op, byte[] body)
    {
        var reader = new JuteReader(body);
        return RequestDecoder.Decode(op, ref reader);
    }

    public static TheoryData<OpCode, string> PathFirstBodies => new()
    {
        { OpCode.Create, "ffffffff" + "ffffffff" + "00000000" + "00000000" },
        { OpCode.CreateTtl, "ffffffff" + "ffffffff" + "00000000" + "00000005" + "00000000000003e8" },
        { OpCode.Delete, "ffffffff" + "ffffffff" },
        { OpCode.SetData, "ffffffff" + "00000000" + "ffffffff" },
        { OpCode.SetAcl, "ffffffff" + "00000000" + "ffffffff" },
        { OpCode.Check, "ffffffff" + "ffffffff" },
        { OpCode.Exists, "ffffffff" + "01" },
        { OpCode.GetData, "ffffffff" + "00" },
        { OpCode.GetChildren, "ffffffff" + "00" },
        { OpCode.GetChildren2, "ffffffff" + "00" },
        { OpCode.GetAcl, "ffffffff" },
        { OpCode.GetAllChildrenNumber, "ffffffff" },
        { OpCode.Sync, "ffffffff" },
        { OpCode.GetEphemerals, "ffffffff" },
        { OpCode.AddWatch, "ffffffff" + "00000000" },
        { OpCode.CheckWatches, "ffffffff" + "00000003" },
        { OpCode.RemoveWatches, "ffffffff" + "00000003" },
    };

    [Theory]
    [MemberData(nameof(PathFirstBodies))]
    public void Null_path_is_flagged_and_round_trips(OpCode op, string hex)
    {
        var record = DecodeBody(op, Hex(hex));
        var pathRequest = Assert.IsAssignableFrom<IPathRequest>(record);
        Assert.True(pathRequest.PathIsNull);
        Assert.Equal(Hex(hex), Encode(record!));
    }

    [Fact]
    public void Empty_path_is_not_null()
    {
        var record = Assert.IsType<GetDataRequest>(DecodeBody(OpCode.GetData, Hex("00000000" + "00")));
        Assert.False(record.PathIsNull);
        Assert.Equal(string.Empty, record.Path);
    }

    [Fact]
    public void Null_data_stays_null_and_is_not_a_null_path()
    {
        var record = Assert.IsType<SetDataRequest>(DecodeBody(OpCode.SetData, Hex("00000002" + "2f61" + "ffffffff" + "ffffffff")));
        Assert.False(record.PathIsNull);
        Assert.Null(record.Data);
    }

    [Fact]
    public void Multi_ops_keep_the_flag()
    {
        // create "/a" then delete(null): header(type, done, err) + body per op, then the terminator
        var body = Hex(
            "00000001" + "00" + "ffffffff" + "00000002" + "2f61" + "00000000" + "00000001" + "0000001f" + "00000005" + "776f726c64" + "00000006" + "616e796f6e65" + "00000000"
            + "00000002" + "00" + "ffffffff" + "ffffffff" + "ffffffff"
            + "ffffffff" + "01" + "ffffffff");
        var multi = Assert.IsType<MultiRequest>(DecodeBody(OpCode.Multi, body));
        Assert.False(Assert.IsAssignableFrom<IPathRequest>(multi.Ops[0].Request).PathIsNull);
        Assert.True(Assert.IsAssignableFrom<IPathRequest>(multi.Ops[1].Request).PathIsNull);
    }

    [Fact]
    public void Acl_ids_keep_null_strings()
    {
        var bytes = Hex("ffffffff" + "00000005" + "776f726c64" + "ffffffff");
        var first = Decode<Id>(bytes.AsSpan(0, 13));
        var second = Decode<Id>(bytes.AsSpan(4, 13));
        Assert.True(first.SchemeIsNull);
        Assert.False(first.IdentityIsNull);
        Assert.Equal("world", first.Identity);
        Assert.Equal("world", second.Scheme);
        Assert.True(second.IdentityIsNull);
        Assert.Equal(bytes.AsSpan(4, 13).ToArray(), Encode(second));
    }

    [Fact]
    public void Sync_response_echoes_a_null_path()
    {
        Assert.Equal(Hex("ffffffff"), Encode(new SyncResponse(string.Empty) { PathIsNull = true }));
    }
}
