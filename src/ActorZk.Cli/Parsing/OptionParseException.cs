namespace ActorZk.Cli.Parsing;

/// <summary>
/// A command line that commons-cli would reject. <see cref="JavaClassName"/> is kept because zkCli prints the Java
/// exception itself (<c>org.apache.commons.cli.UnrecognizedOptionException: Unrecognized option: -x</c>).
/// </summary>
internal sealed class OptionParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="javaClassName">The commons-cli exception class zkCli would report.</param>
    /// <param name="message">The commons-cli message.</param>
    public OptionParseException(string javaClassName, string message)
        : base(message)
    {
        JavaClassName = javaClassName;
    }

    /// <summary>Creates the exception with a generic class name.</summary>
    public OptionParseException()
        : this("org.apache.commons.cli.ParseException", "parse error")
    {
    }

    /// <summary>Creates the exception with a generic class name.</summary>
    /// <param name="message">The message.</param>
    public OptionParseException(string message)
        : this("org.apache.commons.cli.ParseException", message)
    {
    }

    /// <summary>Creates the exception with a generic class name and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OptionParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        JavaClassName = "org.apache.commons.cli.ParseException";
    }

    /// <summary>The fully qualified name of the commons-cli exception.</summary>
    public string JavaClassName { get; }

    /// <summary>The text zkCli prints: Java's <c>Throwable.toString()</c> of the commons-cli exception.</summary>
    public string JavaText => $"{JavaClassName}: {Message}";

    /// <summary>An unknown option.</summary>
    /// <param name="token">The offending word.</param>
    /// <returns>The exception.</returns>
    public static OptionParseException Unrecognized(string token)
        => new("org.apache.commons.cli.UnrecognizedOptionException", "Unrecognized option: " + token);

    /// <summary>An option whose value is missing.</summary>
    /// <param name="option">The option letter.</param>
    /// <returns>The exception.</returns>
    public static OptionParseException MissingArgument(string option)
        => new("org.apache.commons.cli.MissingArgumentException", "Missing argument for option: " + option);
}
