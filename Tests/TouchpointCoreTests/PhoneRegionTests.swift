import Testing
import TouchpointCore

struct PhoneRegionTests {
    @Test(
        arguments: [
            ("GB", "GB"), ("gb", "GB"), ("UK", "GB"), ("uk", "GB"), ("GBR", "GB"), ("en_GB", "GB"), ("en-GB", "GB"),
            ("en_GB.UTF-8", "GB"), ("en-gb", "GB"), ("zh-Hant-TW", nil), ("zh-Hant-HK", "HK"), ("fr_CA", "CA"),
            ("de-AT", "AT"), ("pt_BR", "BR"), ("es-MX", "MX"), ("en-US", "US"), ("PR", "PR"), ("JE", "GB-plan"),
            (" IT ", "IT"), ("United Kingdom", nil), ("", nil), ("G", nil), ("XX", nil), ("en", nil),
        ] as [(String, String?)])
    func regionsAreNamedByCodeOrLocale(name: String, expected: String?) {
        let region = PhoneRegion.named(name)
        if expected == "GB-plan" {
            #expect(region?.code == "JE")
            #expect(region?.callingCode == "44")
        } else {
            #expect(region?.code == expected, "\(name)")
        }
    }

    @Test func regionsCarryTheirPlans() throws {
        let gb = try #require(PhoneRegion.named("GB"))
        #expect(gb.callingCode == "44")
        #expect(gb.trunkPrefix == "0")
        #expect(gb.internationalPrefixes == ["00"])
        #expect(try #require(PhoneRegion.named("US")).trunkPrefix == "1")
        #expect(try #require(PhoneRegion.named("US")).internationalPrefixes == ["011"])
        #expect(try #require(PhoneRegion.named("IT")).trunkPrefix == "")
        #expect(try #require(PhoneRegion.named("RU")).trunkPrefix == "8")
        #expect(try #require(PhoneRegion.named("AU")).internationalPrefixes == ["0011"])
        #expect(PhoneRegion.forCallingCode("1")?.code == "US")
        #expect(PhoneRegion.forCallingCode("44")?.code == "GB")
        #expect(PhoneRegion.forCallingCode("999") == nil)
        #expect(PhoneRegion.all.count > 40)
        // Every region of a shared plan has the same rules under its own code.
        #expect(PhoneRegion.named("CA")?.nationalSignificantLengths == [10])
    }

