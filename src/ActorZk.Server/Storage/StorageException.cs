namespace ActorZk.Server.Storage;

/// <summary>The txn log cannot be used (locked, unreachable, not durable); the server must not start.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageException()
        : base("The txn log cannot be used")
    {
    }
}
