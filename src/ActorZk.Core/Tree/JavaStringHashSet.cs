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
/// entry in one bucket of a table under 64) keeps each chain's order, and the table never shrinks. So the order
/// is: by bucket for the current capacity, then by order of addition. The set keeps only what that needs, each
/// name's addition number and the capacity (a tree holds one per child, so every byte per entry counts), and
/// sorts when enumerated; the order is cached until the next change. Not modelled: the order within a bucket that
/// turned into a tree (nine colliding entries in a table of 64 or more). Snapshots list children in name order,
/// to stay one canonical form, so after a restart names that share a bucket come back in name order, where
/// ZooKeeper's come back in their order before it.
/// </remarks>
public sealed class JavaStringHashSet : IReadOnlyCollection<string>
{
    private const int DefaultCapacity = 16;
    private const int TreeifyThreshold = 8;
    private const int MinTreeifyCapacity = 64;
    private const float LoadFactor = 0.75f;

    // Each name's addition number: within a bucket, entries keep the order they were added in.
    private readonly Dictionary<string, int> added = new(StringComparer.Ordinal);
    private int capacity;
    private int threshold;
    private int nextAdded;
    private string[]? ordered;

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
    public int Count => added.Count;

    /// <summary>The number of buckets (0 before the first add).</summary>
    public int Capacity => capacity;

    /// <summary>The names in no particular order, without the cost of ordering them.</summary>
    internal Dictionary<string, int>.KeyCollection Unordered => added.Keys;

    /// <summary>The next addition number; tests move it close to the end to exercise the renumbering.</summary>
    internal int NextAdded
    {
        get => nextAdded;
        set => nextAdded = Math.Max(value, nextAdded);
    }

    /// <summary>True if <paramref name="item"/> is in the set.</summary>
    public bool Contains(string item) => added.ContainsKey(item);

    /// <summary>Adds <paramref name="item"/> at the end of its bucket; false if it was there already.</summary>
    public bool Add(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (nextAdded == int.MaxValue)
        {
            Renumber();
        }

        if (!added.TryAdd(item, nextAdded))
        {
            return false;
        }

        nextAdded++;
        ordered = null;
        if (capacity == 0)
        {
            Resize();
        }

        // HashMap.putVal: a ninth entry in one bucket treeifies it, or, in a table under 64, resizes instead. A
        // table under 64 holds at most 24 entries, so counting the bucket's entries is cheap.
        if (capacity < MinTreeifyCapacity && added.Count > TreeifyThreshold && InBucketOf(item) > TreeifyThreshold)
        {
            Resize();
        }

        if (added.Count > threshold)
        {
            Resize();
        }

        return true;
    }

    /// <summary>Removes <paramref name="item"/>; false if it was not there.</summary>
    public bool Remove(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!added.Remove(item))
        {
            return false;
        }

        ordered = null;
        return true;
    }

    /// <summary>
    /// <c>HashSet.clone</c>: a new table sized for the current count (Java 17's <c>HashMap.putMapEntries</c>:
    /// the power of two at least <c>(int)(count / 0.75f + 1)</c>), filled in this set's order.
    /// </summary>
    public JavaStringHashSet Clone()
    {
        var clone = new JavaStringHashSet();
        if (added.Count > 0)
        {
            clone.threshold = TableSizeFor((int)((added.Count / LoadFactor) + 1.0f));
        }

        foreach (var item in Ordered())
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
        if (ordered is not null)
        {
            return ordered;
        }

        var names = new string[added.Count];
        added.Keys.CopyTo(names, 0);
        var keys = new long[names.Length];
        FillSortKeys(names, keys);
        keys.AsSpan().Sort(names.AsSpan());
        ordered = names;
        return names;
    }

    // Bucket in the high half, addition number in the low half: one sort gives Java's iteration order.
    private void FillSortKeys(ReadOnlySpan<string> names, Span<long> keys)
    {
        var mask = capacity - 1;
        for (var i = 0; i < names.Length; i++)
        {
            keys[i] = ((long)(Bucket(names[i]) & mask) << 32) | (uint)added[names[i]];
        }
    }

    private int InBucketOf(string item)
    {
        var mask = capacity - 1;
        var bucket = Bucket(item) & mask;
        var count = 0;
        foreach (var name in added.Keys)
        {
            if ((Bucket(name) & mask) == bucket)
            {
                count++;
            }
        }

        return count;
    }

    private static int Bucket(string item) => JavaHash.Spread(JavaHash.Of(item));

    // HashMap.tableSizeFor: the smallest power of two at least cap.
    private static int TableSizeFor(int cap) => cap <= 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cap);

    // Addition numbers only order entries, so they can be packed again from 0 when they run out.
    private void Renumber()
    {
        var byAddition = added.OrderBy(entry => entry.Value).Select(entry => entry.Key).ToList();
        nextAdded = 0;
        foreach (var name in byAddition)
        {
            added[name] = nextAdded++;
        }
    }

    // HashMap.resize: the first table takes the preset threshold as its size (16 without one); later ones double.
    private void Resize()
    {
        var oldCapacity = capacity;
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
        capacity = newCapacity;
        ordered = null;
    }
}
