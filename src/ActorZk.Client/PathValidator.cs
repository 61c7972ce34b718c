using ActorZk.Protocol;

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
        var reason = ZnodePaths.GetError(path, isSequential);
        if (reason is not null)
        {
            throw new ArgumentException($"Invalid path \"{path}\": {reason}", parameterName);
        }
    }
}
