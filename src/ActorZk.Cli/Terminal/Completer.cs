namespace ActorZk.Cli.Terminal;

/// <summary>
/// Tab completion as zkCli's <c>JLineZNodeCompleter</c>: a word starting with '/' completes to the children of its
/// parent znode (listed on the server), any other word to a command name.
/// </summary>
internal sealed class Completer
{
    private readonly IReadOnlyList<string> commands;
    private readonly Func<string, Task<IReadOnlyList<string>>> listChildren;

    /// <summary>Creates the completer.</summary>
    /// <param name="commands">The command names.</param>
    /// <param name="listChildren">Lists a znode's children; returns nothing (rather than throwing) when it cannot.</param>
    public Completer(IReadOnlyList<string> commands, Func<string, Task<IReadOnlyList<string>>> listChildren)
    {
        this.commands = commands;
        this.listChildren = listChildren;
    }

    /// <summary>Completes the word that ends at <paramref name="cursor"/>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="cursor">The cursor position.</param>
    /// <returns>Where the word starts and its candidates.</returns>
    public async Task<Completion> CompleteAsync(string line, int cursor)
    {
        var text = line[..cursor];
        var start = text.LastIndexOf(' ') + 1;
        var word = text[start..];
        if (!word.StartsWith('/'))
        {
            return new Completion(start, [.. commands.Where(c => c.StartsWith(word, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
        }

        // "/a/b" lists "/a" for children starting with "b"; only the root may end with a slash.
        var slash = word.LastIndexOf('/');
        var parent = slash == 0 ? "/" : word[..slash];
        var prefix = word[(slash + 1)..];
        var children = await listChildren(parent);
        return new Completion(
            start,
            [.. children.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Select(c => word[..(slash + 1)] + c).Order(StringComparer.Ordinal)]);
    }
}
