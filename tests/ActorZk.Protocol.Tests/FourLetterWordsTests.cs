using System.Buffers;
using System.Text;
using ActorZk.Protocol.Framing;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class FourLetterWordsTests
{
    public static TheoryData<string> Words => [.. FourLetterWords.All];

    [Theory]
    [MemberData(nameof(Words))]
    public void Each_word_is_recognized_from_its_bytes(string word)
    {
        var bytes = Encoding.ASCII.GetBytes(word);
        Assert.True(FourLetterWords.TryGetCommand(bytes, out var command));
        Assert.Equal(word, command);

        // Also when the four letters arrive split over segments.
        Assert.True(FourLetterWords.TryGetCommand(Segmented(bytes, [1, 2]), out command));
        Assert.Equal(word, command);
    }

    [Fact]
    public void ZooKeeper_list_is_complete()
        => Assert.Equal(
            ["conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "hash", "isro", "mntr", "ruok", "srst", "srvr", "stat", "stmk", "wchc", "wchp", "wchs"],
            FourLetterWords.All.Order());

    [Fact]
    public void Telnet_close_is_known()
    {
        Assert.True(FourLetterWords.TryGetCommand(Hex("fff4fffd"), out var command));
        Assert.Equal(FourLetterWords.TelnetClose, command);
    }

    [Theory]
    [InlineData("0000002d")] // a ConnectRequest length
    [InlineData("52554f4b")] // RUOK: the words are case-sensitive
    [InlineData("6b756f72")]
    public void Other_prefixes_are_not_words(string hex)
        => Assert.False(FourLetterWords.TryGetCommand(Hex(hex), out _));

    [Fact]
    public void Fewer_than_four_bytes_is_not_a_word()
    {
        Assert.False(FourLetterWords.TryGetCommand("ruo"u8, out _));
        Assert.False(FourLetterWords.TryGetCommand(new ReadOnlySequence<byte>("ruo"u8.ToArray()), out _));
    }
}
