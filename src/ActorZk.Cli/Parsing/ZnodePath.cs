namespace ActorZk.Cli.Parsing;

/// <summary>
/// Znode path checks with the exact messages of ZooKeeper's <c>PathUtils.validatePath</c>, which zkCli prints
/// (<c>Path must start with / character</c>, <c>Invalid path string "/a//b" caused by empty node name specified @3</c>).
/// The client library validates too, but with its own wording, so paths are checked here first.
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
        if (isSequential)
        {
            path += "1";
        }

        if (path.Length == 0)
        {
            return "Path length must be > 0";
        }

        if (path[0] != '/')
        {
            return "Path must start with / character";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "Path must not end with / character";
        }

        var reason = FindInvalidCharacter(path);
        return reason is null ? null : $"Invalid path string \"{path}\" caused by {reason}";
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

    private static string? FindInvalidCharacter(string path)
    {
        var last = '/';
        for (var i = 1; i < path.Length; last = path[i], i++)
        {
            var c = path[i];
            if (c == 0)
            {
                return $"null character not allowed @{i}";
            }

            if (c == '/' && last == '/')
            {
                return $"empty node name specified @{i}";
            }

            if (c == '.' && last == '.')
            {
                if (path[i - 2] == '/' && (i + 1 == path.Length || path[i + 1] == '/'))
                {
                    return $"relative paths not allowed @{i}";
                }
            }
            else if (c == '.')
            {
                if (path[i - 1] == '/' && (i + 1 == path.Length || path[i + 1] == '/'))
                {
                    return $"relative paths not allowed @{i}";
                }
            }
            else if (c is (> '\u0000' and <= '\u001f') or (>= '\u007f' and <= '\u009f') or (>= '\ud800' and <= '\uf8ff') or >= '\ufff0')
            {
                return $"invalid character @{i}";
            }
        }

        return null;
    }
}
