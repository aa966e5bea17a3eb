import CarnetEngine

/// `x [NOT] IN (SELECT …)` over whole columns: values and set are numbered together by the
/// hash-join encoder, so the test costs one pass over each, not one comparison per pair.
enum Membership {
    /// SQL's three-valued answer: NULL when x is NULL (and the set is not empty), or when x is
    /// not found and the set holds a NULL (it might have been x); NOT IN negates true and false
    /// and keeps NULL.
    static func test(_ values: Column, in set: Column, negated: Bool) -> Column {
        let n = values.count
        // Nothing is in an empty set, not even NULL: x IN (empty) is false for every x.
        if set.count == 0 { return Column(.bool([Bool](repeating: negated, count: n))) }
        let (ids, setIDs, nulls) = GroupKeyEncoder.encodeTogether([values], leftCount: n, [set], rightCount: set.count)
        let idCount = Int(max(ids.max() ?? -1, setIDs.max() ?? -1)) + 1
        var present = [Bool](repeating: false, count: idCount)
        var setHasNull = false
        for (row, id) in setIDs.enumerated() {
            if nulls.right[row] { setHasNull = true } else { present[Int(id)] = true }
        }
        var result = [Bool](repeating: false, count: n)
        var validity = ValidityBitmap()
        validity.reserveCapacity(n)
        for row in 0..<n {
            if nulls.left[row] {
                validity.append(false)
            } else if present[Int(ids[row])] {
                result[row] = !negated
                validity.append(true)
            } else {
                result[row] = negated
                validity.append(!setHasNull)
            }
        }
        return Column(.bool(result), validity: validity)
    }
}
