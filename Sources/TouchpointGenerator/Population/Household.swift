/// People living together, who share what families share: a surname (usually), a home internet connection,
/// sometimes a landline and sometimes a tablet with the shop's app.
///
/// Shared identifiers are the classic cause of over-merging in identity resolution, so the generator keeps every
/// avoidance invariant per household: even if all members were merged into one profile, no unplanted alert fires.
package struct Household: Sendable {
    /// Index, 0-based (`H0001` is index 0).
    package let index: Int32
    /// Index of the first member in the population; members are consecutive.
    package let firstMember: Int32
    package let memberCount: Int32
    package let city: Int16
    /// The shared landline (index into `PhoneNumbers`), or -1.
    package var landline: Int32 = -1
    /// Whether the household has a shared tablet with the app installed.
    package var hasSharedTablet = false
    /// The home connection's public address (index into `NetworkAddresses`).
    package var homeAddress: Int32 = 0

    package init(index: Int32, firstMember: Int32, memberCount: Int32, city: Int16) {
        self.index = index
        self.firstMember = firstMember
        self.memberCount = memberCount
        self.city = city
    }

    /// Indices of the members.
    package var members: Range<Int32> { firstMember..<(firstMember + memberCount) }
}
