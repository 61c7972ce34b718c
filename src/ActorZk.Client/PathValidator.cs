namespace ActorZk.Client;

/// <summary>Client-side znode path checks, with ZooKeeper's rules (<c>PathUtils.validatePath</c>).</summary>
internal static class PathValidator
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="path"/> is a valid znode path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="isSequential">True for a sequential create: the server appends digits, so a trailing slash is allowed.</param>
    /// <param name="parameterName">The parameter name reported in the exception.</param>
    public static void Validate(string path, bool isSequential = false, string parameterName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);

        // A sequential create may end with '/': the server appends the counter, so validate as if it were there.
        var reason = Check(isSequential ? path + "1" : path);
        if (reason is not null)
        {
            throw new ArgumentException($"Invalid path \"{path}\": {reason}", parameterName);
        }
    }

    /// <summary>Returns why <paramref name="path"/> is invalid, or <see langword="null"/> when it is valid.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The reason, or null.</returns>
    public static string? Check(string path)
    {
        if (path.Length == 0)
        {
            return "path length must be > 0";
        }

        if (path[0] != '/')
        {
            return "path must start with / character";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "path must not end with / character";
        }

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
            else if ((c > '\u0000' && c <= '\u001f') || (c >= '\u007f' && c <= '\u009f')
                || (c >= '\ud800' && c <= '\uf8ff') || c >= '\ufff0')
            {
                return $"invalid character @{i}";
            }
        }

        return null;
    }
}
