/// First and last names of the synthetic population.
///
/// The lists mix origins on purpose (accents, apostrophes, multi-word surnames) so that downstream stages meet
/// real-world names, and common given names carry the nickname people actually use (Robert/Bob), which is one of
/// the noises the generator applies. Each name has an ASCII form for building email addresses and handles.
package enum NameCatalog {
    /// A given name with its ASCII spelling and, when common, its nickname.
    package struct FirstName: Sendable {
        package let display: [UInt8]
        package let ascii: [UInt8]
        package let nickname: [UInt8]?
    }

    /// A family name with its ASCII spelling (no spaces or apostrophes) for addresses and handles.
    package struct LastName: Sendable {
        package let display: [UInt8]
        package let ascii: [UInt8]
    }

    package static let firstNames: [FirstName] = firstNameRows.map { row in
        let parts = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let display = parts[0]
        let ascii = parts.count > 1 && !parts[1].isEmpty ? parts[1] : display.lowercased()
        let nickname = parts.count > 2 ? parts[2].bytes : nil
        return FirstName(display: display.bytes, ascii: ascii.bytes, nickname: nickname)
    }

    package static let lastNames: [LastName] = lastNameRows.map { row in
        let parts = row.split(separator: "|").map(String.init)
        let ascii = parts.count > 1 ? parts[1] : parts[0].lowercased()
        return LastName(display: parts[0].bytes, ascii: ascii.bytes)
    }

    /// `display|ascii|nickname`; an empty ascii field means "the display name, lower-cased".
    private static let firstNameRows: [String] = [
        "Robert||Bob", "Katherine||Kate", "William||Bill", "Elizabeth||Liz", "Margaret||Maggie", "James||Jim",
        "Jennifer||Jen", "Michael||Mike", "Alexander||Alex", "Christopher||Chris", "Daniel||Dan", "Jonathan||Jon",
        "Rebecca||Becky", "Samantha||Sam", "Thomas||Tom", "Victoria||Vicky", "Anthony||Tony", "Patricia||Pat",
        "Nicholas||Nick", "Josephine||Jo", "Benjamin||Ben", "Abigail||Abby", "Matthew||Matt", "Susan||Sue",
        "Richard||Rick", "Jessica||Jess", "Andrew||Andy", "Deborah||Debbie", "Joseph||Joe", "Olivia||Liv",
        "Anna", "Mei", "Wei", "Priya", "Arjun", "Aisha", "Omar", "Fatima", "Yusuf", "Sofia", "Mateo",
        "Lucía|lucia", "José|jose", "Zoë|zoe", "Chloé|chloe", "Björn|bjorn", "Søren|soren", "Noah", "Emma",
        "Hiroshi", "Yuki", "Kwame", "Amara", "Chidi", "Olga", "Dmitri", "Leila", "Hana", "Jin", "Minh", "Lars",
        "Ingrid", "Giulia", "Marco", "Niamh", "Siobhan", "Tomasz", "Łukasz|lukasz", "François|francois", "Ana",
        "Carlos", "Elena", "Nadia", "Tariq", "Sven", "Freya", "Ravi", "Ananya", "Kofi", "Esi", "Mariam", "Ibrahim",
    ]

    /// `display|ascii`; the ascii form is given when the display form has accents, spaces or apostrophes.
    private static let lastNameRows: [String] = [
        "Smith", "Johnson", "García|garcia", "Müller|mueller", "Nguyen", "Kim", "Patel", "Okafor", "Rossi",
        "Dubois", "Kowalski", "Novak", "Jensen", "Andersson", "O'Brien|obrien", "van der Berg|vanderberg",
        "Tanaka", "Chen", "Wang", "Singh", "Haddad", "Cohen", "López|lopez", "Martin", "Fischer", "Schmidt",
        "Moreau", "Silva", "Santos", "Ahmed", "Mensah", "Yılmaz|yilmaz", "Papadopoulos", "Murphy", "Walsh",
        "Brown", "Taylor", "Wilson", "Anderson", "Thompson", "White", "Harris", "Clark", "Lewis", "Young", "Hall",
        "Allen", "Wright", "King", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
        "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart",
        "Morris", "Reed", "Cook", "Morgan", "Bell", "Kelly", "Ward", "Diaz", "Richardson", "Wood", "Watson",
        "Brooks", "Bennett", "Gray", "Hughes", "Price", "Foster", "Sanders", "Ross", "Morales", "Sullivan",
        "Russell", "Ortiz", "Jenkins", "Perry", "Butler", "Fisher", "Henderson", "Coleman", "Jordan", "Hamilton",
        "Schneider", "Weber", "Becker", "Hoffmann", "Lefèvre|lefevre", "Bernard", "Bianchi", "Romano", "Kovač|kovac",
        "Nowak", "Virtanen", "Hansen", "Larsen", "de Vries|devries", "Janssen", "Peeters", "Ferreira", "Costa",
        "Yamamoto", "Suzuki", "Park", "Lee", "Tran", "Pham", "Gupta", "Sharma", "Khan", "Hassan", "Mahmoud",
        "Adeyemi", "Boateng", "Mwangi", "Abebe", "Petrov", "Ivanova", "Horvat", "Popescu", "Nagy", "Svoboda",
    ]
}
