import Foundation

extension Store {
    /// A JSON array of strings, as `runs.ignored_keys` stores it.
    static func jsonArray(_ strings: [String]) -> String {
        (try? JSONEncoder().encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
