using ActorZk.Protocol;

namespace ActorZk.Core.Tree;

/// <summary>
/// Encoding of the <c>ephemeralOwner</c> stat field, as ZooKeeper's <c>EphemeralType</c>: containers and TTL
/// nodes are persistent nodes whose owner field holds a marker instead of a session id.
/// </summary>
public static class EphemeralOwner
{
    /// <summary>The owner value of a container node.</summary>
    public const long Container = long.MinValue;

    /// <summary>Largest TTL in milliseconds (about 34 years): the bits left once the marker bits are taken.</summary>
    public const long MaxTtl = ExtendedFeatureValueMask;

    /// <summary>Largest server id usable with extended types, so a session id never looks like a TTL owner.</summary>
    public const long MaxExtendedServerId = 0xfe;

    private const long ExtendedMask = unchecked((long)0xff00000000000000UL);
    private const long ReservedBitsMask = 0x00ffff0000000000L;
    private const int ReservedBitsShift = 40;
    private const long ExtendedBitTtl = 0x0000;
    private const long ExtendedFeatureValueMask = ~(ExtendedMask | ReservedBitsMask);

    /// <summary>
    /// Classifies an owner value. TTL owners are recognised only when extended types are enabled, exactly as
    /// ZooKeeper (with them disabled such a value is an ordinary session id).
    /// </summary>
    /// <exception cref="ArgumentException">An extended owner with an unknown feature bit.</exception>
    public static EphemeralKind GetKind(long ephemeralOwner, bool extendedTypesEnabled)
    {
        if (extendedTypesEnabled && (ephemeralOwner & ExtendedMask) == ExtendedMask)
        {
            var feature = (ephemeralOwner & ReservedBitsMask) >> ReservedBitsShift;
            if (feature != ExtendedBitTtl)
            {
                throw new ArgumentException($"Invalid ephemeralOwner. [{ephemeralOwner:x}]", nameof(ephemeralOwner));
            }

            return EphemeralKind.Ttl;
        }

        if (ephemeralOwner == Container)
        {
            return EphemeralKind.Container;
        }

        return ephemeralOwner == 0 ? EphemeralKind.Void : EphemeralKind.Normal;
    }

    /// <summary>True if <paramref name="ttl"/> is a usable TTL: positive and at most <see cref="MaxTtl"/>.</summary>
    public static bool IsValidTtl(long ttl) => ttl > 0 && ttl <= MaxTtl;

    /// <summary>The owner value of a TTL node.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is not positive or larger than <see cref="MaxTtl"/>.</exception>
    public static long ForTtl(long ttl)
    {
        if (!IsValidTtl(ttl))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"ttl must be positive and cannot be larger than: {MaxTtl}");
        }

        return ExtendedMask | ExtendedBitTtl | ttl;
    }

    /// <summary>The TTL carried by a TTL owner value.</summary>
    public static long GetTtl(long ephemeralOwner) => ephemeralOwner & ExtendedFeatureValueMask;

    /// <summary>
    /// ZooKeeper's <c>EphemeralType.validateTTL</c>: a TTL mode needs a valid TTL, any other mode needs a
    /// negative one (the plain create request carries -1).
    /// </summary>
    public static bool IsValidTtlForMode(CreateMode mode, long ttl)
        => mode.IsTtl() ? IsValidTtl(ttl) : ttl < 0;

    /// <summary>The owner value ZooKeeper shows clients: 0 for anything but a real session id.</summary>
    public static long ClientVisible(long ephemeralOwner, bool extendedTypesEnabled)
        => GetKind(ephemeralOwner, extendedTypesEnabled) == EphemeralKind.Normal ? ephemeralOwner : 0;
}
