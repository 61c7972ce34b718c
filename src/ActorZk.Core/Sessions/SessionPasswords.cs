namespace ActorZk.Core.Sessions;

/// <summary>
/// Session passwords as ZooKeeper derives them: 16 bytes from <c>java.util.Random</c> seeded with
/// <c>sessionId ^ secret</c>. Any member with the same secret can check a password without storing it, and
/// with ZooKeeper's default secret the passwords are those a ZooKeeper server would hand out.
/// </summary>
public static class SessionPasswords
{
    /// <summary>ZooKeeper's built-in secret (<c>superSecret</c>).</summary>
    public const long DefaultSecret = 0xB3415C00L;

    /// <summary>Password length in bytes.</summary>
    public const int Length = 16;

    /// <summary>The password of <paramref name="sessionId"/>.</summary>
    public static byte[] Generate(long sessionId, long secret = DefaultSecret)
    {
        var password = new byte[Length];
        Generate(sessionId, password, secret);
        return password;
    }

    /// <summary>Writes the password of <paramref name="sessionId"/> into <paramref name="destination"/> (16 bytes).</summary>
    public static void Generate(long sessionId, Span<byte> destination, long secret = DefaultSecret)
    {
        var random = new JavaRandom(sessionId ^ secret);
        random.NextBytes(destination[..Length]);
    }

    /// <summary>ZooKeeper's <c>checkPasswd</c>: the session id is not 0 and the password matches.</summary>
    public static bool Check(long sessionId, ReadOnlySpan<byte> password, long secret = DefaultSecret)
    {
        if (sessionId == 0)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Length];
        Generate(sessionId, expected, secret);
        return password.SequenceEqual(expected);
    }

    // java.util.Random's 48-bit linear congruential generator, bit for bit.
    private struct JavaRandom(long seed)
    {
        private const long Multiplier = 0x5DEECE66DL;
        private const long Addend = 0xBL;
        private const long Mask = (1L << 48) - 1;

        private long state = (seed ^ Multiplier) & Mask;

        public void NextBytes(Span<byte> bytes)
        {
            var i = 0;
            while (i < bytes.Length)
            {
                var rnd = NextInt();
                for (var n = Math.Min(bytes.Length - i, 4); n-- > 0; rnd >>= 8)
                {
                    bytes[i++] = (byte)rnd;
                }
            }
        }

        private int NextInt()
        {
            state = unchecked((state * Multiplier) + Addend) & Mask;
            return (int)((ulong)state >> 16);
        }
    }
}
