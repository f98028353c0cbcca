import ArgumentParser
import ReclaimStore

/// `--db FILE`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database (created if missing).")
    var db: String = "reclaimlab.db"
}

extension RunRecorder.Level: ExpressibleByArgument {}
