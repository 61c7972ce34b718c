using System.Diagnostics.CodeAnalysis;

namespace ActorZk.Protocol.Jute;

/// <summary>Thrown when bytes do not form a valid jute record (truncated, bad length, unknown type).</summary>
public sealed class JuteException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public JuteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public JuteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public JuteException()
        : base("Malformed jute record")
    {
    }

    // Throw helpers keep the throwing code out of the inlined hot paths.
    [DoesNotReturn]
    internal static void ThrowTruncated(int needed, int remaining)
        => throw new JuteException($"Record truncated: needed {needed} more bytes, {remaining} left");

    [DoesNotReturn]
    internal static void ThrowBadLength(int length, int remaining)
        => throw new JuteException($"Invalid length {length} with {remaining} bytes left");

    /// <summary>Throws a <see cref="JuteException"/> with the given message.</summary>
    [DoesNotReturn]
    public static void Throw(string message) => throw new JuteException(message);
}
