namespace ActorZk.Server.Admin;

/// <summary>Bytes of every file under a directory, for <c>conf</c> and <c>dirs</c> (ZooKeeper sums its data directories the same way).</summary>
internal static class DirectorySize
{
    /// <summary>The sum of the lengths of every file under <paramref name="path"/>, recursively; 0 if it does not exist.</summary>
    public static long Of(string path)
    {
        try
        {
            var directory = new DirectoryInfo(path);
            if (!directory.Exists)
            {
                return 0;
            }

            long total = 0;
            foreach (var file in directory.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
            {
                total += file.Length;
            }

            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file removed while counting (a WAL checkpoint, a purge): the answer is approximate anyway.
            return 0;
        }
    }
}
