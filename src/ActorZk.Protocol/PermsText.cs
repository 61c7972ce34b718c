namespace ActorZk.Protocol;

/// <summary>Permission bits as ZooKeeper writes them for people (<c>ZKUtil.getPermString</c>).</summary>
public static class PermsText
{
    /// <summary>The letters of the granted permissions, in ZooKeeper's order c, d, r, w, a (e.g. "cdrwa", "r").</summary>
    /// <param name="perms">The permission bits.</param>
    public static string ToLetters(Perms perms)
    {
        Span<char> letters = stackalloc char[5];
        var count = 0;
        if (perms.HasFlag(Perms.Create))
        {
            letters[count++] = 'c';
        }

        if (perms.HasFlag(Perms.Delete))
        {
            letters[count++] = 'd';
        }

        if (perms.HasFlag(Perms.Read))
        {
            letters[count++] = 'r';
        }

        if (perms.HasFlag(Perms.Write))
        {
            letters[count++] = 'w';
        }

        if (perms.HasFlag(Perms.Admin))
        {
            letters[count++] = 'a';
        }

        return new string(letters[..count]);
    }
}
