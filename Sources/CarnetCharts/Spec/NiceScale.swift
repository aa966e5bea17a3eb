#if canImport(Glibc)
import Glibc
#endif

/// A linear axis from a data range: bounds and ticks at "nice" values (1, 2, 5 × 10ⁿ) that
/// include zero for bars, so that bar lengths stay honest.
public struct NiceScale: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var step: Double
    public var ticks: [Double]

    /// A scale covering `minimum…maximum` with about `tickCount` ticks.
    /// `integral`: the values are counts, so no tick falls between two whole numbers.
    public init(minimum: Double, maximum: Double, tickCount: Int = 5, includeZero: Bool = true, integral: Bool = false) {
        var lo = minimum, hi = maximum
        if includeZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
        if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
        if lo == hi { hi = lo + (lo == 0 ? 1 : abs(lo)) }
        var step = NiceScale.niceStep((hi - lo) / Double(Swift.max(1, tickCount)))
        if integral { step = Swift.max(1, step) }
        lower = (lo / step).rounded(.down) * step
        upper = (hi / step).rounded(.up) * step
        self.step = step
        var t: [Double] = []
        var v = lower
        while v <= upper + step / 2 {
            t.append(abs(v) < step / 1e9 ? 0 : v)
            v += step
        }
        ticks = t
    }

    /// The nice number (1, 2, 5 × 10ⁿ) nearest above `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : (fraction <= 2 ? 2 : (fraction <= 5 ? 5 : 10))
        return nice * magnitude
    }

    /// The nice number (1, 2, 2.5, 5 × 10ⁿ) nearest to `raw`, for bin widths: the bin count
    /// asked for stays close.
    public static func nearestNiceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let candidates = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }
        return candidates.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!
    }

    /// Position of `value` between 0 (lower) and 1 (upper).
    public func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }
}
