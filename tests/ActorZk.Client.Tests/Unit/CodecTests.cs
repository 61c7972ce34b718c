using ActorZk.Client.Engine;
using ActorZk.Client.Engine.Codecs;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.Unit;

public sealed class CodecTests
{
    private static readonly Stat SomeStat = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    [Fact]
    public void Failed_multi_throws_the_first_error_with_all_results_and_the_ops_path()
    {
        var body = Encode(new MultiResponse([MultiResult.Error(ErrorCode.Ok), MultiResult.Error(ErrorCode.NoNode), MultiResult.Error(ErrorCode.RuntimeInconsistency)]));
        IReadOnlyList<Op> ops = [Op.Create("/a", [], Acl.OpenAclUnsafe), Op.Delete("/b"), Op.Check("/c", 1)];

        var error = Assert.Throws<NoNodeException>(() => Decode<IReadOnlyList<OpResult>, MultiCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), body, ops));

        Assert.Equal("/b", error.Path);
        Assert.Equal(1, error.FailedOpIndex);
        Assert.Equal([ErrorCode.Ok, ErrorCode.NoNode, ErrorCode.RuntimeInconsistency], error.MultiResults!.Select(r => r.Error));
    }

    [Fact]
    public void Multi_error_in_the_header_without_body_throws_without_results()
    {
        var error = Assert.Throws<NotEmptyException>(() => Decode<IReadOnlyList<OpResult>, MultiCodec>(new ReplyHeader(1, 5, ErrorCode.NotEmpty), [], null));
        Assert.Null(error.MultiResults);
        Assert.Equal(-1, error.FailedOpIndex);
    }

    [Fact]
    public void Successful_multi_returns_the_results()
    {
        var body = Encode(new MultiResponse([MultiResult.Create(new CreateResponse("/app/a")), MultiResult.SetData(new SetDataResponse(SomeStat))]));
        var results = Decode<IReadOnlyList<OpResult>, MultiCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), body, null, Chroot.Of("/app"));
        Assert.Equal([new CreateResult("/a", null), new SetDataResult(SomeStat)], results);
    }

    [Fact]
    public void Exists_maps_no_node_to_null()
    {
        Assert.Null(Decode<Stat?, ExistsCodec>(new ReplyHeader(1, 5, ErrorCode.NoNode), [], null));
        Assert.Equal(SomeStat, Decode<Stat?, ExistsCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), Encode(new ExistsResponse(SomeStat)), null));
        Assert.Throws<NoAuthException>(() => Decode<Stat?, ExistsCodec>(new ReplyHeader(1, 5, ErrorCode.NoAuth), [], null));
    }

    [Fact]
    public void Ephemerals_keep_only_paths_inside_the_chroot()
    {
        var body = Encode(new GetEphemeralsResponse(["/app", "/app/x", "/apple/y", "/other"]));
        Assert.Equal(["/", "/x"], Decode<IReadOnlyList<string>, EphemeralsCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), body, null, Chroot.Of("/app")));
    }

    [Fact]
    public void Data_keeps_null_distinct_from_empty()
    {
        var (data, stat) = Decode<(byte[]?, Stat), DataCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), Encode(new GetDataResponse(null, SomeStat)), null);
        Assert.Null(data);
        Assert.Equal(SomeStat, stat);
        var empty = Decode<(byte[]?, Stat), DataCodec>(new ReplyHeader(1, 5, ErrorCode.Ok), Encode(new GetDataResponse([], SomeStat)), null).Item1;
        Assert.NotNull(empty);
        Assert.Empty(empty);
    }

    [Fact]
    public void Raw_reply_keeps_the_header_and_body()
    {
        var body = Encode(new SyncResponse("/x"));
        var reply = Decode<RawReply, RawCodec>(new ReplyHeader(7, 9, ErrorCode.Ok), body, null);
        Assert.Equal(new ReplyHeader(7, 9, ErrorCode.Ok), reply.Header);
        Assert.Equal("/x", reply.Read<SyncResponse>().Path);
    }

    private static byte[] Encode(IJuteRecord record)
    {
        using var buffer = new PooledBufferWriter();
        var writer = new JuteWriter(buffer);
        record.Serialize(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static TResult Decode<TResult, TCodec>(ReplyHeader header, byte[] body, object? state, Chroot? chroot = null)
        where TCodec : struct, IReplyCodec<TResult>
    {
        var reader = new JuteReader(body);
        return TCodec.Decode(header, ref reader, new ReplyContext(chroot ?? Chroot.None, "/p", state));
    }
}
