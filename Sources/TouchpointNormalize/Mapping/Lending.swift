/// Calls on the parts of a compiled mapping, each lent without a retain.
///
/// Compiled mappings live as long as the stage, and nothing replaces a part while a record is mapped. Yet Swift
/// retained and released every value and test taken out of an array before calling it: in a Segment message's
/// hundred values that was a quarter of normalize's time. `Unmanaged` lends the reference instead.
///
/// The element is read inside `Unmanaged.passUnretained`: handed to a helper as an argument first, it was retained
/// again.
extension Array where Element: AnyObject {
    /// The first non-nil result of `body` over the elements in order, each lent.
    @inline(__always)
    func firstLent<Result>(_ body: (Element) -> Result?) -> Result? {
        withUnsafeBufferPointer { elements in
            for index in elements.indices {
                let result = Unmanaged.passUnretained(elements[index])._withUnsafeGuaranteedRef(body)
                if let result { return result }
            }
            return nil
        }
    }

    /// Calls `body` with each element in order, lent.
    @inline(__always)
    func forEachLent(_ body: (Element) -> Void) {
        withUnsafeBufferPointer { elements in
            for index in elements.indices { Unmanaged.passUnretained(elements[index])._withUnsafeGuaranteedRef(body) }
        }
    }
}
