import Testing
import TouchpointCore

struct PostcodeTests {
    /// country, raw, expected (nil: invalid).
    @Test(
        arguments: [
            ("GB", "SW1A 1AA", "SW1A 1AA"), ("GB", "sw1a1aa", "SW1A 1AA"), ("GB", " sw1a  1aa ", "SW1A 1AA"),
            ("UK", "EC1A 1BB", "EC1A 1BB"), ("en_GB", "w1a 0ax", "W1A 0AX"), ("GB", "M1 1AE", "M1 1AE"),
            ("GB", "B33 8TH", "B33 8TH"), ("GB", "CR2 6XH", "CR2 6XH"), ("GB", "DN55 1PT", "DN55 1PT"),
            ("GB", "gir0aa", "GIR 0AA"), ("JE", "JE2 3AB", "JE2 3AB"),
            ("GB", "SW1A 1A", nil), ("GB", "12345", nil), ("GB", "SW1A 1AAA", nil), ("GB", "1W1A 1AA", nil),
            ("GB", "SW1A#1AA", nil),
            ("US", "94105", "94105"), ("US", "94105-1234", "94105"), ("US", "941051234", "94105"),
            ("US", "2134", "02134"), ("PR", "00901", "00901"), ("US", "9410", "09410"),
            ("US", "941", nil), ("US", "94105-12", nil), ("US", "9410A", nil),
            ("CA", "K1A 0B1", "K1A 0B1"), ("CA", "k1a0b1", "K1A 0B1"), ("CA", "M5V-3L9", "M5V 3L9"),
            ("CA", "K1A 0B", nil), ("CA", "11A 0B1", nil),
            ("IE", "D02 X285", "D02 X285"), ("IE", "d02x285", "D02 X285"), ("IE", "D6W XY12", "D6W XY12"),
            ("IE", "A65 F4E2", "A65 F4E2"), ("IE", "D02 X28", nil), ("IE", "DD2 X285", nil),
            ("NL", "1234 AB", "1234 AB"), ("NL", "1234ab", "1234 AB"), ("NL", "1234", nil), ("NL", "123 AB", nil),
            ("DE", "10115", "10115"), ("DE", "1011", nil), ("FR", "75008", "75008"), ("FR", "75 008", "75008"),
            ("FR", "7500A", nil), ("ES", "28013", "28013"), ("IT", "00184", "00184"),
            ("AU", "2000", "2000"), ("AU", "800", "0800"), ("AU", "20000", nil), ("NZ", "6011", "6011"),
            ("SE", "11455", "114 55"), ("SE", "114 55", "114 55"), ("PT", "1000-001", "1000-001"),
            ("PL", "00950", "00-950"), ("JP", "100-0001", "100-0001"), ("BR", "01310-100", "01310-100"),
            ("IN", "110001", "110001"), ("SG", "018956", "018956"),
        ] as [(String, String, String?)])
    func postcodesTakeTheirCountrysForm(country: String, raw: String, expected: String?) {
        #expect(
            Postcode.normalize(raw, country: country) == (expected.map { .value($0) } ?? .invalid),
            "\(country) \(raw)")
    }

    @Test func zipPlusFourIsKeptApart() {
        guard case .postcode(let plus) = Postcode.parse("94105-1234", country: "US"),
            case .postcode(let plain) = Postcode.parse("94105", country: "us")
        else {
            Issue.record("not read as postcodes")
            return
        }
        #expect(plus.code == "94105")
        #expect(plus.plusFour == "1234")
        #expect(plain.code == "94105")
        #expect(plain.plusFour == nil)
    }

    @Test func unknownCountriesAreUppercasedAndCollapsed() {
        #expect(Postcode.normalize("  ab12   cd ", country: "XX") == .value("AB12 CD"))
        #expect(Postcode.normalize("ab12 cd", country: nil) == .value("AB12 CD"))
        #expect(Postcode.normalize("kv-1234", country: "Narnia") == .value("KV-1234"))
    }

    @Test(arguments: ["", "  ", "n/a", "N/A", "none", "-"])
    func placeholdersAreAbsent(raw: String) {
        #expect(Postcode.normalize(raw, country: "GB") == .absent)
        #expect(Postcode.normalize(raw, country: nil) == .absent)
    }
}

struct AddressKeyTests {
    @Test(arguments: [
        ("12 Kings Road", "12 kings rd"),
        ("12 kings rd.", "12 kings rd"),
        ("12 King's Road", "12 kings rd"),
        ("12  KINGS   ROAD ", "12 kings rd"),
        ("Flat 3, 12 Kings Road", "apt 3 12 kings rd"),
        ("Apartment 3, 12 Kings Rd", "apt 3 12 kings rd"),
        ("1600 Pennsylvania Avenue NW", "1600 pennsylvania ave nw"),
        ("1600 Pennsylvania Ave. N.W.", "1600 pennsylvania ave n w"),
        ("221B Baker Street", "221b baker st"),
        ("Hauptstraße 5", "hauptstr 5"),
        ("Hauptstr. 5", "hauptstr 5"),
        ("Berliner Straße 12", "berliner str 12"),
        ("Berliner Str. 12", "berliner str 12"),
        ("10 Rue de Rivoli", "10 rue de rivoli"),
        ("5 Saint John's Close", "5 st johns cl"),
        ("5 St. John's Cl", "5 st johns cl"),
        ("Suite 400, 1 Market St", "ste 400 1 market st"),
        ("Calle Mayor nº 5", "calle mayor nº 5"),
    ])
    func streetLinesMeet(line: String, key: String) {
        #expect(AddressKey.normalize(line) == .value(key), "\(line)")
    }

    @Test(arguments: ["", "  ", ",.-", "n/a"])
    func emptyLinesAreAbsent(line: String) {
        #expect(AddressKey.normalize(line) == .absent)
    }
}
