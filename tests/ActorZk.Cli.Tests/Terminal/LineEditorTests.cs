using ActorZk.Cli.Terminal;

namespace ActorZk.Cli.Tests.Terminal;

public sealed class LineEditorTests
{
    [Fact]
    public async Task Returns_typed_lines_and_ends_on_ctrl_d()
    {
        var terminal = new FakeTerminal().Type("ls /\n").Press(FakeTerminal.Key(ConsoleKey.D, control: true));
        var editor = new LineEditor(terminal, null);
        Assert.Equal("ls /", await editor.ReadLineAsync("> "));
        Assert.Null(await editor.ReadLineAsync("> "));
        Assert.StartsWith("> ", terminal.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_in_the_middle_of_the_line()
    {
        var terminal = new FakeTerminal()
            .Type("get /b")
            .Press(FakeTerminal.Key(ConsoleKey.LeftArrow))
            .Type("a")
            .Press(FakeTerminal.Key(ConsoleKey.Home), FakeTerminal.Key(ConsoleKey.Delete))
            .Type("s")
            .Press(FakeTerminal.Key(ConsoleKey.End), FakeTerminal.Key(ConsoleKey.Backspace))
            .Type("\n");
        Assert.Equal("set /a", await new LineEditor(terminal, null).ReadLineAsync("> "));
    }

    [Fact]
    public async Task Walks_the_history_with_the_arrows_and_keeps_the_draft()
    {
        var terminal = new FakeTerminal().Type("ls /\nget /a\ncre")
            .Press(FakeTerminal.Key(ConsoleKey.UpArrow), FakeTerminal.Key(ConsoleKey.UpArrow), FakeTerminal.Key(ConsoleKey.UpArrow))
            .Type("\n")
            .Press(FakeTerminal.Key(ConsoleKey.UpArrow), FakeTerminal.Key(ConsoleKey.DownArrow))
            .Type("x\n");
        var editor = new LineEditor(terminal, null);
        Assert.Equal("ls /", await editor.ReadLineAsync("> "));
        Assert.Equal("get /a", await editor.ReadLineAsync("> "));

        // Up three times from the draft "cre" stops at the oldest line.
        Assert.Equal("ls /", await editor.ReadLineAsync("> "));

        // Up then Down comes back to the (empty) draft.
        Assert.Equal("x", await editor.ReadLineAsync("> "));
        Assert.Equal(["ls /", "get /a", "ls /", "x"], editor.History);
    }

    [Fact]
    public async Task Completes_a_unique_command_with_a_space_and_a_znode_without()
    {
        var completer = new Completer(["get", "getAcl", "ls"], _ => Task.FromResult<IReadOnlyList<string>>(["test", "zookeeper"]));
        var terminal = new FakeTerminal().Type("l\t/t\t\n");
        Assert.Equal("ls /test", await new LineEditor(terminal, completer).ReadLineAsync("> "));
    }

    [Fact]
    public async Task Extends_to_the_common_prefix_then_lists_the_candidates()
    {
        var completer = new Completer(["get", "getAcl", "getAllChildrenNumber", "ls"], _ => Task.FromResult<IReadOnlyList<string>>([]));
        var terminal = new FakeTerminal().Type("g\t\t\n");
        var line = await new LineEditor(terminal, completer).ReadLineAsync("> ");
        Assert.Equal("get", line);
        Assert.Contains("get  ", terminal.Screen, StringComparison.Ordinal);
        Assert.Contains("getAllChildrenNumber", terminal.Screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redraws_a_line_longer_than_the_screen_from_the_prompts_row()
    {
        var terminal = new FakeTerminal(width: 10).Type("create /abcdefghij").Press(FakeTerminal.Key(ConsoleKey.Home)).Type("\n");
        Assert.Equal("create /abcdefghij", await new LineEditor(terminal, null).ReadLineAsync("> "));

        // With the cursor moved home from the second row, the next redraw goes up one row first.
        Assert.Contains("\u001b[1A", terminal.Screen, StringComparison.Ordinal);
    }
}
