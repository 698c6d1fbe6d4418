/// Everyone the generated data is about: people, households, the planted incidents and the numbering of phones.
package struct Population: Sendable {
    package var people: [Person]
    package var households: [Household]
    /// Planted incidents, in planting order (all detractor ones, then repeat-contact, then social).
    package var incidents: [PlantedIncident]
    package let phoneNumbers: PhoneNumbers
}
