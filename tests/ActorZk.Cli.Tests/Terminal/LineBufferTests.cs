using ActorZk.Cli.Terminal;

namespace ActorZk.Cli.Tests.Terminal;

public sealed class LineBufferTests
{
    [Fact]
    public void Inserts_and_deletes_around_the_cursor()
    {
        var buffer = new LineBuffer();
        buffer.Insert("ls /a");
        buffer.Move(-2);
        buffer.Insert("x");
        Assert.Equal("ls x/a", buffer.Text);
        Assert.Equal(4, buffer.Cursor);
        Assert.True(buffer.Backspace());
        Assert.True(buffer.Delete());
        Assert.Equal("ls a", buffer.Text);
        buffer.Home();
        Assert.False(buffer.Backspace());
        buffer.End();
        Assert.False(buffer.Delete());
        buffer.Move(10);
        Assert.Equal(4, buffer.Cursor);
    }

    [Fact]
    public void Deletes_words_and_line_parts()
    {
        var buffer = new LineBuffer();
        buffer.Insert("create /a data  ");
        buffer.DeleteWordBefore();
        Assert.Equal("create /a ", buffer.Text);
        buffer.Move(-3);
        buffer.DeleteToEnd();
        Assert.Equal("create ", buffer.Text);
        buffer.Move(-2);
        buffer.DeleteToStart();
        Assert.Equal("e ", buffer.Text);
        Assert.Equal(0, buffer.Cursor);
    }

    [Fact]
    public void Replaces_the_word_before_the_cursor()
    {
        var buffer = new LineBuffer();
        buffer.Insert("get /te rest");
        buffer.Move(-5);
        buffer.ReplaceBeforeCursor(4, "/test");
        Assert.Equal("get /test rest", buffer.Text);
        Assert.Equal(9, buffer.Cursor);
    }
}
