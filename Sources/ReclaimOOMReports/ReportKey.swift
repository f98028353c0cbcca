import Crypto

/// Hashing for ``OOMReport/key``.
enum ReportKey {
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text` (64 characters).
    static func sha256Hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
