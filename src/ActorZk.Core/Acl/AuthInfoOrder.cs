using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Acl;

/// <summary>
/// Keeps a connection's identities in the order ZooKeeper lists them. Its <c>ServerCnxn</c> holds them in a set
/// backed by a <c>ConcurrentHashMap</c>, so whoAmI and the expansion of the <c>auth</c> scheme in an ACL see
/// them in that map's iteration order: by bucket of the jute <c>Id.hashCode</c>, then in order of addition.
/// </summary>
/// <remarks>
/// The map starts with 16 buckets and doubles when it reaches three quarters full. How a resize reorders the
/// entries of one bucket is not modelled: that takes a connection with twelve identities or more.
/// </remarks>
public static class AuthInfoOrder
{
    private const int InitialTableSize = 16;

    /// <summary>
    /// Adds <paramref name="id"/> to <paramref name="authInfo"/> where ZooKeeper's set would list it.
    /// Returns false (and changes nothing) if it is there already.
    /// </summary>
    public static bool Add(List<Id> authInfo, Id id)
    {
        ArgumentNullException.ThrowIfNull(authInfo);
        ArgumentNullException.ThrowIfNull(id);
        if (authInfo.Contains(id))
        {
            return false;
        }

        authInfo.Add(id);
        var mask = TableSize(authInfo.Count) - 1;

        // OrderBy is stable: identities of one bucket keep their order of addition.
        var ordered = authInfo.OrderBy(entry => Bucket(entry, mask)).ToList();
        authInfo.Clear();
        authInfo.AddRange(ordered);
        return true;
    }

    /// <summary>Java's <c>Id.hashCode</c> as jute generates it: 17, then 37 * result + each field's hash.</summary>
    public static int JavaHashCode(Id id)
    {
        ArgumentNullException.ThrowIfNull(id);
        unchecked
        {
            var result = 17;
            result = (37 * result) + JavaHash.Of(id.Scheme);
            return (37 * result) + JavaHash.Of(id.Identity);
        }
    }

    // ConcurrentHashMap.spread, then the bucket index.
    private static int Bucket(Id id, int mask) => JavaHash.Spread(JavaHashCode(id)) & 0x7fffffff & mask;

    // The table size after inserting the count-th entry: it doubles once the count reaches 3/4 of the size.
    private static int TableSize(int count)
    {
        var size = InitialTableSize;
        while (count >= size - (size >> 2))
        {
            size <<= 1;
        }

        return size;
    }
}
