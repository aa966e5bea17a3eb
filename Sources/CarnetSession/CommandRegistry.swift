/// All of Carnet's commands, in the order `help` lists them.
public enum CommandRegistry {
    public static let commands: [CommandSpec] = [
        LoadCommand.spec,
        SheetsCommand.spec,
        TablesCommand.spec,
        MemoryCommand.spec,
        DescribeCommand.spec,
        ShowCommand.spec,
        CountCommand.spec,
        AggregateCommand.spec,
        PivotCommand.spec,
        ChartCommand.spec,
        ExportCommand.spec,
        ValidateCommand.spec,
        RepairCommand.spec,
        DropCommand.spec,
        SetCommand.spec,
        ParamCommand.spec,
        NoteCommand.spec,
        SummarizeCommand.spec,
        SaveCommand.spec,
        OpenCommand.spec,
        HistoryCommand.spec,
        UndoCommand.spec,
        EchoCommand.spec,
        HelpCommand.spec,
        QuitCommand.spec,
    ]

    public static func command(named name: String) -> CommandSpec? {
        let lowered = name.lowercased()
        return commands.first { $0.name == lowered || $0.aliases.contains(lowered) }
    }

    public static var names: [String] { commands.map(\.name) }
}
