/// Everyone the generated data is about: people, households, the planted incidents and the numbering of phones.
package struct Population: Sendable {
    package var people: [Person]
    package var households: [Household]
    /// Planted incidents in planting order (by rule, in `AlertRule` order), then the near-misses in the same order.
    package var incidents: [PlantedIncident]
    package let phoneNumbers: PhoneNumbers
}
