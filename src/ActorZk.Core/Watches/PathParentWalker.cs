namespace ActorZk.Core.Watches;

/// <summary>
/// ZooKeeper's <c>PathParentIterator</c>: yields a path and then (when <c>forAll</c>) each of its ancestors up
/// to "/". Like the Java iterator it computes the next parent while handing out the current path, so a
/// path that is neither empty nor rooted fails as soon as the walk needs its parent.
/// </summary>
internal struct PathParentWalker(string path, bool forAll)
{
    private readonly int maxLevel = forAll ? int.MaxValue : 0;
    private string path = path;
    private int level = -1;

    /// <summary>Moves to the next path; false when the walk is over.</summary>
    /// <param name="localPath">The path of this step.</param>
    /// <param name="atParent">True for the ancestors, false for the initial path.</param>
    /// <exception cref="ArgumentException">The path has no '/' where a parent must be cut off.</exception>
    public bool TryNext(out string localPath, out bool atParent)
    {
        if (path.Length == 0 || level >= maxLevel)
        {
            localPath = string.Empty;
            atParent = false;
            return false;
        }

        localPath = path;
        level++;
        if (path == "/")
        {
            path = string.Empty;
        }
        else
        {
            var lastSlash = path.LastIndexOf('/');
            if (lastSlash < 0)
            {
                // Java's substring(0, -1) throws StringIndexOutOfBoundsException here.
                throw new ArgumentException($"Cannot walk up from path \"{path}\"");
            }

            path = lastSlash == 0 ? "/" : path[..lastSlash];
        }

        atParent = level > 0;
        return true;
    }
}
