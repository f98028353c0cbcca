extension Scenario {
    /// Decodes `tasks:` and resolves what links tasks: unique names, pids, parents.
    static func decodeTasks(
        _ node: ScenarioNode, at path: ScenarioKeyPath, containers: [Container], uptimeSeconds: Int
    ) throws -> [Task] {
        let items = try NodeReader.sequence(node, at: path)
        guard !items.isEmpty else {
            throw ScenarioIssue(path, "must not be empty (list at least one task)")
        }
        var decoded: [(task: Task, explicitPid: Int?)] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let entry = try Task.decode(
                item, at: path.appending(index), containers: containers, uptimeSeconds: uptimeSeconds)
            if let first = seen[entry.task.name] {
                throw ScenarioIssue(
                    path.appending(index).appending("name"),
                    "duplicate task name \(quoted(entry.task.name)) (also tasks[\(first)])")
            }
            seen[entry.task.name] = index
            decoded.append(entry)
        }
        let tasks = try assignPids(decoded, at: path)
        try checkParents(tasks, at: path)
        return tasks
    }

    /// Gives each task its first pid: the explicit `pid`, or the previous task's last pid + 1
    /// (100 for the first task). Replicas take consecutive pids; no two replicas may share one.
    private static func assignPids(_ decoded: [(task: Task, explicitPid: Int?)], at path: ScenarioKeyPath) throws
        -> [Task]
    {
        var owners: [Int: (name: String, task: Int)] = [:]
        var next = Limits.firstAutomaticPid
        var tasks: [Task] = []
        for (index, (task, explicitPid)) in decoded.enumerated() {
            var task = task
            task.pid = explicitPid ?? next
            let pidPath = path.appending(index).appending("pid")
            let how = explicitPid == nil ? " (assigned after the previous task's pids; set pid explicitly)" : ""
            let last = task.pid + task.count - 1
            guard last <= Limits.maxPid else {
                throw ScenarioIssue(
                    pidPath, "pids \(task.pid)...\(last) go past the largest pid \(Limits.maxPid)\(how)")
            }
            for replica in 0..<task.count {
                let pid = task.pid + replica
                let name = replicaName(task.name, replica: replica)
                if let owner = owners[pid] {
                    throw ScenarioIssue(
                        pidPath,
                        "pid \(pid) of \(quoted(name)) is already used by \(quoted(owner.name)) (tasks[\(owner.task)])\(how)"
                    )
                }
                owners[pid] = (name, index)
            }
            next = last + 1
            tasks.append(task)
        }
        return tasks
    }

    /// `parent:` must name another task that starts no later than the child (a process
    /// forks its children, so it exists first: the task list is in creation order, docs/model.md
    /// §7.2), and following parents must never come back.
    private static func checkParents(_ tasks: [Task], at path: ScenarioKeyPath) throws {
        let indexByName = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1.name, $0) })
        for (index, task) in tasks.enumerated() {
            guard let parent = task.parent else { continue }
            let parentPath = path.appending(index).appending("parent")
            guard parent != task.name else {
                throw ScenarioIssue(parentPath, "a task cannot be its own parent")
            }
            guard let parentIndex = indexByName[parent] else {
                throw ScenarioIssue(
                    parentPath,
                    "no task named \(quoted(parent)) (tasks: \(tasks.map(\.name).joined(separator: ", ")))")
            }
            let parentStart = tasks[parentIndex].startSeconds
            guard task.startSeconds >= parentStart else {
                throw ScenarioIssue(
                    path.appending(index).appending("start_s"),
                    "\(formatSeconds(task.startSeconds)) is before its parent \(quoted(parent)) starts "
                        + "(start_s \(formatSeconds(parentStart))); a child starts at or after its parent")
            }
        }
        for (index, task) in tasks.enumerated() {
            var chain = [task.name]
            var current = task.parent
            while let name = current {
                chain.append(name)
                if name == task.name {
                    throw ScenarioIssue(
                        path.appending(index).appending("parent"),
                        "parent cycle \(chain.joined(separator: " -> ")) (parents must form a tree)")
                }
                if chain.count > tasks.count + 1 { break }  // a cycle that does not include this task
                current = tasks[indexByName[name]!].parent
            }
        }
    }

    /// `-5`, `0.25`: seconds as the file would write them.
    private static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() && abs(seconds) < 1e15 ? String(Int(seconds)) : String(seconds)
    }

    /// `web`, `web#2`, `web#3`, ... for replica 0, 1, 2, ...
    public static func replicaName(_ name: String, replica: Int) -> String {
        replica == 0 ? name : "\(name)#\(replica + 1)"
    }
}
