/// Weights of the 24 local hours for kinds of activity.
package enum HourProfile {
    /// Browsing and buying online: lunch and evening peaks.
    package static let browse = [1, 1, 0, 0, 0, 0, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 5, 6, 7, 8, 9, 8, 5, 2]
    /// Store opening hours, 09:00–20:00.
    package static let store = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 5, 6, 5, 5, 6, 7, 7, 6, 4, 0, 0, 0, 0]
    /// Contact-center hours, 08:00–20:00.
    package static let office = [0, 0, 0, 0, 0, 0, 0, 0, 3, 6, 7, 7, 5, 6, 7, 6, 5, 4, 3, 2, 0, 0, 0, 0]
    /// Marketing sends, early morning.
    package static let email = [0, 0, 0, 0, 0, 0, 0, 2, 5, 6, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    /// Social media.
    package static let social = [1, 1, 0, 0, 0, 0, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 5, 6, 7, 8, 8, 7, 5, 2]
}