    /// region, raw, expected E.164 (nil: invalid).
    static let cases: [(String?, String, String?)] = [
        // GB: Ofcom drama ranges.
        ("GB", "020 7946 0991", "+442079460991"),
        ("GB", "(020) 7946 0991", "+442079460991"),
        ("GB", "+44 20 7946 0991", "+442079460991"),
        ("GB", "+44 (0)20 7946 0991", "+442079460991"),
        ("GB", "+44(0)20-7946-0991", "+442079460991"),
        ("GB", "(0)20 7946 0991", "+442079460991"),
        ("GB", "0044 20 7946 0991", "+442079460991"),
        ("GB", "0044 (0)20 7946 0991", "+442079460991"),
        ("GB", "+44 020 7946 0991", "+442079460991"),
        ("GB", "44 20 7946 0991", "+442079460991"),
        ("GB", "447700900123", "+447700900123"),
        ("GB", "07700 900123", "+447700900123"),
        ("GB", "07700-900-456", "+447700900456"),
        ("GB", "0161 496 0123", "+441614960123"),
        ("GB", "0113 496 0000", "+441134960000"),
        ("GB", "0808 157 0192", "+448081570192"),
        ("GB", "020 7946 099", nil),
        ("GB", "020 7946 09912", nil),
        ("GB", "09 7946 0991", nil),
        ("GB", "+44 20 7946", nil),
        // NANP: 555-0100..0199.
        ("US", "(555) 010-2345", "+15550102345"),
        ("US", "1-555-010-2345", "+15550102345"),
        ("US", "(617) 555-0143", "+16175550143"),
        ("US", "617.555.0143", "+16175550143"),
        ("US", "+1 617 555 0143", "+16175550143"),
        ("US", "16175550143", "+16175550143"),
        ("US", "011 44 20 7946 0991", "+442079460991"),
        ("US", "011-44-7700-900123", "+447700900123"),
        ("US", "00 44 20 7946 0991", "+442079460991"),
        ("US", "617-555-014", nil),
        ("US", "617-555-01432", nil),
        ("US", "(117) 555-0143", nil),
        ("US", "+1 117 555 0143", nil),
        ("CA", "(416) 555-0182", "+14165550182"),
        ("CA", "+1 416 555 0182", "+14165550182"),
        ("PR", "787-555-0123", "+17875550123"),
        // IE.
        ("IE", "085 212 3456", "+353852123456"),
        ("IE", "01 496 0123", "+35314960123"),
        ("IE", "+353 (0)85 212 3456", "+353852123456"),
        ("IE", "085 212 34567 89", nil),
        // FR: pairs.
        ("FR", "06 39 98 12 34", "+33639981234"),
        ("FR", "01.42.68.53.00", "+33142685300"),
        ("FR", "+33 6 39 98 12 34", "+33639981234"),
        ("FR", "+33 (0)6 39 98 12 34", "+33639981234"),
        ("FR", "06 39 98 12 3", nil),
        ("FR", "+33 6 39 98 12 34 5", nil),
        // DE: open plan.
        ("DE", "030 1234567", "+49301234567"),
        ("DE", "0151 23456789", "+4915123456789"),
        ("DE", "+49 (0)30 1234567", "+49301234567"),
        ("DE", "0049 151 23456789", "+4915123456789"),
        ("DE", "030 12", nil),
        // ES: no trunk prefix.
        ("ES", "612 34 56 78", "+34612345678"),
        ("ES", "+34 912 345 678", "+34912345678"),
        ("ES", "512 34 56 78", nil),
        ("ES", "612 34 56 7", nil),
        // IT: the leading 0 stays.
        ("IT", "06 1234 5678", "+390612345678"),
        ("IT", "02 1234567", "+39021234567"),
        ("IT", "+39 06 1234 5678", "+390612345678"),
        ("IT", "333 123 4567", "+393331234567"),
        ("IT", "0039 333 1234567", "+393331234567"),
        ("IT", "+39 333 123456789012", nil),
        // NL, BE.
        ("NL", "06 12345678", "+31612345678"),
        ("NL", "06-12345678", "+31612345678"),
        ("NL", "020 123 4567", "+31201234567"),
        ("NL", "+31 6 12345678", "+31612345678"),
        ("NL", "06 1234567", nil),
        ("BE", "0470 12 34 56", "+32470123456"),
        ("BE", "02 123 45 67", "+3221234567"),
        ("BE", "+32 470 12 34 56", "+32470123456"),
        ("BE", "02 123 45", nil),
        // AU: ACMA fiction ranges, 0011 abroad.
        ("AU", "0491 570 156", "+61491570156"),
        ("AU", "(02) 5550 1234", "+61255501234"),
        ("AU", "+61 491 570 156", "+61491570156"),
        ("AU", "+61 (0)491 570 156", "+61491570156"),
        ("AU", "0011 44 20 7946 0991", "+442079460991"),
        ("AU", "0491 570 15", nil),
        // NZ.
        ("NZ", "021 123 4567", "+64211234567"),
        ("NZ", "09 123 4567", "+6491234567"),
        ("NZ", "+64 21 123 4567", "+64211234567"),
        ("NZ", "09 123 45", nil),
        // IN.
        ("IN", "098480 22338", "+919848022338"),
        ("IN", "98480 22338", "+919848022338"),
        ("IN", "+91 98480 22338", "+919848022338"),
        ("IN", "98480 2233", nil),
        // SG: no trunk prefix.
        ("SG", "8123 4567", "+6581234567"),
        ("SG", "6123 4567", "+6561234567"),
        ("SG", "+65 9123 4567", "+6591234567"),
        ("SG", "001 44 20 7946 0991", "+442079460991"),
        ("SG", "5123 4567", nil),
        ("SG", "8123 456", nil),
        // JP: 010 abroad.
        ("JP", "090-2468-1357", "+819024681357"),
        ("JP", "03-1234-5678", "+81312345678"),
        ("JP", "+81 90 2468 1357", "+819024681357"),
        ("JP", "010 44 20 7946 0991", "+442079460991"),
        ("JP", "090-2468-135", "+81902468135"),
        ("JP", "090-2468-13", nil),
        // BR: carrier selection code after the trunk prefix.
        ("BR", "(11) 98765-4321", "+5511987654321"),
        ("BR", "(11) 3456-7890", "+551134567890"),
        ("BR", "0 21 11 98765-4321", "+5511987654321"),
        ("BR", "011 98765-4321", "+5511987654321"),
        ("BR", "+55 11 98765 4321", "+5511987654321"),
        ("BR", "(11) 98765-43", nil),
        // MX: the 2019 plan, and what old exports still carry.
        ("MX", "55 1234 5678", "+525512345678"),
        ("MX", "01 55 1234 5678", "+525512345678"),
        ("MX", "044 55 1234 5678", "+525512345678"),
        ("MX", "+52 1 55 1234 5678", "+525512345678"),
        ("MX", "+52 55 1234 5678", "+525512345678"),
        ("MX", "55 1234 567", nil),
        // ZA.
        ("ZA", "082 123 4567", "+27821234567"),
        ("ZA", "021 123 4567", "+27211234567"),
        ("ZA", "+27 82 123 4567", "+27821234567"),
        ("ZA", "082 123 456", nil),
        // RU: trunk 8, 8~10 abroad.
        ("RU", "8 (916) 123-45-67", "+79161234567"),
        ("RU", "8 812 123-45-67", "+78121234567"),
        ("RU", "+7 916 123 45 67", "+79161234567"),
        ("RU", "810 44 20 7946 0991", "+442079460991"),
        // Others.
        ("CH", "079 123 45 67", "+41791234567"),
        ("AT", "0664 1234567", "+436641234567"),
        ("SE", "070-123 45 67", "+46701234567"),
        ("NO", "412 34 567", "+4741234567"),
        ("DK", "20 12 34 56", "+4520123456"),
        ("FI", "040 123 4567", "+358401234567"),
        ("PL", "512 345 678", "+48512345678"),
        ("PL", "0 22 123 45 67", "+48221234567"),
        ("PT", "912 345 678", "+351912345678"),
        ("HK", "9123 4567", "+85291234567"),
        ("KR", "010-1234-5678", "+821012345678"),
        ("CN", "138 0013 8000", "+8613800138000"),
        ("AE", "050 123 4567", "+971501234567"),
        ("IL", "052-123-4567", "+972521234567"),
        ("TR", "0532 123 45 67", "+905321234567"),
        // International spellings are read the same from any region, and checked against their own country.
        ("DE", "+44 20 7946 0991", "+442079460991"),
        ("JP", "+1 (555) 010-2345", "+15550102345"),
        ("FR", "+44 20 7946 09", nil),
        ("GB", "+33 6 39 98 12", nil),
        ("GB", "+1 555 010 234", nil),
        // A calling code the file does not list: E.164's bounds only.
        ("GB", "+254 712 345678", "+254712345678"),
        ("GB", "+254 (0)712 345678", "+254712345678"),
        ("GB", "+999 1234", nil),
        ("GB", "+2547123456789012", nil),
        // No region: only international spellings.
        (nil, "+44 20 7946 0991", "+442079460991"),
        (nil, "0044 20 7946 0991", "+442079460991"),
        (nil, "020 7946 0991", nil),
        (nil, "(555) 010-2345", nil),
    ]

