using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The expected version did not match the znode's version (<see cref="ErrorCode.BadVersion"/>).</summary>
public sealed class BadVersionException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public BadVersionException(string? path)
        : base(ErrorCode.BadVersion, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BadVersionException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.BadVersion, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public BadVersionException()
        : base(ErrorCode.BadVersion, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public BadVersionException(string message, Exception innerException)
        : base(ErrorCode.BadVersion, null, message, innerException)
    {
    }
}
