using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The znode (or, for a create, its parent) does not exist (<see cref="ErrorCode.NoNode"/>).</summary>
public sealed class NoNodeException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NoNodeException(string? path)
        : base(ErrorCode.NoNode, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NoNodeException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NoNode, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NoNodeException()
        : base(ErrorCode.NoNode, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NoNodeException(string message, Exception innerException)
        : base(ErrorCode.NoNode, null, message, innerException)
    {
    }
}
