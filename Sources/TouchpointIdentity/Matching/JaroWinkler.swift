/// Jaro-Winkler similarity of two folded strings (0 nothing in common, 1 equal), on their UTF-8 bytes.
///
/// Jaro counts the characters the strings share within half the longer length of each other and the
/// transpositions among them; Winkler adds weight for a common prefix of up to 4 characters, because typing errors
/// are rarer at the start of a name. Bytes, not characters: the inputs are `MatchText.fold`ed, which is ASCII for
/// the Latin names that make up nearly all customer records, and a multi-byte letter costs at most a little score.
package enum JaroWinkler {
    package static func similarity(_ lhs: String, _ rhs: String) -> Double {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in similarity(left, right) } }
    }

    package static func similarity(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Double {
        if left.isEmpty || right.isEmpty { return left.isEmpty && right.isEmpty ? 1 : 0 }
        if left.elementsEqual(right) { return 1 }
        let window = max(0, max(left.count, right.count) / 2 - 1)
        // Names are short; 64 bits of "already matched" per side cover them, longer text compares its first 64.
        let leftCount = min(left.count, 64)
        let rightCount = min(right.count, 64)
        var leftMatched: UInt64 = 0
        var rightMatched: UInt64 = 0
        var matches = 0
        for i in 0..<leftCount {
            let low = max(0, i - window)
            let high = min(rightCount - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where rightMatched & (1 << j) == 0 && left[i] == right[j] {
                leftMatched |= 1 << i
                rightMatched |= 1 << j
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<leftCount where leftMatched & (1 << i) != 0 {
            while rightMatched & (1 << j) == 0 { j += 1 }
            if left[i] != right[j] { transpositions += 1 }
            j += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(leftCount) + m / Double(rightCount) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, leftCount, rightCount) && left[prefix] == right[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}
