using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>Ephemeral znodes cannot have children (<see cref="ErrorCode.NoChildrenForEphemerals"/>).</summary>
public sealed class NoChildrenForEphemeralsException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NoChildrenForEphemeralsException(string? path)
        : base(ErrorCode.NoChildrenForEphemerals, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NoChildrenForEphemeralsException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NoChildrenForEphemerals, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NoChildrenForEphemeralsException()
        : base(ErrorCode.NoChildrenForEphemerals, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NoChildrenForEphemeralsException(string message, Exception innerException)
        : base(ErrorCode.NoChildrenForEphemerals, null, message, innerException)
    {
    }
}
