using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Multi;

/// <summary>Client-side checks of create arguments, as ZooKeeper's client makes before sending.</summary>
internal static class CreateArguments
{
    /// <summary>The largest TTL ZooKeeper can encode in an ephemeral owner (40 bits of milliseconds).</summary>
    public const long MaxTtl = 0xFF_FFFF_FFFFL;

    /// <summary>Checks that an ACL is not empty and has no null entry (which could not be encoded).</summary>
    /// <param name="acl">The ACL.</param>
    /// <param name="path">The path, for the exception.</param>
    /// <exception cref="InvalidAclException">The ACL is null, empty or has a null entry.</exception>
    public static void CheckAcl(IReadOnlyList<Acl>? acl, string? path)
    {
        if (acl is null || acl.Count == 0)
        {
            throw new InvalidAclException(path, "the ACL must not be empty");
        }

        foreach (var entry in acl)
        {
            if (entry?.Id?.Scheme is null || entry.Id.Identity is null)
            {
                throw new InvalidAclException(path, "the ACL has a null entry, identity, scheme or id");
            }
        }
    }

    /// <summary>Checks the ACL and the mode/TTL combination.</summary>
    /// <param name="acl">The ACL.</param>
    /// <param name="mode">The create mode.</param>
    /// <param name="ttl">The TTL, if any.</param>
    /// <exception cref="InvalidAclException">The ACL is null or empty.</exception>
    /// <exception cref="ArgumentException">A TTL with a non-TTL mode, none with a TTL mode, or out of range.</exception>
    public static void Validate(IReadOnlyList<Acl>? acl, CreateMode mode, long? ttl)
    {
        CheckAcl(acl, null);

        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown create mode");
        }

        if (mode.IsTtl())
        {
            if (ttl is not { } value || value <= 0 || value > MaxTtl)
            {
                throw new ArgumentException($"ttl must be positive and cannot be larger than {MaxTtl}", nameof(ttl));
            }
        }
        else if (ttl is not null)
        {
            throw new ArgumentException($"ttl not valid for mode {mode}", nameof(ttl));
        }
    }
}
