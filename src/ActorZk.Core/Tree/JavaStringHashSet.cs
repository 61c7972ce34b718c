using ActorZk.Protocol;
using System.Collections;

namespace ActorZk.Core.Tree;

/// <summary>
/// A set of strings that enumerates in the order a <c>java.util.HashSet&lt;String&gt;</c> (Java 17) would after the
/// same adds, removes and clones. ZooKeeper keeps a session's ephemeral paths in such a set, and clients see its
/// order: getEphemerals lists a clone of it, and closeSession deletes the nodes (so fires their watches) in it.
/// </summary>
/// <remarks>
/// It models <c>HashMap</c>'s table: <c>String.hashCode</c> spread by <c>h ^ (h &gt;&gt;&gt; 16)</c>, a power-of-two
/// table made on the first add (16 buckets) that doubles past three quarters full, new entries at the end of
/// their bucket, order kept when a resize splits a bucket, and the resize instead of a tree when a bucket of a
/// small table reaches nine entries. Buckets that would turn into trees (nine colliding entries in a table of 64
/// or more) are still kept in order of addition.
/// </remarks>
public sealed class JavaStringHashSet : IReadOnlyCollection<string>
{
    private const int DefaultCapacity = 16;
    private const int TreeifyThreshold = 8;
    private const int MinTreeifyCapacity = 64;
    private const float LoadFactor = 0.75f;

    private readonly HashSet<string> members = new(StringComparer.Ordinal);
    private List<string>?[] table = [];
    private int threshold;

    /// <inheritdoc />
    public int Count => members.Count;

    /// <summary>True if <paramref name="item"/> is in the set.</summary>
    public bool Contains(string item) => members.Contains(item);

    /// <summary>Adds <paramref name="item"/> at the end of its bucket; false if it was there already.</summary>
    public bool Add(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!members.Add(item))
        {
            return false;
        }

        if (table.Length == 0)
        {
            Resize();
        }

        var bucket = table[Index(item, table.Length)] ??= [];
        bucket.Add(item);

        // HashMap.putVal: a ninth entry in one bucket treeifies it, or, in a table under 64, resizes instead.
        if (bucket.Count > TreeifyThreshold && table.Length < MinTreeifyCapacity)
        {
            Resize();
        }

        if (members.Count > threshold)
        {
            Resize();
        }

        return true;
    }

    /// <summary>Removes <paramref name="item"/>; false if it was not there.</summary>
    public bool Remove(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!members.Remove(item))
        {
            return false;
        }

        table[Index(item, table.Length)]!.Remove(item);
        return true;
    }

    /// <summary>
    /// <c>HashSet.clone</c>: a new table sized for the current count (Java 17's <c>HashMap.putMapEntries</c>:
    /// the power of two at least <c>(int)(count / 0.75f + 1)</c>), filled in this set's order.
    /// </summary>
    public JavaStringHashSet Clone()
    {
        var clone = new JavaStringHashSet();
        if (members.Count > 0)
        {
            clone.threshold = TableSizeFor((int)((members.Count / LoadFactor) + 1.0f));
        }

        foreach (var item in this)
        {
            clone.Add(item);
        }

        return clone;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var bucket in table)
        {
            if (bucket is null)
            {
                continue;
            }

            foreach (var item in bucket)
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static int Index(string item, int capacity) => JavaHash.Spread(JavaHash.Of(item)) & (capacity - 1);

    // HashMap.tableSizeFor: the smallest power of two at least cap.
    private static int TableSizeFor(int cap) => cap <= 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)cap);

    // HashMap.resize: the first table takes the preset threshold as its size (16 without one); later ones double.
    // Entries are re-bucketed in their current order, which keeps the order of each split bucket.
    private void Resize()
    {
        var oldCapacity = table.Length;
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

        var old = table;
        table = new List<string>?[newCapacity];
        threshold = newThreshold;
        foreach (var bucket in old)
        {
            if (bucket is null)
            {
                continue;
            }

            foreach (var item in bucket)
            {
                (table[Index(item, newCapacity)] ??= []).Add(item);
            }
        }
    }
}
