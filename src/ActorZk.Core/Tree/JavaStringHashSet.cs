using ActorZk.Protocol;
using System.Collections;

namespace ActorZk.Core.Tree;

/// <summary>
/// A set of strings that enumerates in the order a <c>java.util.HashSet&lt;String&gt;</c> (Java 17) would after the
/// same adds, removes and clones. Clients see that order where ZooKeeper lists such a set: a node's children
/// (getChildren), a session's ephemerals (getEphemerals, and the order in which closeSession deletes them).
/// </summary>
/// <remarks>
/// Java's <c>HashMap</c> puts an entry in bucket <c>(h ^ (h &gt;&gt;&gt; 16)) &amp; (capacity - 1)</c> of
/// <c>String.hashCode</c>, at the end of the bucket's chain; a resize (past three quarters full, or a ninth
/// entry in one bucket of a table under 64) keeps each chain's order. So the order is: by bucket for the
/// current capacity, then by order of addition. This keeps the set as a map to an addition number plus the
/// capacity and per-bucket counts, and sorts when enumerated (cached until the next change). Not modelled:
/// the order within a bucket that turned into a tree (nine colliding entries in a table of 64 or more).
/// </remarks>
public sealed class JavaStringHashSet : IReadOnlyCollection<string>
{
    private const int DefaultCapacity = 16;
    private const int TreeifyThreshold = 8;
    private const int MinTreeifyCapacity = 64;
    private const float LoadFactor = 0.75f;

    // Each entry's addition number and spread Java hash (kept: resizes and enumeration need it again).
    private readonly Dictionary<string, (long Added, int Hash)> order = new(StringComparer.Ordinal);
    private int[] bucketCounts = [];
    private int threshold;
    private long added;
    private string[]? enumerated;

    /// <summary>An empty set, as <c>new HashSet&lt;&gt;()</c>: 16 buckets from the first add.</summary>
    public JavaStringHashSet()
    {
    }

    /// <summary>An empty set, as <c>new HashSet&lt;&gt;(initialCapacity)</c> (a DataNode's children: 8).</summary>
    public JavaStringHashSet(int initialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        threshold = TableSizeFor(initialCapacity);
    }

    /// <inheritdoc />
    public int Count => order.Count;

    /// <summary>The number of buckets (0 before the first add).</summary>
    public int Capacity => bucketCounts.Length;

    /// <summary>True if <paramref name="item"/> is in the set.</summary>
    public bool Contains(string item) => order.ContainsKey(item);

    /// <summary>Adds <paramref name="item"/> at the end of its bucket; false if it was there already.</summary>
    public bool Add(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (order.ContainsKey(item))
        {
            return false;
        }

        if (bucketCounts.Length == 0)
        {
            Resize();
        }

        var hash = JavaHash.Spread(JavaHash.Of(item));
        order.Add(item, (added++, hash));
        enumerated = null;
        var inBucket = ++bucketCounts[hash & (bucketCounts.Length - 1)];

        // HashMap.putVal: a ninth entry in one bucket treeifies it, or, in a table under 64, resizes instead.
        if (inBucket > TreeifyThreshold && bucketCounts.Length < MinTreeifyCapacity)
        {
            Resize();
        }

        if (order.Count > threshold)
        {
            Resize();
        }

        return true;
    }

    /// <summary>Removes <paramref name="item"/>; false if it was not there.</summary>
    public bool Remove(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!order.Remove(item, out var entry))
        {
            return false;
        }

        bucketCounts[entry.Hash & (bucketCounts.Length - 1)]--;
        enumerated = null;
        return true;
    }

    /// <summary>
    /// <c>HashSet.clone</c>: a new table sized for the current count (Java 17's <c>HashMap.putMapEntries</c>:
    /// the power of two at least <c>(int)(count / 0.75f + 1)</c>), filled in this set's order.
    /// </summary>
    public JavaStringHashSet Clone()
    {
        var clone = new JavaStringHashSet();
        if (order.Count > 0)
        {
            clone.threshold = TableSizeFor((int)((order.Count / LoadFactor) + 1.0f));
        }

        foreach (var item in this)
        {
            clone.Add(item);
        }

        return clone;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Ordered()).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string[] Ordered()
    {
        if (enumerated is not null)
        {
            return enumerated;
        }

        var mask = bucketCounts.Length - 1;
        var items = new string[order.Count];
        var keys = new (int Bucket, long Added)[order.Count];
        var i = 0;
        foreach (var (item, entry) in order)
        {
            items[i] = item;
            keys[i] = (entry.Hash & mask, entry.Added);
            i++;
        }

        Array.Sort(keys, items);
        enumerated = items;
        return items;
    }

    // HashMap.tableSizeFor: the smallest power of two at least cap.
    private static int TableSizeFor(int cap) => cap <= 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cap);

    // HashMap.resize: the first table takes the preset threshold as its size (16 without one); later ones double.
    private void Resize()
    {
        var oldCapacity = bucketCounts.Length;
        int newCapacity;
        var newThreshold = 0;
        if (oldCapacity > 0)
        {
            newCapacity = oldCapacity << 1;
            if (oldCapacity >= DefaultCapacity)
            {
                newThreshold = threshold << 1;
            }
        }
        else if (threshold > 0)
        {
            newCapacity = threshold;
        }
        else
        {
            newCapacity = DefaultCapacity;
            newThreshold = (int)(DefaultCapacity * LoadFactor);
        }

        if (newThreshold == 0)
        {
            newThreshold = (int)(newCapacity * LoadFactor);
        }

        threshold = newThreshold;
        bucketCounts = new int[newCapacity];
        foreach (var entry in order.Values)
        {
            bucketCounts[entry.Hash & (newCapacity - 1)]++;
        }

        enumerated = null;
    }
}
