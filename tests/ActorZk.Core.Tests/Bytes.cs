using ActorZk.Core.Tree;

namespace ActorZk.Core.Tests;

/// <summary>Byte helpers.</summary>
internal static class Bytes
{
    public static byte[] Of(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    public static byte[] Snapshot(DataTree tree)
    {
        using var stream = new MemoryStream();
        tree.Serialize(stream);
        return stream.ToArray();
    }
}
