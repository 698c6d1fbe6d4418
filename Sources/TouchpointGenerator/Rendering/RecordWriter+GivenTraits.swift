/// What customers say to be known by where they show no identifier: a name and postcode at the till, a name and
/// birth date when a call-center agent verifies a caller.
///
/// Someone else writes these down, so each record gets the noise of hand-typed data: nicknames, slips in first or
/// last name, the name crossed or written `Last, First`, capitals, a day and month transposed in a birth date,
/// fields left empty, and after a move sometimes the old postcode. The draws come from a stream of their own per
/// record (`givenDetailsStream`), so adding these fields left every other field of the file as it was.
extension RecordWriter {
    /// Mixed into a record's seed for the stream of its given details.
    static let givenDetailsStream: UInt64 = 0x6769_7665_6E5F_6964

    /// Appends the name as a CSV field, in one of the `NameStyle.givenWeights` styles.
    mutating func appendGivenName(_ person: Person, _ random: inout RandomSource) {
        text.removeAll(keepingCapacity: true)
        let style = NameStyle(rawValue: random.weighted(NameStyle.givenWeights)) ?? .canonical
        text.appendName(person, style: style, random: &random)
        line.appendCSVField(text)
    }

    /// Appends the postcode of where the person lives at `seconds`, or for a quarter of people who moved, the one
    /// they still give out of habit.
    mutating func appendGivenPostcode(_ person: Person, at seconds: Int64, _ random: inout RandomSource) {
        var address = person.address(at: seconds)
        if person.givesOldPostcode, let previous = person.previousAddress, random.chance(0.5) { address = previous }
        Identifiers.appendPostalCode(address, to: &line)
    }

    /// Appends the birth date as the agent typed it: mostly `yyyy-mm-dd`, else the region's form (`dd.mm.yyyy` in
    /// Europe, `mm/dd/yyyy` in the United States); 6% with day and month transposed (where both can be a month).
    mutating func appendGivenBirthDate(_ person: Person, _ random: inout RandomSource) {
        let date = CivilTime.date(fromDays: person.birthday)
        var (month, day) = (date.month, date.day)
        if day <= 12, day != month, random.chance(0.06) { swap(&month, &day) }
        if random.chance(0.65) {
            line.appendDecimal(date.year, width: 4)
            line.append(UInt8(ascii: "-"))
            line.appendDecimal(month, width: 2)
            line.append(UInt8(ascii: "-"))
            line.appendDecimal(day, width: 2)
        } else if person.region == .europe {
            line.appendDecimal(day, width: 2)
            line.append(UInt8(ascii: "."))
            line.appendDecimal(month, width: 2)
            line.append(UInt8(ascii: "."))
            line.appendDecimal(date.year, width: 4)
        } else {
            line.appendDecimal(month, width: 2)
            line.append(UInt8(ascii: "/"))
            line.appendDecimal(day, width: 2)
            line.append(UInt8(ascii: "/"))
            line.appendDecimal(date.year, width: 4)
        }
    }
}
