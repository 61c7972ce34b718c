namespace ActorZk.Cli.Parsing;

/// <summary>
/// Parses a command's words the way zkCli's commands do with commons-cli 1.5's <c>DefaultParser</c>: options may
/// appear anywhere, flags may be grouped (<c>-sw</c>), a value may be attached (<c>-v3</c>, <c>-v=3</c>) or be the
/// next word (even one that starts with a dash, unless it is a known option), and <c>--</c> ends the options.
/// </summary>
/// <remarks>
/// zkCli's options are all single letters without long names, so the long-option paths of <c>DefaultParser</c>
/// reduce to "unrecognized option"; and since no option letter is a digit, its negative-number rule never applies.
/// </remarks>
internal static class OptionParser
{
    /// <summary>Parses <paramref name="words"/> (the command name first) against <paramref name="specs"/>.</summary>
    /// <param name="words">The words of the command line.</param>
    /// <param name="specs">The command's options.</param>
    /// <returns>The positional words and the options.</returns>
    /// <exception cref="OptionParseException">An unknown option or a missing value, with commons-cli's message.</exception>
    public static ParsedCommandLine Parse(IReadOnlyList<string> words, IReadOnlyList<OptionSpec> specs)
    {
        var state = new State(specs);
        foreach (var word in words)
        {
            state.Handle(word);
        }

        state.CheckPendingValue();
        return new ParsedCommandLine(state.Args, state.Options);
    }

    private sealed class State(IReadOnlyList<OptionSpec> specs)
    {
        // The option waiting for its value (commons-cli's currentOption).
        private OptionSpec? pending;
        private bool onlyArgs;

        public List<string> Args { get; } = [];

        public Dictionary<string, string?> Options { get; } = new(StringComparer.Ordinal);

        public void Handle(string word)
        {
            if (onlyArgs)
            {
                Args.Add(word);
            }
            else if (word == "--")
            {
                onlyArgs = true;
            }
            else if (pending is not null && !IsOption(word))
            {
                SetValue(pending, StripQuotes(word));
                pending = null;
            }
            else if (word.StartsWith("--", StringComparison.Ordinal))
            {
                // No zkCli command declares long options.
                throw OptionParseException.Unrecognized(word);
            }
            else if (word.StartsWith('-') && word != "-")
            {
                HandleShort(word);
            }
            else
            {
                Args.Add(word);
            }
        }

        public void CheckPendingValue()
        {
            if (pending is not null)
            {
                throw OptionParseException.MissingArgument(pending.Name);
            }
        }

        // "-x" is an option word when its first letter (or all of it before '=') names an option.
        private bool IsOption(string word)
        {
            if (!word.StartsWith('-') || word.Length == 1)
            {
                return false;
            }

            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word[1..] : word[1..equals];
            return Find(name) is not null || (name.Length > 0 && Find(name[..1]) is not null);
        }

        private void HandleShort(string word)
        {
            var body = word[1..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (body.Length == 1)
            {
                Begin(Find(body) ?? throw OptionParseException.Unrecognized(word));
            }
            else if (equals < 0)
            {
                HandleGrouped(word);
            }
            else if (equals == 1 && Find(body[..1]) is { TakesValue: true } option)
            {
                // -v=3
                Begin(option);
                SetValue(option, body[2..]);
                pending = null;
            }
            else
            {
                throw OptionParseException.Unrecognized(word);
            }
        }

        // -sw: each letter a flag; the first option that takes a value takes the rest of the word (-sv3).
        private void HandleGrouped(string word)
        {
            for (var i = 1; i < word.Length; i++)
            {
                var option = Find(word[i].ToString()) ?? throw OptionParseException.Unrecognized(word);
                Begin(option);
                if (pending is not null && i + 1 < word.Length)
                {
                    SetValue(option, word[(i + 1)..]);
                    pending = null;
                    return;
                }
            }
        }

        private void Begin(OptionSpec option)
        {
            // A new option while another still waits for its value: commons-cli reports the missing value.
            CheckPendingValue();
            if (!Options.ContainsKey(option.Name))
            {
                Options[option.Name] = null;
            }

            pending = option.TakesValue ? option : null;
        }

        private void SetValue(OptionSpec option, string value)
        {
            // The first value wins, as CommandLine.getOptionValue returns it.
            if (Options.GetValueOrDefault(option.Name) is null)
            {
                Options[option.Name] = value;
            }
        }

        private OptionSpec? Find(string name)
        {
            foreach (var spec in specs)
            {
                if (spec.Name == name)
                {
                    return spec;
                }
            }

            return null;
        }

        // commons-cli 1.5 strips one pair of double quotes around a separate option value ("3" -> 3).
        private static string StripQuotes(string value)
            => value.Length > 1 && value[0] == '"' && value[^1] == '"' && value.IndexOf('"', 1, value.Length - 2) < 0
                ? value[1..^1]
                : value;
    }
}
