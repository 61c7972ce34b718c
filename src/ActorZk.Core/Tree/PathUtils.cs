using ActorZk.Protocol;

namespace ActorZk.Core.Tree;

/// <summary>
/// ZooKeeper's znode path rules as the tree uses them; the rules themselves live in <see cref="ZnodePaths"/>.
/// </summary>
public static class PathUtils
{
    /// <summary>Returns why <paramref name="path"/> is not a valid znode path, or <see langword="null"/> (see <see cref="ZnodePaths"/>).</summary>
    public static string? GetError(string? path, bool isSequential = false) => ZnodePaths.GetError(path, isSequential);

    /// <summary>True if <paramref name="path"/> is a valid znode path.</summary>
    public static bool IsValid(string? path, bool isSequential = false) => ZnodePaths.GetError(path, isSequential) is null;

    /// <summary>Throws <see cref="InvalidPathException"/> (an <see cref="ArgumentException"/>) for an invalid path.</summary>
    public static void Validate(string? path, bool isSequential = false)
    {
        var error = ZnodePaths.GetError(path, isSequential);
        if (error is not null)
        {
            throw new InvalidPathException(error);
        }
    }

    /// <summary>
    /// The parent of a path as ZooKeeper's tree computes it: everything before the last '/', so the parent of
    /// "/a" is "" (the tree's alias of the root). Returns <see langword="null"/> when there is no '/'.
    /// </summary>
    public static string? ParentOf(string path)
    {
        var lastSlash = path.LastIndexOf('/');
        return lastSlash < 0 ? null : path[..lastSlash];
    }
}
