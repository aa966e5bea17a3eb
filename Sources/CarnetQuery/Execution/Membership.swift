import CarnetEngine

/// `x [NOT] IN (SELECT …)` over whole columns: the set's values are numbered by the hash-join
/// encoder and each value looked up: one pass over each, not one comparison per pair.
enum Membership {
    /// SQL's three-valued answer: NULL when x is NULL (and the set is not empty), or when x is
    /// not found and the set holds a NULL (it might have been x); NOT IN negates true and false
    /// and keeps NULL.
    static func test(_ values: Column, in set: Column, negated: Bool) -> Column {
        let n = values.count
        // Nothing is in an empty set, not even NULL: x IN (empty) is false for every x.
        if set.count == 0 { return Column(.bool([Bool](repeating: negated, count: n))) }
        let keys = GroupKeyEncoder.numberJoinKeys(build: [set], buildCount: set.count, probe: [values], probeCount: n)
        var present = [Bool](repeating: false, count: keys.keyCount)
        for id in keys.build where id >= 0 { present[Int(id)] = true }
        let setHasNull = set.nullCount > 0
        var result = [Bool](repeating: false, count: n)
        var validity = ValidityBitmap()
        validity.reserveCapacity(n)
        for row in 0..<n {
            if values.isNull(row) {
                validity.append(false)
            } else if keys.probe[row] >= 0, present[Int(keys.probe[row])] {
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
