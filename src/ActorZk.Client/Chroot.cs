namespace ActorZk.Client;

/// <summary>
/// Maps between client paths (relative to the connect string's chroot) and server paths. Watches are kept by
/// server path, as in ZooKeeper's client, and mapped back when an event is delivered.
/// </summary>
internal sealed class Chroot
{
    /// <summary>No chroot: paths are unchanged.</summary>
    public static readonly Chroot None = new(null);

    private Chroot(string? root)
    {
        Root = root;
    }

    /// <summary>The chroot (validated, no trailing slash), or <see langword="null"/>.</summary>
    public string? Root { get; }

    /// <summary>Creates the mapping for <paramref name="root"/> (null or "/" for none).</summary>
    /// <param name="root">The chroot path.</param>
    /// <returns>The mapping.</returns>
    public static Chroot Of(string? root) => root is null || root == "/" ? None : new Chroot(root);

    /// <summary>The server path of a (validated) client path.</summary>
    /// <param name="clientPath">The client path.</param>
    /// <returns>The server path.</returns>
    public string Prepend(string clientPath)
    {
        if (Root is null)
        {
            return clientPath;
        }

        return clientPath.Length == 1 ? Root : Root + clientPath;
    }

    /// <summary>Whether <paramref name="serverPath"/> is the chroot or below it.</summary>
    /// <param name="serverPath">A server path.</param>
    /// <returns>True when it maps to a client path.</returns>
    public bool Contains(string serverPath)
        => Root is null
            || (serverPath.StartsWith(Root, StringComparison.Ordinal)
                && (serverPath.Length == Root.Length || serverPath[Root.Length] == '/'));

    /// <summary>The client path of a server path; a path outside the chroot is returned unchanged.</summary>
    /// <param name="serverPath">The server path.</param>
    /// <returns>The client path.</returns>
    public string Strip(string serverPath)
    {
        // A server path outside the chroot can only come from a raw request or a misbehaving server; returning it
        // unchanged is more useful to the caller than an exception on the event dispatcher.
        if (Root is null || !Contains(serverPath))
        {
            return serverPath;
        }

        return serverPath.Length == Root.Length ? "/" : serverPath[Root.Length..];
    }
}
