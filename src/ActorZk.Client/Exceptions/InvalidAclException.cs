using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>The ACL is invalid (empty, or naming an unknown scheme or identity) (<see cref="ErrorCode.InvalidAcl"/>).</summary>
public sealed class InvalidAclException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public InvalidAclException(string? path)
        : base(ErrorCode.InvalidAcl, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InvalidAclException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.InvalidAcl, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public InvalidAclException()
        : base(ErrorCode.InvalidAcl, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidAclException(string message, Exception innerException)
        : base(ErrorCode.InvalidAcl, null, message, innerException)
    {
    }
}
