/// Generates the whole data set for one set of options into a directory.
///
/// Pipeline: build the population, plan every household's sessions into a day calendar, then for each day expand
/// the day's sessions into records, sort them by time and render them. Records of a session that runs past midnight
/// are carried into the next day, so every file is in time order. Output goes through 1 MiB buffers.
package struct Generator {
    package let options: GeneratorOptions

    package init(options: GeneratorOptions) {
        self.options = options
    }

    /// Writes all files; throws `GeneratorError.io` if the directory or a file cannot be written.
    package func write() throws(GeneratorError) -> GeneratorSummary {
        let directory = options.outputDirectory
        try OutputDirectory.create(directory)
        let period = GenerationPeriod(startDate: options.startDate, days: options.days)
        var builder = PopulationBuilder(seed: options.seed, people: options.people, period: period)
        let population = builder.build()
        var planner = JourneyPlanner(period: period, seed: options.seed, population: population)
        var calendar = SessionCalendar(period: period)
        for household in population.households {
            for session in planner.plan(household, population: population) { calendar.add(session) }
        }
        var writer = try RecordWriter(
            directory: directory, population: population, orders: planner.orders, period: period, seed: options.seed)
        do {
            try writer.writePeople()
            try writeRecords(calendar: &calendar, period: period, population: population, planner: planner, to: &writer)
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        return GeneratorSummary(
            directory: directory, people: population.people.count, households: population.households.count,
            recordCounts: writer.recordCounts, incidents: writer.incidents, fileSizes: writer.writtenBytes)
    }

    private func writeRecords(
        calendar: inout SessionCalendar, period: GenerationPeriod, population: Population, planner: JourneyPlanner,
        to writer: inout RecordWriter
    ) throws(GeneratorError) {
        let expander = SessionExpander(people: population.people, orders: planner.orders)
        var serial: UInt64 = 0
        var carried: [Touch] = []
        var touches: [Touch] = []
        var keys: [TouchKey] = []
        for day in 0..<period.days {
            swap(&touches, &carried)
            carried.removeAll(keepingCapacity: true)
            let dayEnd = period.dayStart(day + 1) * 1000
            var expanded: [Touch] = []
            for session in calendar.takeDay(day) {
                expanded.removeAll(keepingCapacity: true)
                expander.expand(session, serial: serial, into: &expanded)
                serial += 1
                for touch in expanded {
                    if touch.time < dayEnd { touches.append(touch) } else { carried.append(touch) }
                }
            }
            // Sort small keys rather than the touches themselves: a merge sort moves every element about twenty
            // times, and a touch is several times larger than its key.
            keys.removeAll(keepingCapacity: true)
            for (index, touch) in touches.enumerated() {
                keys.append(TouchKey(time: touch.time, sequence: touch.sequence, index: index))
            }
            keys.sort { $0.time != $1.time ? $0.time < $1.time : $0.sequence < $1.sequence }
            for key in keys { try writer.write(touches[key.index]) }
            touches.removeAll(keepingCapacity: true)
        }
        // Sessions start at least two hours before the end, so nothing is carried past the last day.
        precondition(carried.isEmpty, "records planned after the end of the period")
    }
}

/// Sort key of a touch: event time, then the unique sequence, so equal times still sort the same way every run.
private struct TouchKey {
    let time: Int64
    let sequence: UInt64
    let index: Int
}

/// What a run wrote, for the closing note on stderr and for tests.
package struct GeneratorSummary: Sendable {
    package let directory: String
    package let people: Int
    package let households: Int
    /// Records per source, indexed by `RecordSource.rawValue`.
    package let recordCounts: [Int]
    package let incidents: [PlantedIncident]
    /// Bytes per file, channel files first, ground truth last.
    package let fileSizes: [(fileName: String, bytes: Int)]

    /// Total raw records over the seven channel files.
    package var records: Int { recordCounts.reduce(0, +) }

    /// One line: `wrote 2803 records (web 1400, …) for 56 people in 25 households, 8 planted alerts, 6 near-misses,
    /// to DIR`.
    package var description: String {
        let perSource = RecordSource.allCases.map { "\($0.stem) \(recordCounts[Int($0.rawValue)])" }
        let nearMisses = incidents.filter(\.isNearMiss).count
        return "wrote \(records) records (\(perSource.joined(separator: ", "))) for \(people) people in "
            + "\(households) households, \(incidents.count - nearMisses) planted alerts, \(nearMisses) near-misses, "
            + "to \(directory)"
    }
}
