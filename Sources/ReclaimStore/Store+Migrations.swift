import GRDB

extension Store {
    /// Identifiers of the migrations this binary carries, in order: the embedded
    /// `migrations/*.sql` file names without `.sql` (e.g. `m0001_initial`).
    public static var migrationIdentifiers: [String] {
        EmbeddedSQL.migrations.map { migrationIdentifier(of: $0.name) }
    }

    /// `m0001_initial.sql` -> `m0001_initial`.
    static func migrationIdentifier(of fileName: String) -> String {
        fileName.hasSuffix(".sql") ? String(fileName.dropLast(4)) : fileName
    }

    /// A migrator registering every embedded migration file, never files on disk.
    ///
    /// Migrations are history: a landed file is never edited; a schema change is a new
    /// file. Each runs in its own transaction (the files hold no BEGIN/COMMIT), with
    /// foreign keys checked before commit. The database is never erased on schema change.
    static func makeMigrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for file in EmbeddedSQL.migrations {
            let text = file.text
            migrator.registerMigration(migrationIdentifier(of: file.name)) { db in
                try db.execute(sql: text)
            }
        }
        return migrator
    }

    /// Applies the migrations this database lacks.
    static func migrate(_ writer: any DatabaseWriter) throws {
        let migrator = makeMigrator()
        do {
            try migrator.migrate(writer)
        } catch {
            // Another process may have created the schema between our check and our
            // write (two shards opening a new file at once); that is success.
            if (try? writer.read(migrator.hasCompletedMigrations)) == true { return }
            throw error
        }
    }

    /// Refuses a database this binary must not migrate: one with migrations it does not
    /// know (a newer reclaimlab), or a SQLite file of another application.
    ///
    /// Reads only, so a refused file is left byte-for-byte unchanged.
    static func checkCompatible(_ db: Database, path: String) throws {
        let known = Set(migrationIdentifiers)
        if try db.tableExists("grdb_migrations") {
            let unknown = try makeMigrator().appliedIdentifiers(db).subtracting(known)
            if !unknown.isEmpty {
                throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
            }
        } else {
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
            if !tables.isEmpty {
                throw StoreError.notAReclaimlabDatabase(path: path, tables: tables)
            }
        }
    }
}
