/// A customer's risk of leaving, from three signals, by a points formula simple enough to explain to the
/// people who act on it.
///
/// | signal | points |
/// |---|---|
/// | experience index < −30 | 2 |
/// | experience index < −10 (and ≥ −30) | 1 |
/// | a detractor answer (NPS 0–6) in the 30 days up to the event | 2 |
/// | 3 or more support contacts in the 7 days up to the event | 2 |
/// | 2 support contacts in the 7 days up to the event | 1 |
///
/// 4 points or more: high; 2–3: medium; 0–1: low. So a detractor alone, or three contacts in a week, is medium;
/// either together with a poor experience index is high.
package enum ChurnRisk: String, Sendable {
    case low
    case medium
    case high

    package init(experienceIndex: Double?, hasRecentDetractor: Bool, contacts7Days: Int) {
        var points = 0
        if let experienceIndex {
            if experienceIndex < -30 {
                points += 2
            } else if experienceIndex < -10 {
                points += 1
            }
        }
        if hasRecentDetractor { points += 2 }
        if contacts7Days >= 3 {
            points += 2
        } else if contacts7Days == 2 {
            points += 1
        }
        self = points >= 4 ? .high : points >= 2 ? .medium : .low
    }
}
