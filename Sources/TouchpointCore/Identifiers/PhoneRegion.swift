/// How one region writes its phone numbers: what turns a national spelling into E.164 and which lengths are possible.
///
/// Read from the built-in file `Builtin/identifiers/phone-regions.json` (its `sources` name the ITU and regulator
/// documents). A region is given per source or per record (a store's or call site's country, an address country, a
/// locale) rather than as one global default: a UK store's `020 7946 0991` and a US call site's `(555) 010-2345`
/// are both national numbers, and only their region says which country they belong to.
///
/// Regions sharing one numbering plan (the NANP members, GB with GG/JE/IM, RU with KZ) have identical rules under
/// their own codes.
package struct PhoneRegion: Sendable, Equatable {
    /// ISO 3166-1 alpha-2, uppercase.
    package let code: String
    /// Without `+`: `44`, `1`, `353`.
    package let callingCode: String
    /// Dialled before the national significant number inside the country: `0` (GB, FR, DE, AU), `1` (NANP), `8`
    /// (RU); empty where there is none and every digit is part of the number (IT keeps its leading 0, ES, NO).
    package let trunkPrefix: String
    /// Prefixes to dial abroad from this region, longest first (`0011` AU, `011` NANP). `00` is also read as one in
    /// every region: no region's national numbers start with it.
    package let internationalPrefixes: [String]
    /// Possible lengths of the national significant number (after the calling code, without a trunk prefix).
    package let nationalSignificantLengths: [Int]
    /// Prefixes that national numbers carried under an older plan and that are dropped when the rest fits
    /// (Mexico's `01`/`044`/`045`, Poland's old trunk `0`).
    package let legacyNationalPrefixes: [String]
    /// Digits once written between the calling code and the number and now dropped (Mexico's mobile `1`).
    package let legacyAfterCallingCode: [String]
    /// Digits of a carrier selection code written after the trunk prefix (Brazil: `0 21 11 98765-4321`).
    package let carrierCodeDigits: Int
    /// Per first digit of the national significant number, the possible lengths as bits.
    let lengthMasks: [UInt32]

    /// The region for an ISO code (`GB`, `gb`), a locale (`en_GB`, `en-GB`) or a listed alias (`UK`, `GBR`); nil for
    /// anything else, including regions the built-in file does not describe.
    package static func named(_ code: String) -> PhoneRegion? {
        if code.utf8.count == 2, let region = PhoneRegionCatalog.shared.byCode[code] { return region }
        guard let parsed = CountryCode.parse(code) else { return nil }
        return PhoneRegionCatalog.shared.byCode[parsed]
    }

    /// The region whose rules apply to numbers with this calling code: the first listed with it (`1` is US).
    package static func forCallingCode(_ callingCode: String) -> PhoneRegion? {
        PhoneRegionCatalog.shared.byCallingCode[callingCode]
    }

    /// Every region of the built-in file, in its order.
    package static var all: [PhoneRegion] { PhoneRegionCatalog.shared.regions }

    /// A region the file does not describe, known only by its calling code: the trunk `0` is dropped when written
    /// and any length up to E.164's 15 digits is possible (the rule `phone(_:defaultCountryCode:)` always had).
    package init(unlistedCallingCode callingCode: String) {
        let digits = callingCode.utf8.count
        let lengths = Array(max(1, 8 - digits)...max(1, 15 - digits))
        self.init(
            code: "", callingCode: callingCode, trunkPrefix: "0", internationalPrefixes: [],
            lengthsByFirstDigit: [[]] + Array(repeating: lengths, count: 9),
            legacyNationalPrefixes: [], legacyAfterCallingCode: [], carrierCodeDigits: 0)
    }

    init(
        code: String, callingCode: String, trunkPrefix: String, internationalPrefixes: [String],
        lengthsByFirstDigit: [[Int]], legacyNationalPrefixes: [String],
        legacyAfterCallingCode: [String], carrierCodeDigits: Int
    ) {
        self.code = code
        self.callingCode = callingCode
        self.trunkPrefix = trunkPrefix
        self.internationalPrefixes = internationalPrefixes.sorted { $0.utf8.count > $1.utf8.count }
        nationalSignificantLengths = Set(lengthsByFirstDigit.joined()).sorted()
        self.legacyNationalPrefixes = legacyNationalPrefixes
        self.legacyAfterCallingCode = legacyAfterCallingCode
        self.carrierCodeDigits = carrierCodeDigits
        lengthMasks = lengthsByFirstDigit.map { $0.reduce(0) { $0 | (1 << UInt32($1)) } }
    }

    /// Whether `digits` (ASCII digits) can be a national significant number of this region.
    @inline(__always)
    func isPossible<Digits: Collection>(_ digits: Digits) -> Bool where Digits.Element == UInt8 {
        let count = digits.count
        guard let first = digits.first, count < 32, count + callingCode.utf8.count <= 15 else { return false }
        return lengthMasks[Int(first &- 0x30)] & (1 << UInt32(count)) != 0
    }
}

