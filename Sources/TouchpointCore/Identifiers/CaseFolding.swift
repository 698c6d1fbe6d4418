extension String {
    /// The lowercased text, or nil when lowercasing changes nothing (checked on the bytes for ASCII text).
    package var lowercasedIfChanged: String? {
        let isUnchanged = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
        }
        if isUnchanged == true { return nil }
        let lowered = lowercased()
        return lowered == self ? nil : lowered
    }
}
