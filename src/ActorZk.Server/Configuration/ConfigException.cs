namespace ActorZk.Server.Configuration;

/// <summary>A zoo.cfg that cannot be used; the message names the file, the line and the problem.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigException()
        : base("Invalid configuration")
    {
    }
}
