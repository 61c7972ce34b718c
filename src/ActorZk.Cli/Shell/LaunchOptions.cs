using ActorZk.Cli.Parsing;

namespace ActorZk.Cli.Shell;

/// <summary>
/// zkCli's command line: <c>-server host:port[,host:port...][/chroot]</c>, <c>-timeout ms</c>, <c>-r</c>,
/// <c>-waitforconnection</c>, <c>-client-configuration file</c>, then optionally a command and its arguments.
/// </summary>
internal sealed class LaunchOptions
{
    /// <summary>The connect string (default <c>localhost:2181</c>).</summary>
    public string Server { get; private set; } = "localhost:2181";

    /// <summary>The session timeout in milliseconds (default 30000).</summary>
    public int TimeoutMs { get; private set; } = 30_000;

    /// <summary>Whether a read-only server is acceptable (<c>-r</c>).</summary>
    public bool ReadOnly { get; private set; }

    /// <summary>Whether to wait for the session before reading commands (<c>-waitforconnection</c>).</summary>
    public bool WaitForConnection { get; private set; }

    /// <summary>The command to run and exit, with its arguments; null for a shell.</summary>
    public IReadOnlyList<string>? Command { get; private set; }

    /// <summary>A problem that stops the shell before it starts (an unparsable timeout), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Lines zkCli prints on stderr while parsing (a missing option value).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>Parses the arguments as zkCli's <c>MyCommandOptions.parseOptions</c>: unknown options are ignored.</summary>
    /// <param name="args">The process arguments.</param>
    /// <returns>The options.</returns>
    public static LaunchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LaunchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-server" or "-timeout" or "-client-configuration":
                    if (i + 1 == args.Count)
                    {
                        // zkCli stops parsing here and starts a shell with what it has.
                        options.Warnings = ["Error: no argument found for option " + arg];
                        return options;
                    }

                    options.Set(arg, args[++i]);
                    break;
                case "-r":
                    options.ReadOnly = true;
                    break;
                case "-waitforconnection":
                    options.WaitForConnection = true;
                    break;
                default:
                    if (!arg.StartsWith('-'))
                    {
                        options.Command = [.. args.Skip(i)];
                        return options;
                    }

                    break;
            }
        }

        return options;
    }

    private void Set(string option, string value)
    {
        switch (option)
        {
            case "-server":
                Server = value;
                break;
            case "-timeout":
                if (JavaText.TryParseInt(value, out var timeout) && timeout > 0)
                {
                    TimeoutMs = timeout;
                }
                else
                {
                    // zkCli dies with an uncaught NumberFormatException when it connects.
                    Error = JavaText.NumberFormatError(value);
                }

                break;
            default:
                // -client-configuration: the Java client's property file (TLS, SASL, ...) has no meaning here.
                break;
        }
    }
}
