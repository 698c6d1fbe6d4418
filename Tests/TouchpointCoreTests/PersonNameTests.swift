import Testing
import TouchpointCore

struct PersonNameTests {
    /// full name, first, last, suffix.
    @Test(arguments: [
        ("Priya Raman", "Priya", "Raman", ""),
        ("  Priya   Raman ", "Priya", "Raman", ""),
        ("Raman, Priya", "Priya", "Raman", ""),
        ("Raman,Priya", "Priya", "Raman", ""),
        ("Dr. Priya Raman", "Priya", "Raman", ""),
        ("Dr Priya Raman", "Priya", "Raman", ""),
        ("Mrs. Ada Lovelace", "Ada", "Lovelace", ""),
        ("Prof. Dr. Anna Schmidt", "Anna", "Schmidt", ""),
        ("Priya Raman-Shah", "Priya", "Raman-Shah", ""),
        ("Mary Ann O'Neil", "Mary Ann", "O'Neil", ""),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven", ""),
        ("Ursula von der Leyen", "Ursula", "von der Leyen", ""),
        ("Van Morrison", "Van", "Morrison", ""),
        ("Martin Luther King Jr.", "Martin Luther", "King", "Jr."),
        ("Martin Luther King, Jr.", "Martin Luther", "King", "Jr."),
        ("John Smith III", "John", "Smith", "III"),
        ("Raman, Priya, PhD", "Priya", "Raman", "PhD"),
        ("Priya", "Priya", "", ""),
        ("Dr Raman", "", "Raman", ""),
        ("José María García López", "José María García", "López", ""),
        ("Zoë\u{A0}O’Neil", "Zoë", "O’Neil", ""),
    ])
    func fullNamesSplit(full: String, first: String, last: String, suffix: String) throws {
        let name = try #require(PersonName(fullName: full))
        #expect(name.first == first, "\(full)")
        #expect(name.last == last, "\(full)")
        #expect(name.suffix == suffix, "\(full)")
    }

    @Test(arguments: ["", "   ", ",", " , "])
    func emptyNamesAreNil(full: String) {
        #expect(PersonName(fullName: full) == nil)
    }

    @Test func separateFieldsAreTrimmedAndKeepTheirCase() {
        let name = PersonName(first: "  Mary   Ann ", last: " O'Neil ")
        #expect(name.first == "Mary Ann")
        #expect(name.last == "O'Neil")
        #expect(name.displayName == "Mary Ann O'Neil")
        #expect(PersonName(first: "Dr. Priya", last: "Raman").first == "Priya")
        #expect(PersonName(first: "Martin", last: "King Jr.").suffix == "Jr.")
        #expect(PersonName(first: "", last: "Raman").displayName == "Raman")
    }

    @Test(arguments: [
        ("Zoë O'Neil", "zoe oneil"),
        ("ZOE ONEIL", "zoe oneil"),
        ("zoe o’neil", "zoe oneil"),
        ("Priya Raman-Shah", "priya raman shah"),
        ("François Lefèvre", "francois lefevre"),
        ("Jürgen Groß", "jurgen gross"),
        ("Søren Kierkegaard", "soren kierkegaard"),
        ("Łukasz Żółć", "lukasz zolc"),
        ("Ægir Þórsson", "aegir thorsson"),
        ("Ñoño Muñoz", "nono munoz"),
        ("Dr. Priya Raman", "priya raman"),
        ("Raman, Priya", "priya raman"),
        ("Дмитрий Иванов", "дмитрий иванов"),
    ])
    func matchKeysFoldSpellings(full: String, key: String) throws {
        #expect(try #require(PersonName(fullName: full)).matchKey == key)
    }

    @Test func spellingsOfOneNameMeet() throws {
        let spellings = ["Zoë O'Neil", "zoe oneil", "ZOË O’NEIL", "O'Neil, Zoë", "Ms. Zoe O'Neil"]
        let keys = Set(try spellings.map { try #require(PersonName(fullName: $0)).matchKey })
        #expect(keys == ["zoe oneil"])
    }
}
