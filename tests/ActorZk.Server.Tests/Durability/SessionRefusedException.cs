namespace ActorZk.Server.Tests.Durability;

/// <summary>The server would not open or resume a session (expired, bad password, or it saw a newer zxid).</summary>
internal sealed class SessionRefusedException : Exception
{
    public SessionRefusedException(string message)
        : base(message)
    {
    }

    public SessionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SessionRefusedException()
        : base("the server refused the session")
    {
    }
}
