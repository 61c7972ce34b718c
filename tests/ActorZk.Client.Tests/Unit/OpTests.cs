using ActorZk.Client.Exceptions;
using ActorZk.Client.Multi;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.Unit;

public sealed class OpTests
{
    private static readonly IReadOnlyList<Acl> Open = Acl.OpenAclUnsafe;

    [Fact]
    public void Factories_validate_paths_and_arguments()
    {
        Assert.Throws<ArgumentException>(() => Op.Create("bad", [], Open));
        Assert.Throws<ArgumentException>(() => Op.Delete("/a/"));
        Assert.Throws<ArgumentException>(() => Op.SetData("", []));
        Assert.Throws<ArgumentException>(() => Op.Check("/a//b", 1));
        Assert.Throws<ArgumentException>(() => Op.GetData("x"));
        Assert.Throws<ArgumentException>(() => Op.GetChildren("/."));
        Assert.Throws<InvalidAclException>(() => Op.Create("/a", [], []));
        Assert.Throws<ArgumentException>(() => Op.Create("/a", [], Open, CreateMode.PersistentWithTtl));
        Assert.Throws<ArgumentException>(() => Op.Create("/a", [], Open, CreateMode.PersistentWithTtl, ttl: 0));
        Assert.Throws<ArgumentException>(() => Op.Create("/a", [], Open, CreateMode.PersistentWithTtl, ttl: CreateArguments.MaxTtl + 1));
        Assert.Throws<ArgumentException>(() => Op.Create("/a", [], Open, CreateMode.Ephemeral, ttl: 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Op.Create("/a", [], Open, (CreateMode)42));
        Assert.Equal("/seq/", Op.Create("/seq/", [], Open, CreateMode.PersistentSequential).Path);
    }

    [Fact]
    public void Ops_map_to_wire_ops_under_the_chroot()
    {
        var chroot = Chroot.Of("/app");

        var create = Op.Create("/a", [1], Open, CreateMode.Ephemeral).ToProtocol(chroot);
        Assert.Equal(OpCode.Create, create.Type);
        Assert.Equal(new CreateRequest("/app/a", [1], Open, (int)CreateMode.Ephemeral).Path, ((CreateRequest)create.Request).Path);

        Assert.Equal(OpCode.CreateContainer, Op.Create("/c", [], Open, CreateMode.Container).ToProtocol(chroot).Type);
        var ttl = Op.Create("/t", [], Open, CreateMode.PersistentWithTtl, ttl: 1000).ToProtocol(chroot);
        Assert.Equal(OpCode.CreateTtl, ttl.Type);
        Assert.Equal(1000, ((CreateTTLRequest)ttl.Request).Ttl);

        Assert.Equal(new DeleteRequest("/app/d", 3), Op.Delete("/d", 3).ToProtocol(chroot).Request);
        Assert.Equal(new CheckVersionRequest("/app", 1), Op.Check("/", 1).ToProtocol(chroot).Request);
        Assert.Equal(new GetDataRequest("/app/g", false), Op.GetData("/g").ToProtocol(chroot).Request);
        Assert.Equal(new GetChildrenRequest("/app/g", false), Op.GetChildren("/g").ToProtocol(chroot).Request);
        Assert.Equal("/app/s", ((SetDataRequest)Op.SetData("/s", null, 2).ToProtocol(chroot).Request).Path);
        Assert.True(Op.GetData("/g").IsRead);
        Assert.False(Op.Check("/g", 0).IsRead);
    }

    [Fact]
    public void Wire_results_map_to_client_results_without_the_chroot()
    {
        var chroot = Chroot.Of("/app");
        var stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        Assert.Equal(new CreateResult("/a", null), OpResult.FromProtocol(MultiResult.Create(new CreateResponse("/app/a")), chroot));
        Assert.Equal(new CreateResult("/", stat), OpResult.FromProtocol(MultiResult.Create2(new Create2Response("/app", stat)), chroot));
        Assert.Equal(new SetDataResult(stat), OpResult.FromProtocol(MultiResult.SetData(new SetDataResponse(stat)), chroot));
        Assert.IsType<DeleteResult>(OpResult.FromProtocol(MultiResult.Delete(), chroot));
        Assert.IsType<CheckResult>(OpResult.FromProtocol(MultiResult.Check(), chroot));
        Assert.Equal(["k"], Assert.IsType<GetChildrenResult>(OpResult.FromProtocol(MultiResult.GetChildren(new GetChildrenResponse(["k"])), chroot)).Children);
        var error = OpResult.FromProtocol(MultiResult.Error(ErrorCode.NoNode), chroot);
        Assert.Equal(new ErrorResult(ErrorCode.NoNode), error);
        Assert.Equal(ErrorCode.NoNode, error.Error);
    }
}
