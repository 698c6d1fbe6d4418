/// Writes records to the seven channel files and the ground truth, in the order it is given them.
///
/// Each renderer (one extension per channel) composes a record into `line` and its native id into `reference`;
/// `commit` then appends the line to the channel file and one `truth` line to the ground truth. Sequential ids
/// (`TX-`, `T-`, `R-`, `CL-`, post ids, message ids, web line numbers) are assigned here, in time order.
package struct RecordWriter {
    let population: Population
    let orders: OrderBook
    let period: GenerationPeriod
    let seed: UInt64
    private var files: [BufferedFile]
    private var truth: BufferedFile
    /// Planted incidents with the references of their records filled in as they are written.
    package private(set) var incidents: [PlantedIncident]
    /// Records written per source (`RecordSource.rawValue`).
    package private(set) var recordCounts: [Int]

    /// The record being composed, without its line break.
    var line: [UInt8] = []
    /// The record's native id as ground truth names it.
    var reference: [UInt8] = []
    /// Scratch space for free text before it is escaped.
    var text: [UInt8] = []

    /// Tickets written and not yet solved, by session seed (a ticket and its update share it).
    var openTickets: [UInt64: OpenTicket] = [:]
    var nextTransaction = 1
    var nextTicket = 100_001
    var nextResponse = 1
    var nextCall = 1
    var nextMessage: UInt64 = 0
    var nextPostNumbers: [Int] = [88_000, 310_000, 52_000]

    /// Opens (creating or truncating) every output file in `directory`.
    package init(directory: String, population: Population, orders: OrderBook, period: GenerationPeriod, seed: UInt64)
        throws(GeneratorError)
    {
        self.population = population
        self.orders = orders
        self.period = period
        self.seed = seed
        incidents = population.incidents
        recordCounts = Array(repeating: 0, count: RecordSource.allCases.count)
        var opened: [BufferedFile] = []
        do {
            for source in RecordSource.allCases {
                var file = try BufferedFile(path: directory + "/" + source.fileName)
                if let header = source.header {
                    file.buffer.append(contentsOf: header.utf8)
                    file.buffer.append(0x0A)
                }
                opened.append(file)
            }
            truth = try BufferedFile(path: directory + "/" + groundTruthFileName)
        } catch {
            for index in opened.indices { opened[index].abandon() }
            throw error
        }
        files = opened
        line.reserveCapacity(4096)
        text.reserveCapacity(1024)
    }

    /// Writes one record.
    package mutating func write(_ touch: Touch) throws(GeneratorError) {
        line.removeAll(keepingCapacity: true)
        reference.removeAll(keepingCapacity: true)
        var random = RandomSource(seed: touch.seed)
        let source = touch.action.source
        switch source {
        case .web: renderWebHit(touch, &random)
        case .pos: renderTillTransaction(touch, &random)
        case .tickets: renderTicket(touch, &random)
        case .surveys: renderSurveyResponse(touch, &random)
        case .social: renderSocialPost(touch, &random)
        case .calls: renderCall(touch, &random)
        case .segment: renderSegmentEvent(touch, &random)
        }
        try commit(touch, source: source)
    }

    private mutating func commit(_ touch: Touch, source: RecordSource) throws(GeneratorError) {
        let index = Int(source.rawValue)
        line.append(0x0A)
        files[index].buffer.append(contentsOf: line)
        try files[index].lineCompleted()
        recordCounts[index] += 1
        truth.buffer.append("{\"kind\":\"truth\",\"source\":\"")
        truth.buffer.append(contentsOf: source.stem.utf8)
        truth.buffer.append("\",\"ref\":")
        truth.buffer.appendJSONString(reference)
        truth.buffer.append(",\"person\":\"")
        Identifiers.appendPerson(touch.session.person, to: &truth.buffer)
        truth.buffer.append("\"}\n")
        try truth.lineCompleted()
        if touch.isEvidence {
            incidents[Int(touch.session.incident)].references.append((source, reference))
        }
    }

    /// Writes one `person` line per person to the ground truth (before any record).
    package mutating func writePeople() throws(GeneratorError) {
        var personLine: [UInt8] = []
        for person in population.people {
            personLine.removeAll(keepingCapacity: true)
            Self.appendPersonLine(person, phoneNumbers: population.phoneNumbers, to: &personLine)
            truth.buffer.append(contentsOf: personLine)
            try truth.lineCompleted()
        }
    }

    /// Writes the `planted_alert` and `near_miss` lines and closes every file; the data set is complete only if
    /// this returns.
    package mutating func finish() throws(GeneratorError) {
        for incident in incidents {
            if incident.isNearMiss {
                truth.buffer.append("{\"kind\":\"near_miss\"")
            } else {
                truth.buffer.append("{\"kind\":\"planted_alert\"")
            }
            truth.buffer.append(",\"rule\":\"")
            truth.buffer.append(contentsOf: incident.rule.identifier.utf8)
            truth.buffer.append("\",\"person\":\"")
            Identifiers.appendPerson(incident.person, to: &truth.buffer)
            truth.buffer.append("\",\"refs\":[")
            for (position, entry) in incident.references.enumerated() {
                if position > 0 { truth.buffer.append(UInt8(ascii: ",")) }
                truth.buffer.append("{\"source\":\"")
                truth.buffer.append(contentsOf: entry.source.stem.utf8)
                truth.buffer.append("\",\"ref\":")
                truth.buffer.appendJSONString(entry.ref)
                truth.buffer.append(UInt8(ascii: "}"))
            }
            truth.buffer.append("]}\n")
            try truth.lineCompleted()
        }
        for index in files.indices { try files[index].close() }
        try truth.close()
    }

    /// Closes every file without flushing, after a failure.
    package mutating func abandon() {
        for index in files.indices { files[index].abandon() }
        truth.abandon()
    }

    /// Bytes written per file name, ground truth last (valid after `finish`).
    package var writtenBytes: [(fileName: String, bytes: Int)] {
        RecordSource.allCases.map { ($0.fileName, files[Int($0.rawValue)].writtenByteCount) }
            + [(groundTruthFileName, truth.writtenByteCount)]
    }

    // MARK: - Ground truth people

    /// `{"kind":"person","person":"P00007","household":"H0003","name":"Anna Smith","emails":[…],"phones":[…],
    /// "customer_id":"C100234"|null,"loyalty_id":"L-0004521"|null,"social":["twitter:@anna_smith"]}`
    private static func appendPersonLine(_ person: Person, phoneNumbers: PhoneNumbers, to bytes: inout [UInt8]) {
        bytes.append("{\"kind\":\"person\",\"person\":\"")
        Identifiers.appendPerson(person.index, to: &bytes)
        bytes.append("\",\"household\":\"")
        Identifiers.appendHousehold(person.household, to: &bytes)
        bytes.append("\",\"name\":")
        var name: [UInt8] = []
        var unused = RandomSource(seed: 0)
        name.appendName(person, style: .canonical, random: &unused)
        bytes.appendJSONString(name)
        bytes.append(",\"emails\":[")
        for (position, email) in person.emails.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.appendJSONString(email)
        }
        bytes.append("],\"phones\":[")
        let phones = [person.mobile, person.landline].filter { $0 >= 0 }
        for (position, phone) in phones.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            phoneNumbers.appendE164(phone, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append("],\"customer_id\":")
        if person.customerNumber >= 0 {
            bytes.append(UInt8(ascii: "\""))
            Identifiers.appendCustomer(person.customerNumber, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append("null")
        }
        bytes.append(",\"loyalty_id\":")
        if person.loyaltyNumber >= 0 {
            bytes.append(UInt8(ascii: "\""))
            Identifiers.appendLoyalty(person.loyaltyNumber, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append("null")
        }
        bytes.append(",\"social\":[")
        if let social = person.social {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: social.platform.name)
            bytes.append(":@")
            bytes.append(contentsOf: social.handle)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append("]}\n")
    }

    // MARK: - Shared rendering helpers

    /// The person a touch is about.
    func person(of touch: Touch) -> Person { population.people[Int(touch.session.person)] }

    /// The person's household.
    func household(of person: Person) -> Household { population.households[Int(person.household)] }

    /// Appends a catalog template to `text`, filling `{p}` with a product name and `{o}` with an order id.
    mutating func appendTemplate(_ template: [UInt8], product: Int, order: Int32) {
        var index = 0
        while index < template.count {
            let byte = template[index]
            if byte == UInt8(ascii: "{"), index + 2 < template.count, template[index + 2] == UInt8(ascii: "}") {
                switch template[index + 1] {
                case UInt8(ascii: "p"):
                    text.append(contentsOf: ProductCatalog.products[product].name)
                    index += 3
                    continue
                case UInt8(ascii: "o"):
                    if order >= 0 {
                        Identifiers.appendOrder(orders.number(of: order), to: &text)
                    } else {
                        text.append("my order")
                    }
                    index += 3
                    continue
                default: break
                }
            }
            text.append(byte)
            index += 1
        }
    }

    /// Whether the record shows an identifier: exactly as planted when the linkage is fixed, else by chance.
    func shows(
        _ flag: SessionFlags, in touch: Touch, probability: Double, _ random: inout RandomSource
    ) -> Bool {
        if touch.session.flags.contains(.linkageFixed) { return touch.session.flags.contains(flag) }
        return random.chance(probability)
    }
}

/// What a ticket's later update repeats: number, creation time and the rendered channel, requester, priority and
/// order reference.
struct OpenTicket {
    let number: Int
    let created: Int64
    var channel: [UInt8] = []
    var requester: [UInt8] = []
    var priority: [UInt8] = []
    var orderReference: [UInt8] = []
}
