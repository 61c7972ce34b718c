namespace ActorZk.Cli.Commands;

/// <summary>What the shell-level commands (history, redo, printwatches, connect, quit) need from the shell.</summary>
internal interface IShellState
{
    /// <summary>The number of the line being run (zkCli's <c>commandCount</c>).</summary>
    int CommandCount { get; }

    /// <summary>The line numbered <paramref name="index"/>, or null when there is none.</summary>
    /// <param name="index">The line number.</param>
    /// <returns>The line, or null.</returns>
    string? HistoryLine(int index);

    /// <summary>Re-runs <paramref name="line"/> as line <see cref="CommandCount"/>, reporting its failure as a normal command would.</summary>
    /// <param name="line">The line to run again.</param>
    /// <returns>Completes when it has run.</returns>
    Task RedoAsync(string line);

    /// <summary>Asks the shell to stop after this command, with the exit status of the previous one.</summary>
    void RequestQuit();
}
