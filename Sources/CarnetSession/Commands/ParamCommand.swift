#if canImport(Glibc)
import Glibc
#endif

/// `param NAME = VALUE`: a notebook's parameter, used as `$NAME` in later commands and notes.
/// `carnet run NOTEBOOK -P NAME=VALUE` replays it with another value (next year's file), as
/// papermill's `-p` and Quarto's `-P` do.
enum ParamCommand {
    static let spec: CommandSpec = CommandSpec(
        name: "param",
        synopsis: "param NAME = VALUE",
        summary: "declare a parameter of the notebook, used as $NAME in commands and notes (carnet run -P NAME=VALUE changes it)",
        details: "Values are text, put in place of $NAME or ${NAME} before a command runs; paths are relative to the notebook.\nThe notebook records the command with $NAME, so a replay with -P uses the new value everywhere.",
        examples: ["param fichier = ../datasets/zae-pays-de-lor.csv", "param annee = 2023", "load $fichier as zae"],
        recorded: true,
        takesRawText: true,
        run: { session, invocation in
            guard let (name, typedValue) = Parameters.declaration(in: "param " + invocation.argumentText.text) else {
                throw invocation.usage(spec, "expected NAME = VALUE")
            }
            var value = typedValue
            guard Parameters.isName(name) else {
                throw invocation.usage(spec, "a parameter name is letters, digits and _, starting with a letter: not \(quotedText(name))")
            }
            if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q { value = String(value.dropFirst().dropLast()) }
            let chosen = session.parameterOverrides[name.lowercased()] ?? value
            session.parameters[name.lowercased()] = chosen
            // A file is named, not its path (as `load` does), so that a saved notebook replays the same.
            let isFile = access(session.resolve(chosen), F_OK) == 0
            let shown = isFile ? String(chosen.split(separator: "/").last ?? Substring(chosen)) : chosen
            return .message("param \(name) = \(shown)")
        }
    )
}

/// Puts parameter values in place of `$NAME` and `${NAME}`.
enum Parameters {
    /// The name (as typed) and value of a `param NAME = VALUE` command; nil for any other.
    static func declaration(in command: String) -> (name: String, value: String)? {
        guard command.lowercased().hasPrefix("param "), let eq = command.firstIndex(of: "=") else { return nil }
        return (command[command.index(command.startIndex, offsetBy: 6)..<eq].trimmingWhitespace(),
                command[command.index(after: eq)...].trimmingWhitespace())
    }

    static func isName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter, first.isASCII else { return false }
        return s.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }

    /// A note's `$name` (of a known parameter) written as the live value `{{$name}}`.
    static func markingLiveReferences(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("$") else { return text }
        return substitute(text, Dictionary(uniqueKeysWithValues: values.keys.map { ($0, "{{$" + $0 + "}}") }))
    }

    /// `text` with each known `$name` replaced; unknown names are left as typed.
    static func substitute(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("$") else { return text }
        var out = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else { out.append(chars[i]); i += 1; continue }
            var j = i + 1
            let braced = chars[j] == "{"
            if braced { j += 1 }
            var name = ""
            while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { name.append(chars[j]); j += 1 }
            if braced { guard j < chars.count, chars[j] == "}" else { out.append(chars[i]); i += 1; continue }; j += 1 }
            if let value = values[name.lowercased()] {
                out += value
                i = j
            } else {
                out.append(chars[i]); i += 1
            }
        }
        return out
    }
}
