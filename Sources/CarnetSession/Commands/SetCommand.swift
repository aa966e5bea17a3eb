import CarnetEngine

/// `set [NAME VALUE]`: shows or changes a setting.
enum SetCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "set",
        synopsis: "set [NAME VALUE]",
        summary: "list the settings, or change one (locale, output, charset, rows, timer, width, memory_limit)",
        examples: ["set", "set locale fr", "set output csv"],
        recorded: true,
        complete: { words in
            if words.count <= 2 { return .settingName }
            return words.count == 3 ? .settingValue(words[1].lowercased()) : .none
        },
        run: { session, invocation in
            let words = invocation.words
            if words.isEmpty {
                let lines = Settings.catalogue.map { item in
                    "  " + DisplayWidth.pad(item.name, to: 13, right: false) + DisplayWidth.pad(session.settings.value(of: item.name) ?? "", to: 9, right: false)
                        + item.help + " [" + item.values + "]"
                }
                return .text((["settings:"] + lines).joined(separator: "\n"))
            }
            guard words.count == 2 else {
                throw invocation.usage(spec, words.count == 1 ? "set \(words[0].text) needs a value" : "set takes a name and a value", at: words.count > 2 ? words[2] : nil)
            }
            do {
                try session.settings.set(words[0].text, to: words[1].text)
            } catch var error as CommandError {
                error.position = words[error.kind == .unknownName ? 0 : 1].offset
                throw error
            }
            let name = words[0].text.lowercased()
            var reply = "\(name) = \(session.settings.value(of: name) ?? words[1].text)"
            if name == "memory_limit" {
                let resident = MemoryLimit.residentBytes()
                if resident > MemoryLimit.bytes {
                    reply += " (\(ByteSize.format(resident)) already in use: loads and queries will stop until tables are dropped)"
                }
            }
            return .message(reply)
        }
    )

    static func values(of setting: String) -> [String] {
        guard let item = Settings.catalogue.first(where: { $0.name == setting }) else { return [] }
        return item.values.split(separator: "|").map { $0.trimmingWhitespace() }.filter { $0.lowercased() == $0 }  // N, SIZE: placeholders, not words to complete
    }
}
