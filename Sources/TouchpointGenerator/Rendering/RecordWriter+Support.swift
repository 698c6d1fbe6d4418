/// `tickets.ndjson` (helpdesk export) and `calls.csv` (call-center export): the support contacts.
extension RecordWriter {
    /// `{"ticket_id":"T-100045","created_at":"2026-10-03T09:12:00Z","updated_at":"2026-10-03T09:12:00Z",
    /// "channel":"email","requester":{"email":"…","name":"…"},"subject":"…","description":"…","status":"open",
    /// "priority":"normal","order_ref":"O-…"}`; `requester.name` and `order_ref` may be null. The line that solves
    /// the ticket later repeats it with its own `updated_at`, status `solved` and no subject or description.
    mutating func renderTicket(_ touch: Touch, _ random: inout RandomSource) {
        if touch.action == .ticketUpdate {
            renderTicketUpdate(touch)
            return
        }
        let person = person(of: touch)
        let session = touch.session
        let topic = SupportCatalog.topics[Int(session.detail)]
        let product = session.secondDetail >= 0 ? Int(session.secondDetail) : 0
        var ticket = OpenTicket(number: nextTicket, created: touch.time / 1000)
        nextTicket += 1
        switch TicketChannel(rawValue: session.variant) ?? .email {
        case .email: ticket.channel.append("email")
        case .chat: ticket.channel.append("chat")
        case .webForm: ticket.channel.append("web_form")
        }
        ticket.requester.append("{\"email\":")
        text.removeAll(keepingCapacity: true)
        let fixed = session.flags.contains(.linkageFixed)
        let email = fixed || random.chance(0.8) ? person.emails[0] : random.pick(person.emails)
        text.appendEmail(email, random: &random)
        ticket.requester.appendJSONString(text)
        ticket.requester.append(",\"name\":")
        if random.chance(0.1) {
            ticket.requester.append("null")
        } else {
            text.removeAll(keepingCapacity: true)
            let style = NameStyle(rawValue: random.weighted(NameStyle.requesterWeights)) ?? .canonical
            text.appendName(person, style: style, random: &random)
            ticket.requester.appendJSONString(text)
        }
        ticket.requester.append(UInt8(ascii: "}"))
        let urgent = session.detail == 1 || session.detail == 3
        switch random.weighted(urgent ? [10, 50, 40] : [25, 65, 10]) {
        case 0: ticket.priority.append("low")
        case 1: ticket.priority.append("normal")
        default: ticket.priority.append("high")
        }
        if topic.concernsOrder && session.order >= 0 && random.chance(0.7) {
            ticket.orderReference.append(UInt8(ascii: "\""))
            Identifiers.appendOrder(orders.number(of: session.order), to: &ticket.orderReference)
            ticket.orderReference.append(UInt8(ascii: "\""))
        } else {
            ticket.orderReference.append("null")
        }
        appendTicketHead(ticket, updated: ticket.created)
        line.append(",\"subject\":")
        text.removeAll(keepingCapacity: true)
        appendTemplate(random.pick(topic.subjects), product: product, order: session.order)
        line.appendJSONString(text)
        line.append(",\"description\":")
        text.removeAll(keepingCapacity: true)
        let descriptions =
            session.flags.contains(.repeatsInformation) ? SupportCatalog.repeatedDescriptions : topic.descriptions
        appendTemplate(random.pick(descriptions), product: product, order: session.order)
        line.appendJSONString(text)
        // A ticket is open when created (unless solved in the first reply); `addTicketUpdates` planned the line
        // that solves it.
        if session.shape == .solvedAtOnce {
            appendTicketTail(ticket, status: "solved")
        } else {
            appendTicketTail(ticket, status: random.chance(0.8) ? "open" : "new")
        }
        openTickets[session.seed] = ticket
    }

    /// The line that solves a ticket written earlier (the same session seed).
    private mutating func renderTicketUpdate(_ touch: Touch) {
        guard let ticket = openTickets.removeValue(forKey: touch.session.seed) else {
            preconditionFailure("a ticket update is planned only after its ticket")
        }
        appendTicketHead(ticket, updated: touch.time / 1000)
        appendTicketTail(ticket, status: "solved")
    }

    /// `{"ticket_id":…,"created_at":…,"updated_at":…,"channel":…,"requester":{…}`, and the ticket's reference.
    private mutating func appendTicketHead(_ ticket: OpenTicket, updated: Int64) {
        line.append("{\"ticket_id\":\"T-")
        line.appendDecimal(ticket.number)
        reference.append("T-")
        reference.appendDecimal(ticket.number)
        line.append("\",\"created_at\":\"")
        line.appendISO8601(seconds: ticket.created)
        line.append("\",\"updated_at\":\"")
        line.appendISO8601(seconds: updated)
        if updated != ticket.created {
            // An update is referred to as the pipeline's normalize names it: ticket id and updated_at.
            reference.append(UInt8(ascii: ":"))
            reference.appendISO8601(seconds: updated)
        }
        line.append("\",\"channel\":\"")
        line.append(contentsOf: ticket.channel)
        line.append("\",\"requester\":")
        line.append(contentsOf: ticket.requester)
    }

