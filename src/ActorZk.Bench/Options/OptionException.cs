namespace ActorZk.Bench.Options;

/// <summary>A command line that cannot be run; the message says which option and why.</summary>
internal sealed class OptionException : Exception
{
    public OptionException(string message)
        : base(message)
    {
    }

    public OptionException()
    {
    }

    public OptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
