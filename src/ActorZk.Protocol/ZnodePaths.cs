namespace ActorZk.Protocol;

/// <summary>
/// ZooKeeper's znode path rules (<c>org.apache.zookeeper.common.PathUtils.validatePath</c>) with the same reason
/// texts, shared by the server, the client library and the shell so that all three judge a path alike.
/// </summary>
public static class ZnodePaths
{
    /// <summary>
    /// Returns why <paramref name="path"/> is not a valid znode path, or <see langword="null"/> if it is.
    /// Does not throw or allocate for a valid path, so it can run on every request.
    /// </summary>
    /// <param name="path">The path to check.</param>
    /// <param name="isSequential">
    /// True when the path is the prefix of a sequential create: ZooKeeper then validates the path with a
    /// "1" appended, so a prefix ending in '/' is allowed.
    /// </param>
    public static string? GetError(string? path, bool isSequential = false)
    {
        if (path is null)
        {
            return "Path cannot be null";
        }

        return isSequential ? GetErrorCore(path, appendOne: true) : GetErrorCore(path, appendOne: false);
    }

    /// <summary>True if <paramref name="path"/> is a valid znode path.</summary>
    /// <param name="path">The path to check.</param>
    /// <param name="isSequential">True for the prefix of a sequential create.</param>
    public static bool IsValid(string? path, bool isSequential = false) => GetError(path, isSequential) is null;

    // Walks the path as ZooKeeper does, over UTF-16 code units (Java chars), virtually appending "1" for a
    // sequential prefix instead of allocating the concatenated string.
    private static string? GetErrorCore(string path, bool appendOne)
    {
        var length = path.Length + (appendOne ? 1 : 0);
        if (length == 0)
        {
            return "Path length must be > 0";
        }

        if (CharAt(path, 0, appendOne) != '/')
        {
            return "Path must start with / character";
        }

        if (length == 1)
        {
            return null;
        }

        if (CharAt(path, length - 1, appendOne) == '/')
        {
            return "Path must not end with / character";
        }

        string? reason = null;
        var lastc = '/';
        for (var i = 1; i < length; lastc = CharAt(path, i, appendOne), i++)
        {
            var c = CharAt(path, i, appendOne);
            if (c == 0)
            {
                reason = "null character not allowed @" + i;
                break;
            }
            else if (c == '/' && lastc == '/')
            {
                reason = "empty node name specified @" + i;
                break;
            }
            else if (c == '.' && lastc == '.')
            {
                if (CharAt(path, i - 2, appendOne) == '/' && (i + 1 == length || CharAt(path, i + 1, appendOne) == '/'))
                {
                    reason = "relative paths not allowed @" + i;
                    break;
                }
            }
            else if (c == '.')
            {
                if (CharAt(path, i - 1, appendOne) == '/' && (i + 1 == length || CharAt(path, i + 1, appendOne) == '/'))
                {
                    reason = "relative paths not allowed @" + i;
                    break;
                }
            }
            else if ((c > '\u0000' && c <= '\u001f')
                     || (c >= '\u007f' && c <= '\u009f')
                     || (c >= '\ud800' && c <= '\uf8ff')
                     || c >= '\ufff0')
            {
                reason = "invalid character @" + i;
                break;
            }
        }

        if (reason is null)
        {
            return null;
        }

        var shown = appendOne ? path + "1" : path;
        return "Invalid path string \"" + shown + "\" caused by " + reason;
    }

    private static char CharAt(string path, int index, bool appendOne)
        => appendOne && index == path.Length ? '1' : path[index];
}
