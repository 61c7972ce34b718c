using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ActorZk.Protocol.Framing;

/// <summary>
/// Recognizes ZooKeeper's four-letter admin words (<c>FourLetterCommands</c>). ZooKeeper reads the first
/// four bytes of a new connection as a frame length and, before the handshake only, checks whether that int
/// spells a known command; so does this class.
/// </summary>
/// <remarks>
/// <c>stmk</c> is followed by an 8-byte big-endian trace mask. <see cref="TelnetClose"/> (the bytes telnet
/// sends on Ctrl-C/close, <c>FF F4 FF FD</c>) is also a known command in ZooKeeper; its reply is to close the connection.
/// </remarks>
public static class FourLetterWords
{
    /// <summary>The command string ZooKeeper uses for <see cref="TelnetCloseCode"/>.</summary>
    public const string TelnetClose = "telnet close";

    /// <summary>The telnet IAC IP IAC DO sequence read as an int.</summary>
    public const int TelnetCloseCode = unchecked((int)0xfff4fffd);

    /// <summary>The set-trace-mask command, the only one with an argument (an 8-byte long).</summary>
    public const string SetTraceMask = "stmk";

    /// <summary>All commands, in ZooKeeper's order, excluding <see cref="TelnetClose"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk",
        "srst", "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash",
    ];

    /// <summary>Returns the command whose letters, read as a big-endian int, equal <paramref name="length"/>.</summary>
    public static bool TryGetCommand(int length, [NotNullWhen(true)] out string? command)
    {
        // The constants are the ASCII letters as a big-endian int; returning literals keeps this allocation-free.
        command = length switch
        {
            0x636f6e66 => "conf",
            0x636f6e73 => "cons",
            0x63727374 => "crst",
            0x64697273 => "dirs",
            0x64756d70 => "dump",
            0x656e7669 => "envi",
            0x67746d6b => "gtmk",
            0x72756f6b => "ruok",
            0x73746d6b => "stmk",
            0x73727374 => "srst",
            0x73727672 => "srvr",
            0x73746174 => "stat",
            0x77636863 => "wchc",
            0x77636870 => "wchp",
            0x77636873 => "wchs",
            0x6d6e7472 => "mntr",
            0x6973726f => "isro",
            0x68617368 => "hash",
            TelnetCloseCode => TelnetClose,
            _ => null,
        };
        return command is not null;
    }

    /// <summary>Checks the first four bytes of a new connection's stream; false if fewer than four are available.</summary>
    public static bool TryGetCommand(in ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out string? command)
    {
        if (FrameParser.TryPeekLength(buffer, out var length))
        {
            return TryGetCommand(length, out command);
        }

        command = null;
        return false;
    }

    /// <summary>Checks four bytes; false if <paramref name="first4"/> is shorter than four bytes.</summary>
    public static bool TryGetCommand(ReadOnlySpan<byte> first4, [NotNullWhen(true)] out string? command)
    {
        if (first4.Length >= 4)
        {
            return TryGetCommand(BinaryPrimitives.ReadInt32BigEndian(first4), out command);
        }

        command = null;
        return false;
    }
}
