namespace ActorZk.Cli.Commands;

/// <summary>
/// A command failed: <see cref="Exception.Message"/> is the line zkCli prints on stderr and
/// <see cref="ExitCode"/> the status it exits with (1, or 127 for an unknown command), as its <c>CliException</c>.
/// </summary>
internal sealed class CliException : Exception
{
    /// <summary>The exit status of most failures.</summary>
    public const int DefaultExitCode = 1;

    /// <summary>The exit status of an unknown command.</summary>
    public const int CommandNotFoundExitCode = 127;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The line to print.</param>
    /// <param name="exitCode">The exit status.</param>
    public CliException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the exception with exit status 1.</summary>
    /// <param name="message">The line to print.</param>
    public CliException(string message)
        : this(message, DefaultExitCode)
    {
    }

    /// <summary>Creates the exception with exit status 1 and a cause.</summary>
    /// <param name="message">The line to print.</param>
    /// <param name="innerException">The cause.</param>
    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = DefaultExitCode;
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CliException()
        : this("command failed")
    {
    }

    /// <summary>The process exit status for this failure.</summary>
    public int ExitCode { get; }
}
