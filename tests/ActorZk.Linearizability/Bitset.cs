namespace ActorZk.Linearizability;

/// <summary>A fixed-size set of operation indexes with a hash kept up to date on every change, so memoizing
/// (linearized set, state) pairs costs O(1) per probe instead of O(n).</summary>
internal sealed class Bitset : IEquatable<Bitset>
{
    private readonly ulong[] words;
    private ulong hash;

    public Bitset(int size) => words = new ulong[(size + 63) / 64];

    private Bitset(ulong[] words, ulong hash)
    {
        this.words = words;
        this.hash = hash;
    }

    public void Set(int index)
    {
        ref var word = ref words[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) == 0)
        {
            word |= bit;
            hash ^= Mix(index);
        }
    }

    public void Clear(int index)
    {
        ref var word = ref words[index >> 6];
        var bit = 1UL << (index & 63);
        if ((word & bit) != 0)
        {
            word &= ~bit;
            hash ^= Mix(index);
        }
    }

    public Bitset Clone() => new((ulong[])words.Clone(), hash);

    public bool Equals(Bitset? other) => other is not null && other.hash == hash && words.AsSpan().SequenceEqual(other.words);

    public override bool Equals(object? obj) => Equals(obj as Bitset);

    public override int GetHashCode() => (int)(hash ^ (hash >> 32));

    /// <summary>A well-spread value per index (splitmix64), XORed in and out: the hash of a set is then
    /// independent of the order its members were added in.</summary>
    private static ulong Mix(int index)
    {
        var z = (ulong)index + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
