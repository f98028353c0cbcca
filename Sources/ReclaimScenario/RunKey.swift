import Crypto
import ReclaimRecords

/// The identity of one run: what `runs.run_key` stores.
public enum RunKey {
    /// Lowercase hex SHA-256 of `modelVersion + "\n" + canonicalJSON`.
    ///
    /// The canonical JSON carries the seed and every setting, so two runs share a key exactly
    /// when the same model version simulates the same configuration; bumping
    /// `ModelInfo.modelVersion` gives every run a new key.
    public static func make(canonicalJSON: String, modelVersion: String = ModelInfo.modelVersion) -> String {
        let digest = SHA256.hash(data: Array((modelVersion + "\n" + canonicalJSON).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
