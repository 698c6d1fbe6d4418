import TouchpointJSON

extension JSONObject {
    /// The non-empty string member every record reader needs; the error names `field`, which a nested record
    /// prefixes with its parent's name ("positions.source").
    package func requiredString(_ name: String, field: String? = nil) throws(RecordError) -> String {
        guard let text = self[name]?.stringValue, !text.isEmpty else {
            throw RecordError(field: field ?? name, problem: "missing or not a string")
        }
        return text
    }
}
