namespace ActorZk.Protocol;

/// <summary>
/// Java's hash codes, for the places where ZooKeeper's output follows the order of a Java hash table (a session's
/// ephemerals, a connection's identities, a node's children, zkCli's client configuration).
/// </summary>
public static class JavaHash
{
    /// <summary><c>String.hashCode</c>: s[0]*31^(n-1) + ... + s[n-1] over UTF-16 code units, as .NET strings are.</summary>
    public static int Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var h = 0;
        foreach (var c in value)
        {
            h = unchecked((31 * h) + c);
        }

        return h;
    }

    /// <summary><c>HashMap.hash</c> / <c>ConcurrentHashMap.spread</c> without its sign mask: <c>h ^ (h &gt;&gt;&gt; 16)</c>.</summary>
    public static int Spread(int h) => h ^ (int)((uint)h >> 16);
}
