using ActorZk.Protocol.Framing;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using CsCheck;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class RequestDecoderTests
{
    private static IJuteRecord? DecodeBody(OpCode op, byte[] body)
    {
        var reader = new JuteReader(body);
        return RequestDecoder.Decode(op, ref reader);
    }

    public static TheoryData<OpCode, Type> BodyTypes => new()
    {
        { OpCode.Create, typeof(CreateRequest) },
        { OpCode.Create2, typeof(CreateRequest) },
        { OpCode.CreateContainer, typeof(CreateRequest) },
        { OpCode.CreateTtl, typeof(CreateTTLRequest) },
        { OpCode.Delete, typeof(DeleteRequest) },
        { OpCode.DeleteContainer, typeof(DeleteContainerRequest) },
        { OpCode.Exists, typeof(ExistsRequest) },
        { OpCode.GetData, typeof(GetDataRequest) },
        { OpCode.SetData, typeof(SetDataRequest) },
        { OpCode.GetAcl, typeof(GetACLRequest) },
        { OpCode.SetAcl, typeof(SetACLRequest) },
        { OpCode.GetChildren, typeof(GetChildrenRequest) },
        { OpCode.GetChildren2, typeof(GetChildren2Request) },
        { OpCode.GetAllChildrenNumber, typeof(GetAllChildrenNumberRequest) },
        { OpCode.Sync, typeof(SyncRequest) },
        { OpCode.Ping, typeof(EmptyRecord) },
        { OpCode.CloseSession, typeof(EmptyRecord) },
        { OpCode.WhoAmI, typeof(EmptyRecord) },
        { OpCode.Multi, typeof(MultiRequest) },
        { OpCode.MultiRead, typeof(MultiRequest) },
        { OpCode.Reconfig, typeof(ReconfigRequest) },
        { OpCode.CheckWatches, typeof(CheckWatchesRequest) },
        { OpCode.RemoveWatches, typeof(RemoveWatchesRequest) },
        { OpCode.AddWatch, typeof(AddWatchRequest) },
        { OpCode.Auth, typeof(AuthPacket) },
        { OpCode.Sasl, typeof(GetSASLRequest) },
        { OpCode.SetWatches, typeof(SetWatches) },
        { OpCode.SetWatches2, typeof(SetWatches2) },
        { OpCode.GetEphemerals, typeof(GetEphemeralsRequest) },
    };

    private static IJuteRecord Sample(Type type) => type.Name switch
    {
        nameof(CreateRequest) => new CreateRequest("/a", [1], Acl.OpenAclUnsafe, 1),
        nameof(CreateTTLRequest) => new CreateTTLRequest("/a", null, Acl.OpenAclUnsafe, 5, 60000),
        nameof(DeleteRequest) => new DeleteRequest("/a", 3),
        nameof(DeleteContainerRequest) => new DeleteContainerRequest("/a"),
        nameof(ExistsRequest) => new ExistsRequest("/a", true),
        nameof(GetDataRequest) => new GetDataRequest("/a", true),
        nameof(SetDataRequest) => new SetDataRequest("/a", [9], 2),
        nameof(GetACLRequest) => new GetACLRequest("/a"),
        nameof(SetACLRequest) => new SetACLRequest("/a", Acl.CreatorAllAcl, 1),
        nameof(GetChildrenRequest) => new GetChildrenRequest("/a", false),
        nameof(GetChildren2Request) => new GetChildren2Request("/a", true),
        nameof(GetAllChildrenNumberRequest) => new GetAllChildrenNumberRequest("/a"),
        nameof(SyncRequest) => new SyncRequest("/a"),
        nameof(EmptyRecord) => EmptyRecord.Instance,
        nameof(MultiRequest) => new MultiRequest([MultiOp.Check(new CheckVersionRequest("/a", 1))]),
        nameof(ReconfigRequest) => new ReconfigRequest("server.1=h:1:2", "", "", -1),
        nameof(CheckWatchesRequest) => new CheckWatchesRequest("/a", 1),
        nameof(RemoveWatchesRequest) => new RemoveWatchesRequest("/a", 3),
        nameof(AddWatchRequest) => new AddWatchRequest("/a", 1),
        nameof(AuthPacket) => new AuthPacket(0, "digest", "u:p"u8.ToArray()),
        nameof(GetSASLRequest) => new GetSASLRequest([1, 2]),
        nameof(SetWatches) => new SetWatches(5, ["/a"], [], ["/b"]),
        nameof(SetWatches2) => new SetWatches2(5, ["/a"], [], ["/b"], ["/c"], ["/d"]),
        nameof(GetEphemeralsRequest) => new GetEphemeralsRequest("/"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    [Theory]
    [MemberData(nameof(BodyTypes))]
    public void Decodes_the_body_of_each_client_op(OpCode op, Type type)
    {
        var sample = Sample(type);
        var body = Encode(sample);
        var decoded = DecodeBody(op, body);
        Assert.IsType(type, decoded);
        Assert.Equal(body, Encode(decoded!));
    }

    [Theory]
    [InlineData(OpCode.Notification)]
    [InlineData(OpCode.CreateSession)]
    [InlineData(OpCode.Error)]
    [InlineData((OpCode)10)]
    [InlineData((OpCode)23)]
    [InlineData((OpCode)108)]
    [InlineData((OpCode)int.MinValue)]
    public void Returns_null_for_ops_a_client_may_not_send(OpCode op)
        => Assert.Null(DecodeBody(op, Encode(new DeleteRequest("/a", 1))));

    [Fact]
    public void A_lone_check_is_decoded_because_ZooKeeper_3_8_0_accepts_it()
        => Assert.Equal(new CheckVersionRequest("/a", 3), DecodeBody(OpCode.Check, Encode(new CheckVersionRequest("/a", 3))));

    [Fact]
    public void Random_bodies_decode_or_throw_JuteException_only()
    {
        Gen.Select(Gen.Int[-12, 110], Gen.Byte.Array[0, 64]).Sample((op, body) =>
        {
            var exception = Record.Exception(() => DecodeBody((OpCode)op, body));
            Assert.True(exception is null or JuteException, exception?.ToString());
        }, iter: 20000);
    }

    [Fact]
    public void Mutated_valid_bodies_decode_or_throw_JuteException_only()
    {
        // Random bytes mostly fail at the first length; corrupting valid bodies reaches the later fields.
        var cases = BodyTypes.Select(row => ((OpCode)row[0], Encode(Sample((Type)row[1])))).ToArray();
        Gen.Select(Gen.Int[0, cases.Length - 1], Gen.Select(Gen.Int[0, 1000], Gen.Byte).List[1, 4], Gen.Int[0, 8]).Sample((index, edits, cut) =>
        {
            var (op, valid) = cases[index];
            var body = valid[..Math.Max(0, valid.Length - cut)];
            foreach (var (position, value) in edits)
            {
                if (body.Length > 0)
                {
                    body[position % body.Length] = value;
                }
            }

            var exception = Record.Exception(() => DecodeBody(op, body));
            Assert.True(exception is null or JuteException, exception?.ToString());
        }, iter: 20000);
    }

    [Fact]
    public void Random_replies_decode_or_throw_JuteException_only()
    {
        Gen.Byte.Array[0, 64].Sample(body =>
        {
            foreach (var decode in new Action<byte[]>[]
            {
                b => Decode<MultiResponse>(b),
                b => Decode<ConnectResponse>(b),
                b => Decode<GetACLResponse>(b),
                b => Decode<WhoAmIResponse>(b),
            })
            {
                var exception = Record.Exception(() => decode(body));
                Assert.True(exception is null or JuteException or Xunit.Sdk.XunitException, exception?.ToString());
            }
        }, iter: 5000);
    }
}
