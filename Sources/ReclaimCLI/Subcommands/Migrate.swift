import ArgumentParser
import ReclaimStore

extension ReclaimLab {
    /// `reclaimlab migrate [--db FILE]`
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or upgrade the database and print its schema version.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try Store(path: database.db)
            Console.current.output("\(database.db): \(try store.reader.schemaVersion)")
        }
    }
}
