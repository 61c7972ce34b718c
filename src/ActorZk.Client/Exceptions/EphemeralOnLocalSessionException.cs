using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>Ephemeral znodes cannot be created by a local session (<see cref="ErrorCode.EphemeralOnLocalSession"/>).</summary>
public sealed class EphemeralOnLocalSessionException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public EphemeralOnLocalSessionException(string? path)
        : base(ErrorCode.EphemeralOnLocalSession, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public EphemeralOnLocalSessionException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.EphemeralOnLocalSession, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public EphemeralOnLocalSessionException()
        : base(ErrorCode.EphemeralOnLocalSession, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public EphemeralOnLocalSessionException(string message, Exception innerException)
        : base(ErrorCode.EphemeralOnLocalSession, null, message, innerException)
    {
    }
}