    /// `,"status":…,"priority":…,"order_ref":…}`.
    private mutating func appendTicketTail(_ ticket: OpenTicket, status: StaticString) {
        line.append(",\"status\":\"")
        line.append(status)
        line.append("\",\"priority\":\"")
        line.append(contentsOf: ticket.priority)
        line.append("\",\"order_ref\":")
        line.append(contentsOf: ticket.orderReference)
        line.append(UInt8(ascii: "}"))
    }

    /// `call_id,start_time,end_time,caller_number,customer_id,agent_id,queue,wait_seconds,handle_seconds,
    /// disposition,notes,caller_name,date_of_birth`: `customer_id` only when the agent found the caller's account;
    /// abandoned calls have no agent. `caller_name` and `date_of_birth` are what the caller gave to verify who they
    /// are, on some answered calls, and on nearly every call of people who withhold their number and give no
    /// account number (`Person.isPrivateOnPhone`), whom the contact center knows by those traits alone.
    mutating func renderCall(_ touch: Touch, _ random: inout RandomSource) {
        let person = person(of: touch)
        let session = touch.session
        var details = RandomSource(seed: RandomSource.mix(touch.seed ^ Self.givenDetailsStream))
        let isPlanted = session.flags.contains(.linkageFixed)
        let isPrivate = person.isPrivateOnPhone && !isPlanted
        let topic = SupportCatalog.topics[Int(session.detail)]
        let disposition = CallDisposition(rawValue: session.variant) ?? .resolved
        let abandoned = disposition == .abandoned
        line.append("CL-")
        line.appendDecimal(nextCall, width: 6)
        reference.append("CL-")
        reference.appendDecimal(nextCall, width: 6)
        nextCall += 1
        let start = touch.time / 1000
        // Waits stay within score's call_wait expectation (300 s) unless a planted shape says otherwise, so
        // call-wait-missed-twice fires only where it was planted.
        let wait: Int
        switch session.shape {
        case .missedWait: wait = random.between(420, 900)
        case .waitJustInside: wait = random.between(250, 299)
        default: wait = abandoned ? random.between(60, 300) : random.between(15, 300)
        }
        let handle = abandoned ? 0 : random.between(90, 1_500)
        line.append(UInt8(ascii: ","))
        line.appendISO8601(seconds: start)
        line.append(UInt8(ascii: ","))
        line.appendISO8601(seconds: start + Int64(wait + handle))
        line.append(UInt8(ascii: ","))
        let numberStart = line.count
        if session.flags.contains(.linkageFixed) {
            if session.flags.contains(.carriesPhone), person.primaryPhone >= 0 {
                population.phoneNumbers.appendFormatted(person.primaryPhone, style: random.below(7), to: &line)
            }
        } else if !random.chance(0.04) {
            // 4% of callers withhold their number.
            let phone =
                person.landline >= 0 && (person.mobile < 0 || random.chance(0.3)) ? person.landline : person.mobile
            if phone >= 0 { population.phoneNumbers.appendFormatted(phone, style: random.below(7), to: &line) }
        }
        // A private caller's number is drawn like anyone's (so later draws stay the same), then withheld.
        if isPrivate { line.removeSubrange(numberStart...) }
        line.append(UInt8(ascii: ","))
        var showsAccount = false
        if person.customerNumber >= 0, !abandoned, shows(.carriesCustomerID, in: touch, probability: 0.35, &random),
            !isPrivate
        {
            Identifiers.appendCustomer(person.customerNumber, to: &line)
            showsAccount = true
        }
        line.append(UInt8(ascii: ","))
        if !abandoned {
            line.append("A-")
            line.appendDecimal(random.between(101, 148))
        }
        line.append(UInt8(ascii: ","))
        line.append(contentsOf: topic.queue)
        line.append(UInt8(ascii: ","))
        line.appendDecimal(wait)
        line.append(UInt8(ascii: ","))
        line.appendDecimal(handle)
        line.append(UInt8(ascii: ","))
        switch disposition {
        case .resolved: line.append("resolved")
        case .escalated: line.append("escalated")
        case .callback: line.append("callback")
        case .abandoned: line.append("abandoned")
        }
        line.append(UInt8(ascii: ","))
        text.removeAll(keepingCapacity: true)
        if abandoned {
            text.append(contentsOf: SupportCatalog.abandonedNote)
        } else {
            let product = session.secondDetail >= 0 ? Int(session.secondDetail) : 0
            let notes = session.flags.contains(.repeatsInformation) ? SupportCatalog.repeatedCallNotes : topic.callNotes
            appendTemplate(random.pick(notes), product: product, order: session.order)
            if disposition == .escalated { text.append(contentsOf: SupportCatalog.escalatedSuffix) }
            if disposition == .callback { text.append(contentsOf: SupportCatalog.callbackSuffix) }
        }
        line.appendQuotedCSVField(text)
        line.append(UInt8(ascii: ","))
        let verifies = !abandoned && !isPlanted && details.chance(isPrivate ? 0.95 : showsAccount ? 0.5 : 0.25)
        guard verifies else {
            line.append(UInt8(ascii: ","))
            return
        }
        appendGivenName(person, &details)
        line.append(UInt8(ascii: ","))
        if !details.chance(0.06) { appendGivenBirthDate(person, &details) }
    }
}
