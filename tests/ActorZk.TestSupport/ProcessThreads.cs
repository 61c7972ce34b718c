namespace ActorZk.TestSupport;

/// <summary>What the threads of a process are doing, from /proc (Linux), for tests that SIGSTOP and SIGCONT servers.</summary>
public static class ProcessThreads
{
    /// <summary>Whether every thread of a process is stopped (or, with <paramref name="stopped"/> false, none is).</summary>
    /// <param name="pid">The process.</param>
    /// <param name="stopped">The state wanted.</param>
    /// <returns>True when every thread is in that state.</returns>
    public static bool AllInState(int pid, bool stopped)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
                continue;
            }

            // The state is the field after the parenthesized command name.
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            if ((state is 'T' or 't') != stopped)
            {
                return false;
            }
        }

        return true;
    }
}
