using ActorZk.Core.Tree;
using ActorZk.Protocol;
using CsCheck;

namespace ActorZk.Core.Tests.Tree;

/// <summary>
/// Random adds, removes and clones against a direct model of Java's HashMap chains: a table of lists, entries
/// appended to their bucket, resizes that keep each chain's order, and the resize a ninth entry in one bucket of
/// a small table causes. The set under test keeps only addition numbers and sorts; both must list the same order.
/// </summary>
public class JavaStringHashSetPropertyTests
{
    // Few distinct names, many of one Java hash ("Aa" and "BB" collide), so buckets fill and names come back.
    private static readonly string[] Names =
    [
        .. Enumerable.Range(0, 16).Select(i => string.Concat(Enumerable.Range(0, 4).Select(k => (i >> k & 1) == 0 ? "Aa" : "BB"))),
        .. Enumerable.Range(0, 40).Select(i => $"n{i}"),
        .. Enumerable.Range(0, 12).Select(i => $"lock-{i:D10}"),
    ];

    // 0-5 add, 6-8 remove, 9 clone (the clone replaces the set, as getEphemerals' copy would be used).
    private static readonly Gen<(int Kind, int Name)> Ops = Gen.Select(Gen.Int[0, 9], Gen.Int[0, Names.Length - 1]);

    [Fact]
    public void Lists_the_order_of_javas_chains()
        => Gen.Select(Gen.OneOfConst(0, 8), Ops.Array[1, 200], Gen.Bool)
            .Sample((initialCapacity, ops, nearRenumber) => Check(initialCapacity, ops, nearRenumber), iter: 500);

    private static void Check(int initialCapacity, (int Kind, int Name)[] ops, bool nearRenumber)
    {
        var set = initialCapacity == 0 ? new JavaStringHashSet() : new JavaStringHashSet(initialCapacity);
        var model = new ChainModel(initialCapacity);
        if (nearRenumber)
        {
            set.NextAdded = int.MaxValue - 20;
        }

        foreach (var (kind, index) in ops)
        {
            var name = Names[index];
            if (kind <= 5)
            {
                Assert.Equal(model.Add(name), set.Add(name));
            }
            else if (kind <= 8)
            {
                Assert.Equal(model.Remove(name), set.Remove(name));
            }
            else
            {
                set = set.Clone();
                model = model.Clone();
            }

            Assert.Equal(model.Capacity, set.Capacity);
            Assert.Equal(model.Items(), set.ToArray());
        }
    }

    private sealed class ChainModel
    {
        private List<string>?[] table = [];
        private int threshold;
        private int count;

        public ChainModel(int initialCapacity)
        {
            threshold = initialCapacity == 0 ? 0 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)initialCapacity);
        }

        public int Capacity => table.Length;

        public IEnumerable<string> Items() => table.Where(bucket => bucket is not null).SelectMany(bucket => bucket!);

        public bool Add(string name)
        {
            if (Items().Contains(name))
            {
                return false;
            }

            if (table.Length == 0)
            {
                Resize();
            }

            var bucket = table[Index(name, table.Length)] ??= [];
            bucket.Add(name);
            count++;
            if (bucket.Count > 8 && table.Length < 64)
            {
                Resize();
            }

            if (count > threshold)
            {
                Resize();
            }

            return true;
        }

        public bool Remove(string name)
        {
            if (table.Length == 0 || table[Index(name, table.Length)]?.Remove(name) != true)
            {
                return false;
            }

            count--;
            return true;
        }

        public ChainModel Clone()
        {
            var clone = new ChainModel(0);
            if (count > 0)
            {
                clone.threshold = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(int)((count / 0.75f) + 1.0f));
            }

            foreach (var name in Items())
            {
                clone.Add(name);
            }

            return clone;
        }

        private static int Index(string name, int capacity) => JavaHash.Spread(JavaHash.Of(name)) & (capacity - 1);

        private void Resize()
        {
            int capacity;
            if (table.Length > 0)
            {
                capacity = table.Length * 2;
                threshold = table.Length >= 16 ? threshold * 2 : (int)(capacity * 0.75f);
            }
            else
            {
                capacity = threshold > 0 ? threshold : 16;
                threshold = (int)(capacity * 0.75f);
            }

            var old = table;
            table = new List<string>?[capacity];
            foreach (var name in old.Where(bucket => bucket is not null).SelectMany(bucket => bucket!))
            {
                (table[Index(name, capacity)] ??= []).Add(name);
            }
        }
    }
}
