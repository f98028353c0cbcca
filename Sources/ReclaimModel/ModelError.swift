/// Why a simulation run could not go on. The run is then recorded `failed` with this text.
public enum ModelError: Error, CustomStringConvertible, Sendable, Equatable {
    /// No free page frame for an allocation. Global reclaim is not modelled yet.
    case outOfRAM(tMs: Int64, pid: Int32, ramPages: Int)
    /// A model invariant broke (a bug in the model, reported instead of writing wrong data).
    case invariant(String)

    public var description: String {
        switch self {
        case .outOfRAM(let t, let pid, let ram):
            "machine RAM exhausted at t=\(t) ms (pid \(pid) faulting, machine.ram_pages \(ram)): "
                + "global reclaim and the global OOM killer are not modelled by this version; "
                + "raise machine.ram_pages or lower the load outside containers"
        case .invariant(let what):
            "model invariant violated: \(what)"
        }
    }
}
