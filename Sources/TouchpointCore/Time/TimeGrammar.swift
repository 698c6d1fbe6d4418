/// The grammars of the built-in time formats, one file each, over bytes.
///
/// Each reads the whole text or returns nil (trailing garbage is a failure, not ignored) and leaves the checks of
/// the fields and the zone to `CivilTime.resolve`.
enum TimeGrammar {}
