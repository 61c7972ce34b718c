using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class MultiTests
{
    private static readonly Stat SomeStat = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    [Fact]
    public void Empty_request_is_just_the_terminator()
        => Assert.Equal(Hex("ffffffff01ffffffff"), Encode(new MultiRequest([])));

    [Fact]
    public void Request_op_is_header_with_err_minus_one_then_record()
    {
        var bytes = Encode(new MultiRequest([MultiOp.Delete(new DeleteRequest("/a", 7))]));
        Assert.Equal(Hex("00000002" + "00" + "ffffffff" + "000000022f61" + "00000007" + "ffffffff01ffffffff"), bytes);
    }

    [Fact]
    public void Result_header_carries_err_zero_for_success_and_the_code_for_errors()
    {
        var bytes = Encode(new MultiResponse([MultiResult.Check(), MultiResult.Error(ErrorCode.NoNode)]));
        Assert.Equal(Hex("0000000d" + "00" + "00000000" + "ffffffff" + "00" + "ffffff9b" + "ffffff9b" + "ffffffff01ffffffff"), bytes);
    }

    [Fact]
    public void Decodes_every_result_type()
    {
        MultiResult[] results =
        [
            MultiResult.Create(new CreateResponse("/a")),
            MultiResult.Create2(new Create2Response("/b", SomeStat)),
            MultiResult.Delete(),
            MultiResult.Check(),
            MultiResult.SetData(new SetDataResponse(SomeStat)),
            MultiResult.GetData(new GetDataResponse(null, SomeStat)),
            MultiResult.GetChildren(new GetChildrenResponse(["x", "y"])),
            MultiResult.Error(ErrorCode.Ok),
        ];
        var decoded = Decode<MultiResponse>(Encode(new MultiResponse(results))).Results;
        Assert.Equal(results.Select(r => r.Type), decoded.Select(r => r.Type));
        Assert.Equal(new CreateResponse("/a"), decoded[0].Response);
        Assert.Equal(new Create2Response("/b", SomeStat), decoded[1].Response);
        Assert.Null(decoded[2].Response);
        Assert.Null(decoded[3].Response);
        Assert.Null(((GetDataResponse)decoded[5].Response!).Data);
        Assert.Equal(["x", "y"], ((GetChildrenResponse)decoded[6].Response!).Children);
        Assert.True(decoded[7].IsError);
        Assert.Equal(ErrorCode.Ok, decoded[7].Err);
    }

    [Fact]
    public void Error_code_of_a_result_comes_from_the_body_as_in_ZooKeeper()
    {
        // Header says -101, body says -110: ZooKeeper's client uses the ErrorResponse body.
        var bytes = Hex("ffffffff" + "00" + "ffffff9b" + "ffffff92" + "ffffffff01ffffffff");
        Assert.Equal(ErrorCode.NodeExists, Decode<MultiResponse>(bytes).Results[0].Err);
    }

    [Fact]
    public void MultiRead_request_decodes_read_ops()
    {
        var request = new MultiRequest([
            MultiOp.GetData(new GetDataRequest("/a", true)),
            MultiOp.GetChildren(new GetChildrenRequest("/b", false)),
        ]);
        var ops = Decode<MultiRequest>(Encode(request)).Ops;
        Assert.Equal([OpCode.GetData, OpCode.GetChildren], ops.Select(o => o.Type));
        Assert.Equal(new GetDataRequest("/a", true), ops[0].Request);
        Assert.Equal(new GetChildrenRequest("/b", false), ops[1].Request);
        Assert.All(ops, o => Assert.True(o.IsRead));
    }

    [Fact]
    public void Create_op_types_keep_their_opcode()
    {
        var create = new CreateRequest("/c", [1], Acl.OpenAclUnsafe, 0);
        var request = new MultiRequest([
            MultiOp.Create(create),
            MultiOp.Create(create, OpCode.Create2),
            MultiOp.Create(create, OpCode.CreateContainer),
            MultiOp.CreateTtl(new CreateTTLRequest("/t", null, Acl.OpenAclUnsafe, 5, 1000)),
        ]);
        var ops = Decode<MultiRequest>(Encode(request)).Ops;
        Assert.Equal([OpCode.Create, OpCode.Create2, OpCode.CreateContainer, OpCode.CreateTtl], ops.Select(o => o.Type));
        Assert.IsType<CreateTTLRequest>(ops[3].Request);
    }

    [Fact]
    public void Mixing_reads_and_writes_is_rejected_while_decoding()
    {
        // Encoding does not validate (the client side decides), decoding does, as ZooKeeper.
        var mixed = Encode(new MultiRequest([
            MultiOp.Delete(new DeleteRequest("/a", -1)),
            MultiOp.GetData(new GetDataRequest("/a", false)),
        ]));
        Assert.Throws<JuteException>(() => Decode<MultiRequest>(mixed));
    }

    [Theory]
    [InlineData(OpCode.Create)]
    [InlineData(OpCode.Create2)]
    [InlineData(OpCode.CreateContainer)]
    public void Invalid_create_flags_are_left_to_the_server(OpCode type)
    {
        // ZooKeeper 3.8.0 decodes any flags; the bad op alone fails with BadArguments when it is prepared.
        var bytes = Encode(new MultiRequest([MultiOp.Create(new CreateRequest("/a", null, [], 7), type)]));
        Assert.Equal(7, ((CreateRequest)Decode<MultiRequest>(bytes).Ops[0].Request).Flags);
    }

    [Fact]
    public void CreateTtl_flags_are_left_to_the_server()
    {
        var bytes = Encode(new MultiRequest([MultiOp.CreateTtl(new CreateTTLRequest("/a", null, [], 99, 1))]));
        Assert.Equal(99, ((CreateTTLRequest)Decode<MultiRequest>(bytes).Ops[0].Request).Flags);
    }

    [Theory]
    [InlineData("00000003" + "00" + "ffffffff")] // exists is not a multi op
    [InlineData("ffffffff" + "00" + "ffffffff")] // type -1 without done
    public void Unknown_op_types_are_rejected(string header)
        => Assert.Throws<JuteException>(() => Decode<MultiRequest>(Hex(header + "000000022f61" + "ffffffff01ffffffff")));

    [Theory]
    [InlineData(OpCode.CreateContainer)]
    [InlineData(OpCode.CreateTtl)]
    [InlineData(OpCode.Exists)]
    public void Result_types_ZooKeeper_never_sends_are_rejected(OpCode type)
    {
        // createContainer/createTTL results travel as create2; ZooKeeper's client rejects 19 and 21 too.
        var bytes = Encode(new MultiHeader(type, false, ErrorCode.Ok)).Concat(Encode(new Create2Response("/a", SomeStat)))
            .Concat(Encode(MultiHeader.Terminator)).ToArray();
        Assert.Throws<JuteException>(() => Decode<MultiResponse>(bytes));
    }

    [Fact]
    public void Loop_ends_on_done_whatever_the_type()
    {
        // ZooKeeper stops at done=true without looking at the type.
        Assert.Empty(Decode<MultiRequest>(Hex("00000001" + "01" + "00000000")).Ops);
    }

    [Fact]
    public void Create_factory_rejects_other_types()
        => Assert.Throws<ArgumentOutOfRangeException>(() => MultiOp.Create(new CreateRequest("/a", null, [], 0), OpCode.Delete));
}
