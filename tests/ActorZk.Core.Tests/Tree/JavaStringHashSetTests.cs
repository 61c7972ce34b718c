using ActorZk.Protocol;
using ActorZk.Core.Tree;

namespace ActorZk.Core.Tests.Tree;

// Expected orders are what OpenJDK 17 (the JVM of the reference ZooKeeper) prints for new ArrayList<>(set) after the
// same operations on a java.util.HashSet<String>.
public class JavaStringHashSetTests
{
    private static JavaStringHashSet Of(params string[] items)
    {
        var set = new JavaStringHashSet();
        foreach (var item in items)
        {
            set.Add(item);
        }

        return set;
    }

    private static string[] Of8(params string[] items)
    {
        var set = new JavaStringHashSet(8);
        foreach (var item in items)
        {
            set.Add(item);
        }

        return set.ToArray();
    }

    [Fact]
    public void Enumerates_in_the_order_of_a_java_hash_set()
    {
        var set = Of("/zkdiff-1/c/b", "/zkdiff-1/a0000000000", "/r/node-1", "/r/node-10", "/r/node-2", "/r/x");
        string[] java = ["/zkdiff-1/c/b", "/r/node-2", "/r/node-1", "/r/x", "/zkdiff-1/a0000000000", "/r/node-10"];
        Assert.Equal(java, set.ToArray());
        Assert.Equal(java, set.Clone().ToArray());
        Assert.Equal(6, set.Count);
        Assert.False(set.Add("/r/x"));
        Assert.True(set.Contains("/r/node-10"));
    }

    [Fact]
    public void Colliding_hashes_keep_their_order_of_addition()
    {
        // "Aa" and "BB" have the same String.hashCode.
        Assert.Equal(["x", "BBBB", "AaAa", "AaBB", "BBAa"], Of("BBBB", "AaAa", "AaBB", "BBAa", "x").ToArray());

        // Ten keys of one hash: a ninth entry in a bucket of a table under 64 resizes it (twice here).
        string[] parts = ["Aa", "BB"];
        var keys = Enumerable.Range(0, 10).Select(i => string.Concat(Enumerable.Range(0, 4).Select(k => parts[(i >> k) & 1]))).ToList();
        Assert.Equal([.. keys, "z"], Of([.. keys, "z"]).ToArray());
    }

    [Fact]
    public void A_clone_is_sized_for_its_count_and_may_reorder()
    {
        // The set grew to 32 buckets; its clone has 4 (HashMap.putMapEntries: tableSizeFor((int)(2 / 0.75f + 1))).
        var set = Of([.. Enumerable.Range(0, 20).Select(i => $"/s/e{i}")]);
        for (var i = 0; i < 20; i++)
        {
            if (i is not (0 or 2))
            {
                set.Remove($"/s/e{i}");
            }
        }

        Assert.Equal(["/s/e2", "/s/e0"], set.ToArray());
        Assert.Equal(["/s/e0", "/s/e2"], set.Clone().ToArray());

        var big = Of([.. Enumerable.Range(0, 40).Select(i => $"/e/n{i}")]);
        for (var i = 0; i < 37; i++)
        {
            big.Remove($"/e/n{i}");
        }

        Assert.Equal(["/e/n38", "/e/n39", "/e/n37"], big.ToArray());
        var clone = big.Clone();
        clone.Add("/e/late");
        clone.Add("/e/later");
        clone.Add("/e/latest");
        Assert.Equal(["/e/n38", "/e/late", "/e/n39", "/e/n37", "/e/later", "/e/latest"], clone.ToArray());
        Assert.Equal(3, big.Count);
    }

    [Fact]
    public void A_set_made_with_capacity_8_orders_as_a_datanodes_children()
    {
        // DataNode.addChild makes new HashSet<String>(8): 8 buckets, doubling past 6 entries.
        var set = new JavaStringHashSet(8);
        Assert.Equal(0, set.Capacity);
        foreach (var name in new[] { "node-10", "node-2", "node-1", "x", "lock-0000000003", "lock-0000000001", "lock-0000000002" })
        {
            set.Add(name);
        }

        Assert.Equal(16, set.Capacity);
        Assert.Equal(["node-1", "node-2", "x", "lock-0000000001", "node-10", "lock-0000000003", "lock-0000000002"], set.ToArray());
        set.Remove("node-2");
        set.Remove("x");
        set.Remove("lock-0000000001");
        Assert.Equal(["node-1", "node-10", "lock-0000000003", "lock-0000000002"], set.ToArray());
        Assert.Equal(["a", "b", "c"], Of8("c", "b", "a"));
        Assert.Equal(["zkdiff-r-1", "0000000003", "zookeeper", "zkdiff-r-17"], Of8("zookeeper", "zkdiff-r-17", "0000000003", "zkdiff-r-1"));
    }

    [Fact]
    public void Java_string_hash_codes()
    {
        Assert.Equal(99162322, JavaHash.Of("hello"));
        Assert.Equal(JavaHash.Of("Aa"), JavaHash.Of("BB"));
        Assert.Equal(-1_273_604_432, JavaHash.Of("/zkdiff-1/c/b"));
    }
}
