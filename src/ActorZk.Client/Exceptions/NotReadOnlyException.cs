using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>A write was sent to a read-only server (<see cref="ErrorCode.NotReadOnly"/>).</summary>
public sealed class NotReadOnlyException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NotReadOnlyException(string? path)
        : base(ErrorCode.NotReadOnly, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NotReadOnlyException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NotReadOnly, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NotReadOnlyException()
        : base(ErrorCode.NotReadOnly, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NotReadOnlyException(string message, Exception innerException)
        : base(ErrorCode.NotReadOnly, null, message, innerException)
    {
    }
}
