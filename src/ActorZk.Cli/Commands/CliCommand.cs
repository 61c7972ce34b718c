using System.Text;
using ActorZk.Cli.Formatting;
using ActorZk.Cli.Parsing;
using ActorZk.Client;
using ActorZk.Client.Exceptions;

namespace ActorZk.Cli.Commands;

/// <summary>
/// One zkCli command. Subclasses parse the words of their line (the command name first, as zkCli hands them to
/// commons-cli) and print what zkCli prints; failures are thrown as <see cref="CliException"/> carrying zkCli's line.
/// </summary>
internal abstract class CliCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="name">The command word.</param>
    /// <param name="optionsUsage">The usage after the name, as zkCli lists it.</param>
    /// <param name="options">The options commons-cli is told about.</param>
    protected CliCommand(string name, string optionsUsage, params OptionSpec[] options)
    {
        Name = name;
        OptionsUsage = optionsUsage;
        Options = options;
    }

    /// <summary>The command word.</summary>
    public string Name { get; }

    /// <summary>The usage after the name, e.g. <c>[-s] [-w] path</c>.</summary>
    public string OptionsUsage { get; }

    /// <summary>The full usage line, printed when the arguments are wrong.</summary>
    public string Usage => Name + " " + OptionsUsage;

    /// <summary>The command's options.</summary>
    public IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>
    /// True for the commands zkCli handles itself (connect, history, redo, printwatches, quit): they run even when the
    /// session is closed, and the "Not connected" check comes after them.
    /// </summary>
    public virtual bool IsShellCommand => false;

    /// <summary>Runs the command.</summary>
    /// <param name="context">Output streams, session and shell.</param>
    /// <param name="words">The words of the line, the command name first; the command may rewrite them.</param>
    /// <returns>Completes when done.</returns>
    /// <exception cref="CliException">The command failed; the message is the line to print.</exception>
    public abstract Task ExecuteAsync(CommandContext context, string[] words);

    /// <summary>Parses the words with commons-cli's rules.</summary>
    /// <param name="words">The words.</param>
    /// <returns>The positional words and options.</returns>
    /// <exception cref="CliException">zkCli's CliParseException: the commons-cli exception text.</exception>
    protected ParsedCommandLine Parse(IReadOnlyList<string> words)
    {
        try
        {
            return OptionParser.Parse(words, Options);
        }
        catch (OptionParseException e)
        {
            throw new CliException(e.JavaText, e);
        }
    }

    /// <summary>The usage error zkCli reports for missing arguments.</summary>
    /// <returns>The exception to throw.</returns>
    protected CliException UsageError() => new(Usage);

    /// <summary>Fails as zkCli's MalformedPathException when <paramref name="path"/> is not a valid znode path.</summary>
    /// <param name="path">The path.</param>
    /// <param name="isSequential">Whether the path is the prefix of a sequential create.</param>
    /// <exception cref="CliException">The path is invalid.</exception>
    protected static void CheckPath(string path, bool isSequential = false)
    {
        if (ZnodePath.Validate(path, isSequential) is { } message)
        {
            throw new CliException(message);
        }
    }

    /// <summary>zkCli's CliWrapperException for a failed request.</summary>
    /// <param name="exception">The client's exception.</param>
    /// <param name="path">The request's path, used when the exception carries none.</param>
    /// <returns>The exception to throw.</returns>
    protected static CliException Failure(KeeperException exception, string? path)
        => new(KeeperErrorText.CliMessage(exception.ErrorCode, exception.Path ?? path), exception);

    /// <summary>Waits for the session.</summary>
    /// <param name="context">The context.</param>
    /// <param name="path">The path of the request to come, for a ConnectionLoss error.</param>
    /// <returns>The client.</returns>
    /// <exception cref="KeeperException">ConnectionLoss when no session could be established.</exception>
    protected static Task<ZooKeeperClient> ClientAsync(CommandContext context, string? path) => context.Session.GetClientAsync(path);

    /// <summary>Parses an int with Java's <c>Integer.parseInt</c> rules.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CliException">
    /// Not an int. zkCli dies here with an uncaught NumberFormatException; the shell reports the exception's line instead.
    /// </exception>
    protected static int ParseInt(string text)
        => JavaText.TryParseInt(text, out var value) ? value : throw new CliException(JavaText.NumberFormatError(text));

    /// <summary>The bytes Java's <c>String.getBytes(UTF_8)</c> gives.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The UTF-8 bytes.</returns>
    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Java's <c>AbstractCollection.toString()</c> of a list of strings: <c>[a, b]</c>.</summary>
    /// <param name="items">The items.</param>
    /// <returns>The text.</returns>
    protected static string JavaList(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    /// <summary>Writes one line ending with "\n", as Java's println does on Unix.</summary>
    /// <param name="writer">The stream.</param>
    /// <param name="line">The line.</param>
    protected static void Println(TextWriter writer, string line) => writer.Write(line + "\n");
}
