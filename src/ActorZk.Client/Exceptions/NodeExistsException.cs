using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The znode already exists (<see cref="ErrorCode.NodeExists"/>).</summary>
public sealed class NodeExistsException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NodeExistsException(string? path)
        : base(ErrorCode.NodeExists, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NodeExistsException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NodeExists, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NodeExistsException()
        : base(ErrorCode.NodeExists, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NodeExistsException(string message, Exception innerException)
        : base(ErrorCode.NodeExists, null, message, innerException)
    {
    }
}
