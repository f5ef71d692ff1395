import Crypto
import Foundation

/// Short lowercase alphanumeric identifiers derived from names, stable across runs (API IDs, resource IDs).
enum StableID {
    static func make(_ name: String, length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let digest = Array(SHA256.hash(data: Data(name.utf8)))
        return String((0..<length).map { alphabet[Int(digest[$0 % digest.count]) % alphabet.count] })
    }
}