    @Test(arguments: cases)
    func phonesBecomeE164(region: String?, raw: String, expected: String?) throws {
        let phoneRegion = try region.map { try #require(PhoneRegion.named($0)) }
        let result = IdentifierRules.phone(raw, region: phoneRegion)
        #expect(result == (expected.map { .value($0) } ?? .invalid), "\(region ?? "nil") \(raw)")
    }

    @Test(
        arguments: [
            ("020 7946 0991 x12", "+442079460991", "12"),
            ("020 7946 0991x12", "+442079460991", "12"),
            ("020 7946 0991 ext. 12", "+442079460991", "12"),
            ("020 7946 0991 ext 12", "+442079460991", "12"),
            ("020 7946 0991 Ext: 12", "+442079460991", "12"),
            ("020 7946 0991 extension 345", "+442079460991", "345"),
            ("020 7946 0991 extn 7", "+442079460991", "7"),
            ("020 7946 0991 #12", "+442079460991", "12"),
            ("020 7946 0991#12", "+442079460991", "12"),
            ("020 7946 0991,12", "+442079460991", "12"),
            ("020 7946 0991, 020 7946 0992", "+442079460991", nil),
            ("020 7946 0991 (home)", "+442079460991", nil),
            ("020 7946 0991 mobile", "+442079460991", nil),
            ("tel:+44-20-7946-0991", "+442079460991", nil),
            ("TEL:+44-20-7946-0991;ext=12", "+442079460991", "12"),
            ("tel:020-7946-0991;phone-context=+44", "+442079460991", nil),
            ("tel:7946-0991;phone-context=example.com", nil, nil),
            ("+44\u{A0}20\u{A0}7946\u{A0}0991", "+442079460991", nil),
            ("+44 20 7946\u{2011}0991", "+442079460991", nil),
            ("\u{2007}020 7946 0991", nil, nil),
        ] as [(String, String?, String?)])
    func extensionsAndURIs(raw: String, e164: String?, extensionDigits: String?) throws {
        let parsed = PhoneNumber.parse(raw, region: PhoneRegion.named("GB"))
        if let e164 {
            guard case .number(let number) = parsed else {
                Issue.record("\(raw): \(parsed)")
                return
            }
            #expect(number.e164 == e164)
            #expect(number.extensionDigits == extensionDigits)
        } else if raw.hasPrefix("tel:7946") {
            #expect(parsed == .invalid)
        }
    }

    @Test(arguments: [
        "1234567890", "0000000000", "000-000-0000", "+1 111 111 1111", "Restricted", "anonymous", "Anonymous",
        "unknown", "Private", "PRIVATE", "Withheld", "No Caller ID", "Unknown Caller", "", "  ", "n/a", "-",
        "+44 1234 567890", "+1 123-456-7890", "+15555555555", "+44 7777 777777",
    ])
    func placeholdersAreAbsent(raw: String) {
        #expect(IdentifierRules.phone(raw, region: PhoneRegion.named("GB")) == .absent, "\(raw)")
        #expect(IdentifierRules.phone(raw, region: PhoneRegion.named("US")) == .absent, "\(raw)")
    }

    /// India's plan example `98765 43210` counts down: the pattern rule makes it a placeholder, like `1234567890`.
    @Test(arguments: ["98765 43210", "07777 777777", "01234 567890", "0 1234 5678", "012345678"])
    func nationalPlaceholdersAreAbsent(raw: String) {
        let region = PhoneRegion.named(raw.hasPrefix("98") ? "IN" : "GB")
        #expect(IdentifierRules.phone(raw, region: region) == .absent, "\(raw)")
    }

    /// Counting digits after a written country code are a placeholder; a national number that happens to count
    /// from its second digit is a real number.
    @Test func countingRunsAreReadOnTheNationalNumber() {
        #expect(IdentifierRules.phone("612 34 56 78", region: PhoneRegion.named("ES")) == .value("+34612345678"))
        #expect(IdentifierRules.phone("+34 612 34 56 78", region: nil) == .value("+34612345678"))
        #expect(IdentifierRules.phone("+1 234 567 8901", region: nil) == .absent)
    }

    @Test(arguments: ["call me", "0207 ABC 0991", "++44 20 7946 0991", "+44 +20 7946 0991", "20-7946-0991-"])
    func wordsAndStrayPlusSignsAreInvalid(raw: String) {
        let result = IdentifierRules.phone(raw, region: PhoneRegion.named("GB"))
        #expect(result == .invalid || raw == "20-7946-0991-", "\(raw): \(result)")
    }

    @Test func aUserBlocklistIsUsed() throws {
        let file = try ConfigFile(text: #"{"phones": ["+44 20 7946 0000"]}"#, path: "user.json")
        let blocklist = IdentifierBlocklist.builtin.merging(try IdentifierBlocklist(file.root))
        let gb = PhoneRegion.named("GB")
        #expect(IdentifierRules.phone("020 7946 0000", region: gb) == .value("+442079460000"))
        #expect(IdentifierRules.phone("020 7946 0000", region: gb, blocklist: blocklist) == .absent)
    }
}
