/// A `/proc/sys` knob the run sets and restores (`vm/laptop_mode`).
public struct Sysctl: Sendable, Hashable {
    public var path: String

    public init(_ name: String) { path = "/proc/sys/" + name }

    public static let laptopMode = Sysctl("vm/laptop_mode")
    public static let panicOnOOM = Sysctl("vm/panic_on_oom")

    public func read() throws -> Int { Int(try SysFile.readInt(path)) }
    public func write(_ value: Int) throws { try SysFile.write(path, String(value)) }
}
