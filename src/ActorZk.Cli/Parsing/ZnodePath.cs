using ActorZk.Protocol;

namespace ActorZk.Cli.Parsing;

/// <summary>
/// Znode path checks with the exact messages of ZooKeeper's <c>PathUtils.validatePath</c>, which zkCli prints
/// (<c>Path must start with / character</c>, <c>Invalid path string "/a//b" caused by empty node name specified @3</c>).
/// The shared rules live in <see cref="ZnodePaths"/>; the shell checks first so it can print zkCli's line.
/// </summary>
internal static class ZnodePath
{
    /// <summary>Returns the message zkCli prints for an invalid path, or null when the path is valid.</summary>
    /// <param name="path">The path.</param>
    /// <param name="isSequential">A sequential create: the server appends digits, so a trailing slash is fine.</param>
    /// <returns>The message, or null.</returns>
    public static string? Validate(string path, bool isSequential = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ZnodePaths.GetError(path, isSequential);
    }

    /// <summary>The parent of a valid path ("/" for a top-level node and for "/").</summary>
    /// <param name="path">The path.</param>
    /// <returns>The parent path.</returns>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>Joins a parent path and a child name.</summary>
    /// <param name="parent">The parent path.</param>
    /// <param name="child">The child's name.</param>
    /// <returns>The child's path.</returns>
    public static string Child(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;
}
