using ActorZk.Core.Containers;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tests.Containers;

using Acl = ActorZk.Protocol.Records.Acl;

public class ContainerCleanupTests
{
    [Fact]
    public void Containers_are_candidates_once_used_and_empty()
    {
        var h = new Harness();
        h.Time = 1000;
        h.Write(OpCode.CreateContainer, new CreateRequest("/used", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        h.Write(OpCode.CreateContainer, new CreateRequest("/fresh", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        h.Write(OpCode.CreateContainer, new CreateRequest("/busy", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        h.CreatedPath("/used/kid");
        h.Delete("/used/kid");
        h.CreatedPath("/busy/kid");
        Assert.Equal(["/used"], ContainerCleanup.FindCandidates(h.Tree, 2000, maxNeverUsedIntervalMs: 0));
        Assert.Equal(["/used"], ContainerCleanup.FindCandidates(h.Tree, 1000 + 5000, maxNeverUsedIntervalMs: 5000));
        Assert.Equal(["/used", "/fresh"], ContainerCleanup.FindCandidates(h.Tree, 1000 + 5001, maxNeverUsedIntervalMs: 5000));
    }

    [Fact]
    public void Candidates_come_in_the_order_of_zookeepers_hash_set()
    {
        // ContainerManager.getCandidates collects the paths in a java.util.HashSet and deletes them as it iterates:
        // OpenJDK 17 lists these four so. The deletions' zxids and events follow that order.
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        h.Time = 1000;
        h.CreatedPath("/c");
        foreach (var path in new[] { "/c/node", "/c/b", "/c/a" })
        {
            h.Write(OpCode.CreateContainer, new CreateRequest(path, [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
            h.CreatedPath(path + "/kid");
            h.Delete(path + "/kid");
        }

        h.CreatedPath("/t");
        h.Write(OpCode.CreateTtl, new CreateTTLRequest("/t/1", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 1));
        Assert.Equal(["/c/a", "/t/1", "/c/b", "/c/node"], ContainerCleanup.FindCandidates(h.Tree, 2000));
    }

    [Fact]
    public void Never_used_containers_are_kept_for_ever_by_default()
    {
        // 3.8.0 ZooKeeperServerMain / LeaderZooKeeperServer build the ContainerManager with
        // Long.getLong("znode.container.maxNeverUsedIntervalMs", 0): an empty container with cversion 0 stays.
        var h = new Harness();
        h.Time = 1000;
        h.Write(OpCode.CreateContainer, new CreateRequest("/fresh", [], Acl.OpenAclUnsafe, (int)CreateMode.Container));
        Assert.Equal(0, ContainerCleanup.DefaultMaxNeverUsedIntervalMs);
        Assert.Empty(ContainerCleanup.FindCandidates(h.Tree, long.MaxValue / 2));
    }

    [Fact]
    public void Ttl_nodes_are_candidates_after_their_ttl_since_last_modification()
    {
        var h = new Harness(new CoreOptions { ExtendedTypesEnabled = true });
        h.Time = 1000;
        h.Write(OpCode.CreateTtl, new CreateTTLRequest("/t", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 500));
        h.Write(OpCode.CreateTtl, new CreateTTLRequest("/full", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentWithTtl, 500));
        h.CreatedPath("/full/kid");
        Assert.Empty(ContainerCleanup.FindCandidates(h.Tree, 1500));
        Assert.Equal(["/t"], ContainerCleanup.FindCandidates(h.Tree, 1501));
        h.Time = 1400;
        h.SetData("/t", [1]);
        Assert.Empty(ContainerCleanup.FindCandidates(h.Tree, 1501));
        Assert.Equal(60, ContainerCleanup.GetMinIntervalMs(1000));
    }
}
