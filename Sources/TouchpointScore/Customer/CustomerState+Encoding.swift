import TouchpointCore

/// The checkpoint form of one customer (`StateWriter`): numbers as variable-length integers, times as milliseconds,
/// moments as a time and the 64-bit hash of the id, lists with their count, dictionaries sorted by key, so the same
/// state always writes the same bytes. A customer with a few dozen events takes a few hundred bytes.
extension CustomerState {
    package func write(into writer: inout StateWriter) {
        writer.write(experience.weightedSum)
        writer.write(experience.totalWeight)
        writer.write(experience.reference) { $0.write($1) }
        writer.write(events)
        writer.write(sortedByKey: amounts) { $0.write($1) }
        writer.write(primaryCurrency) { writer, value in
            writer.write(value.moment)
            writer.write(value.currency)
        }
        writer.write(firstSeen) { $0.write($1) }
        writer.write(lastSeen) { $0.write($1) }
        writer.write(stage)
        writer.write(purchases)
        writer.write(recentPurchases.count)
        for time in recentPurchases { writer.write(time) }
        writer.write(latestNPS) { writer, value in
            writer.write(value.moment)
            writer.write(value.npsClass)
        }
        writer.write(issues.count)
        for issue in issues {
            writer.write(CustomerState.Moment(time: issue.time, key: issue.key))
            writer.write(issue.isOpen)
        }
        writer.write(moments: contacts)
        writer.write(moments: detractors)
        writer.write(sortedByKey: missedRuns) { writer, run in
            writer.write(run.lastNotMissed) { $0.write($1) }
            writer.write(moments: run.misses)
            writer.write(run.dropped)
        }
        writer.write(touchpoints.count)
        for touchpoint in touchpoints {
            writer.write(touchpoint.moment)
            writer.write(touchpoint.name)
        }
        writer.write(sortedByKey: traits) { writer, trait in
            writer.write(trait.moment)
            writer.write(trait.value)
        }
    }

    package init(from reader: inout StateReader) throws(StateError) {
        self.init()
        experience.weightedSum = try reader.readDouble()
        experience.totalWeight = try reader.readDouble()
        experience.reference = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        events = try reader.readInt()
        for _ in 0..<(try reader.count()) { amounts[try reader.readString()] = try reader.readDouble() }
        primaryCurrency = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            (try reader.readMoment(), try reader.readString())
        }
        firstSeen = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        lastSeen = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            try reader.readTimestamp()
        }
        stage = try reader.readOptionalString()
        purchases = try reader.readInt()
        for _ in 0..<(try reader.count()) { recentPurchases.append(try reader.readTimestamp()) }
        latestNPS = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
            (try reader.readMoment(), try reader.readString())
        }
        for _ in 0..<(try reader.count()) {
            let moment = try reader.readMoment()
            issues.append(Issue(key: moment.key, time: moment.time, isOpen: try reader.readBool()))
        }
        contacts = try reader.readMoments()
        detractors = try reader.readMoments()
        for _ in 0..<(try reader.count()) {
            let measure = try reader.readString()
            var run = MissedRun()
            run.lastNotMissed = try reader.readOptional { (reader: inout StateReader) throws(StateError) in
                try reader.readMoment()
            }
            run.misses = try reader.readMoments()
            run.dropped = try reader.readInt()
            missedRuns[measure] = run
        }
        for _ in 0..<(try reader.count()) { touchpoints.append((try reader.readMoment(), try reader.readString())) }
        for _ in 0..<(try reader.count()) {
            let name = try reader.readString()
            traits[name] = (try reader.readMoment(), try reader.readString())
        }
    }

    /// The size of this customer's checkpoint entry, in bytes.
    package var encodedSize: Int {
        var writer = StateWriter()
        write(into: &writer)
        return writer.bytes.count
    }
}

extension StateWriter {
    mutating func write(_ moment: CustomerState.Moment) {
        write(moment.time)
        // The hash is uniformly spread, so its fixed 8 bytes (the writer's double form, bits kept as they are) are
        // shorter than its variable-length form.
        write(Double(bitPattern: moment.key))
    }

    mutating func write(moments: [CustomerState.Moment]) {
        write(moments.count)
        for moment in moments { write(moment) }
    }
}

extension StateReader {
    mutating func readMoment() throws(StateError) -> CustomerState.Moment {
        let time = try readTimestamp()
        return CustomerState.Moment(time: time, key: try readDouble().bitPattern)
    }

    mutating func readMoments() throws(StateError) -> [CustomerState.Moment] {
        var moments: [CustomerState.Moment] = []
        for _ in 0..<(try count()) { moments.append(try readMoment()) }
        return moments
    }

    /// A count of entries that follow; a damaged one is refused rather than looped over.
    mutating func count() throws(StateError) -> Int {
        let count = try readInt()
        guard count >= 0, count <= 1_000_000 else { throw StateError("a count of \(count) entries is not plausible") }
        return count
    }
}
