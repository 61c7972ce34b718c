using ActorZk.Protocol;

namespace ActorZk.Client.Exceptions;

/// <summary>No matching watch exists (<see cref="ErrorCode.NoWatcher"/>).</summary>
public sealed class NoWatcherException : KeeperException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    public NoWatcherException(string? path)
        : base(ErrorCode.NoWatcher, path)
    {
    }

    /// <summary>Creates the exception with a detail message and a cause.</summary>
    /// <param name="path">The client path of the failed request, if any.</param>
    /// <param name="detail">Extra text for the message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NoWatcherException(string? path, string? detail, Exception? innerException = null)
        : base(ErrorCode.NoWatcher, path, detail, innerException)
    {
    }

    /// <summary>Creates the exception without a path.</summary>
    public NoWatcherException()
        : base(ErrorCode.NoWatcher, null)
    {
    }

    /// <summary>Creates the exception with a detail message.</summary>
    /// <param name="message">Extra text for the message.</param>
    /// <param name="innerException">The cause.</param>
    public NoWatcherException(string message, Exception innerException)
        : base(ErrorCode.NoWatcher, null, message, innerException)
    {
    }
}
