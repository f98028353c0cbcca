import ArgumentParser
import CSV
import Foundation
import ReclaimStore

/// How `reclaimlab query` prints rows: `--format table|csv|tsv|json`.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Columns padded for a terminal; NULL as an empty cell.
    case table
    /// RFC 4180 through yaslab/CSV.swift's `CSVWriter`: a header row, CRLF line ends,
    /// fields quoted only when they hold a comma, quote or line break (so numbers are
    /// never quoted), NULL as an empty field and an empty string as `""`.
    case csv
    /// Tab-separated with a header row; NULL as an empty field; backslash, tab, CR and LF
    /// inside text are written as `\\`, `\t`, `\r`, `\n`.
    case tsv
    /// A JSON array of objects, keys in column order; NULL as `null`, numbers as numbers,
    /// blobs as hex strings.
    case json

    /// The text of one result in this format, ending with a line break.
    func render(_ result: QueryResult) throws -> String {
        switch self {
        case .table:
            return Table.render(header: result.columns, rows: result.rows.map { $0.map(Self.plain) }) + "\n"
        case .csv:
            return try Self.csv(result)
        case .tsv:
            let lines =
                [result.columns.map(Self.tsvEscaped)] + result.rows.map { $0.map { Self.tsvEscaped(Self.plain($0)) } }
            return lines.map { $0.joined(separator: "\t") + "\n" }.joined()
        case .json:
            return Self.json(result)
        }
    }

    /// A cell as text: integers in decimal, reals in Swift's shortest round-trip form
    /// (`0.0972`, `3500.0`, `1e-05`), text as is, NULL empty, blobs as `x'..'` hex.
    static func plain(_ value: QueryValue) -> String {
        switch value {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): "x'" + hex(b) + "'"
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func tsvEscaped(_ text: String) -> String {
        guard text.contains(where: { "\\\t\r\n".contains($0) }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\r\n": out += "\\r\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// RFC 4180 text: header and rows through `CSVWriter`, each record ended by CRLF.
    static func csv(_ result: QueryResult) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: result.columns)
        for row in result.rows {
            writer.beginNewRow()
            for value in row {
                // An empty string is quoted so that it differs from NULL (an empty field).
                try writer.write(field: plain(value), quoted: value == .text(""))
            }
        }
        let data = withExtendedLifetime(writer) {
            stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        }
        // CSVWriter separates records; RFC 4180 allows, and most tools expect, a final CRLF.
        return String(decoding: data, as: UTF8.self) + "\r\n"
    }

    static func json(_ result: QueryResult) -> String {
        if result.rows.isEmpty { return "[]\n" }
        let keys = result.columns.map(jsonString)
        let objects = result.rows.map { row in
            "  {" + zip(keys, row).map { "\($0): \(jsonValue($1))" }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonValue(_ value: QueryValue) -> String {
        switch value {
        case .null: "null"
        case .integer(let i): String(i)
        case .real(let d): d.isFinite ? String(d) : "null"
        case .text(let s): jsonString(s)
        case .blob(let b): jsonString(hex(b))
        }
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
