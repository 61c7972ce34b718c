namespace ActorZk.Core.Tree;

/// <summary>
/// Thrown by <see cref="PathUtils.Validate(string?, bool)"/> for a path ZooKeeper rejects; the server maps it
/// to <c>BadArguments</c>, as ZooKeeper maps its <c>IllegalArgumentException</c>.
/// </summary>
public sealed class InvalidPathException : ArgumentException
{
    /// <summary>Creates the exception with ZooKeeper's reason text.</summary>
    public InvalidPathException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public InvalidPathException()
        : base("Invalid path")
    {
    }
}
