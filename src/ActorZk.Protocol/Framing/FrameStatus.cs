namespace ActorZk.Protocol.Framing;

/// <summary>The outcome of <see cref="FrameParser.TryReadFrame"/>.</summary>
public enum FrameStatus
{
    /// <summary>Not enough bytes for the length prefix or the frame yet; the buffer is left as is.</summary>
    Incomplete,

    /// <summary>A whole frame was read and the buffer advanced past it.</summary>
    Complete,

    /// <summary>The length prefix exceeds the maximum frame length; the connection must be closed.</summary>
    TooLarge,

    /// <summary>The length prefix is negative; the connection must be closed.</summary>
    Negative,
}