/// The built-in regions, indexed once.
struct PhoneRegionCatalog: Sendable {
    static let shared: PhoneRegionCatalog = {
        guard let file = BuiltinFiles.all.first(where: { $0.path == "identifiers/phone-regions.json" }) else {
            fatalError("the built-in phone regions are missing from Builtin/identifiers")
        }
        do {
            return try PhoneRegionCatalog(ConfigFile(text: file.text, path: "builtin:" + file.path).root)
        } catch {
            fatalError("the built-in phone regions are invalid: \(error)")
        }
    }()

    var regions: [PhoneRegion] = []
    var byCode: [String: PhoneRegion] = [:]
    var byCallingCode: [String: PhoneRegion] = [:]
    /// Alpha-3 codes and aliases to alpha-2.
    var aliases: [String: String] = [:]

    init(_ root: ConfigValue) throws(ConfigError) {
        try root.checkKeys(["description", "sources", "regions"])
        for entry in try root.required("regions").array() {
            try entry.checkKeys([
                "code", "alpha3", "aliases", "name", "calling_code", "trunk_prefix", "international_prefixes",
                "nsn_lengths", "first_digits", "lengths_by_first_digit", "other_codes", "legacy_national_prefixes",
                "legacy_after_calling_code",
                "carrier_code_digits",
            ])
            func strings(_ key: String) throws(ConfigError) -> [String] {
                var result: [String] = []
                for element in try entry.optional(key)?.array() ?? [] { result.append(try element.string()) }
                return result
            }
            func digits(_ key: String) throws(ConfigError) -> String {
                guard let value = try entry.optional(key) else { return "" }
                let text = try value.string()
                guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw value.error("expected digits") }
                return text
            }
            let code = try entry.required("code").string()
            let lengthsByFirstDigit = try Self.lengthsByFirstDigit(entry)
            func region(_ code: String) throws(ConfigError) -> PhoneRegion {
                PhoneRegion(
                    code: code, callingCode: try digits("calling_code"), trunkPrefix: try digits("trunk_prefix"),
                    internationalPrefixes: try strings("international_prefixes"),
                    lengthsByFirstDigit: lengthsByFirstDigit,
                    legacyNationalPrefixes: try strings("legacy_national_prefixes"),
                    legacyAfterCallingCode: try strings("legacy_after_calling_code"),
                    carrierCodeDigits: try entry.optional("carrier_code_digits")?.integer(in: 0...4) ?? 0)
            }
            if let alpha3 = try entry.optional("alpha3")?.string() { aliases[alpha3] = code }
            for alias in try strings("aliases") { aliases[alias] = code }
            for other in [code] + (try strings("other_codes")) {
                let region = try region(other)
                regions.append(region)
                byCode[other] = region
                if byCallingCode[region.callingCode] == nil { byCallingCode[region.callingCode] = region }
            }
        }
    }

    /// `nsn_lengths` for each of `first_digits` (all ten when absent), or `lengths_by_first_digit` where a plan's
    /// lengths depend on the first digit (GB: 9 digits only in some `01` areas and for `0800`).
    private static func lengthsByFirstDigit(_ entry: ConfigValue) throws(ConfigError) -> [[Int]] {
        func lengths(_ value: ConfigValue) throws(ConfigError) -> [Int] {
            var result: [Int] = []
            for element in try value.array() { result.append(try element.integer(in: 1...15)) }
            return result
        }
        var table = Array(repeating: [Int](), count: 10)
        if let byDigit = try entry.optional("lengths_by_first_digit") {
            for key in ["nsn_lengths", "first_digits"] {
                if let other = try entry.optional(key) {
                    throw other.error("give either lengths_by_first_digit or nsn_lengths with first_digits")
                }
            }
            for (key, value) in try byDigit.members() {
                guard key.utf8.count == 1, let digit = key.utf8.first, digit >= 0x30 && digit <= 0x39 else {
                    throw value.error("\"\(key)\" is not one digit")
                }
                table[Int(digit - 0x30)] = try lengths(value)
            }
            return table
        }
        let all = try lengths(entry.required("nsn_lengths"))
        let first = try entry.optional("first_digits")?.string() ?? "0123456789"
        for digit in first.utf8 where digit >= 0x30 && digit <= 0x39 { table[Int(digit - 0x30)] = all }
        return table
    }
}
