/// The parts of a TZif file (RFC 8536) a zone needs: transitions, the offset each one starts, and the footer.
///
/// Version 2 and later files carry the data twice, 32-bit then 64-bit; the 32-bit block is skipped and the
/// 64-bit one read, with the footer's POSIX TZ rule for times after the last transition (Debian's "slim" files
/// stop their table early and rely on it). Version 1 files are read from their 32-bit block alone. Files with
/// leap-second records (the `right/` zones) are refused: their transition times are not POSIX seconds.
struct TZifFile {
    /// UTC seconds, ascending.
    var transitions: [Int64] = []
    /// The UT offset (seconds east) in effect from the transition at the same index.
    var offsetsAfter: [Int32] = []
    /// The offset of time type 0, which RFC 8536 §3.2 says applies before the first transition.
    var initialOffset: Int32 = 0
    /// The footer's TZ string without its newlines; empty when absent or empty.
    var footer: ArraySlice<UInt8> = []

    /// Parses `data`, or returns why not.
    init(_ data: [UInt8]) throws(TZifProblem) {
        var reader = BigEndianReader(data)
        let first = try Header(&reader)
        guard first.version != 0 else {
            try readBlock(&reader, header: first, timeSize: 4)
            return
        }
        try reader.skip(first.blockSize(timeSize: 4))
        let second = try Header(&reader)
        try readBlock(&reader, header: second, timeSize: 8)
        guard reader.remaining >= 2, try reader.byte() == 0x0A else { throw TZifProblem("no footer") }
        let start = reader.offset
        guard let end = data[start...].firstIndex(of: 0x0A) else { throw TZifProblem("footer not terminated") }
        footer = data[start..<end]
    }

    private mutating func readBlock(_ reader: inout BigEndianReader, header: Header, timeSize: Int) throws(TZifProblem)
    {
        guard header.leapCount == 0 else { throw TZifProblem("leap-second records (a right/ zone) are not supported") }
        guard header.typeCount > 0 else { throw TZifProblem("no local time types") }
        guard reader.remaining >= header.blockSize(timeSize: timeSize) else { throw TZifProblem("truncated") }
        var times: [Int64] = []
        times.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount {
            let time =
                timeSize == 8 ? Int64(bitPattern: try reader.uint64()) : Int64(Int32(bitPattern: try reader.uint32()))
            if let last = times.last, time <= last { throw TZifProblem("transition times not ascending") }
            times.append(time)
        }
        var typeIndices: [Int] = []
        typeIndices.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount {
            let index = Int(try reader.byte())
            guard index < header.typeCount else { throw TZifProblem("transition type index out of range") }
            typeIndices.append(index)
        }
        var offsets: [Int32] = []
        for _ in 0..<header.typeCount {
            let offset = Int32(bitPattern: try reader.uint32())
            // RFC 8536 §3.2: utoff must not be -2**31 and should be within -89999...93599 (about ±25 h).
            guard offset >= -89_999, offset <= 93_599 else { throw TZifProblem("UT offset out of range") }
            _ = try reader.byte()  // isdst: the offset already says everything a UTC conversion needs
            _ = try reader.byte()  // desigidx: abbreviations are not read (see TimePattern's %Z)
            offsets.append(offset)
        }
        try reader.skip(header.characterCount + header.leapCount * (timeSize + 4))
        try reader.skip(header.standardIndicatorCount + header.universalIndicatorCount)
        transitions = times
        offsetsAfter = typeIndices.map { offsets[$0] }
        initialOffset = offsets[0]
    }

    private struct Header {
        var version: UInt8
        var universalIndicatorCount: Int
        var standardIndicatorCount: Int
        var leapCount: Int
        var timeCount: Int
        var typeCount: Int
        var characterCount: Int

        init(_ reader: inout BigEndianReader) throws(TZifProblem) {
            guard reader.remaining >= 44, try reader.uint32() == 0x545A_6966 else {
                throw TZifProblem("no TZif header")
            }
            let version = try reader.byte()
            // Version is NUL, '2', '3' or later digits (RFC 8536 §3.1 says readers accept newer versions).
            guard version == 0 || version >= UInt8(ascii: "2") else { throw TZifProblem("unknown version") }
            self.version = version
            try reader.skip(15)
            var counts: [Int] = []
            for _ in 0..<6 {
                let count = Int(try reader.uint32())
                // Real files hold a few thousand entries at most; this bounds every allocation below.
                guard count <= 1 << 20 else { throw TZifProblem("implausible count") }
                counts.append(count)
            }
            universalIndicatorCount = counts[0]
            standardIndicatorCount = counts[1]
            leapCount = counts[2]
            timeCount = counts[3]
            typeCount = counts[4]
            characterCount = counts[5]
        }

        func blockSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
                + standardIndicatorCount + universalIndicatorCount
        }
    }
}

/// What is wrong with a TZif file, for `TimeZoneError.malformed`.
struct TZifProblem: Error {
    var problem: String
    init(_ problem: String) { self.problem = problem }
}

/// Big-endian integers off a byte array, failing at its end instead of trapping.
private struct BigEndianReader {
    let data: [UInt8]
    var offset = 0

    init(_ data: [UInt8]) { self.data = data }

    var remaining: Int { data.count - offset }

    mutating func skip(_ count: Int) throws(TZifProblem) {
        guard count <= remaining else { throw TZifProblem("truncated") }
        offset += count
    }

    mutating func byte() throws(TZifProblem) -> UInt8 {
        guard remaining >= 1 else { throw TZifProblem("truncated") }
        defer { offset += 1 }
        return data[offset]
    }

    mutating func uint32() throws(TZifProblem) -> UInt32 {
        guard remaining >= 4 else { throw TZifProblem("truncated") }
        var value: UInt32 = 0
        for index in offset..<offset + 4 { value = value << 8 | UInt32(data[index]) }
        offset += 4
        return value
    }

    mutating func uint64() throws(TZifProblem) -> UInt64 {
        let high = try uint32()
        return UInt64(high) << 32 | UInt64(try uint32())
    }
}
