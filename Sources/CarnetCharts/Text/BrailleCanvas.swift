/// A grid of terminal cells where each cell holds 2×4 dots (Unicode braille), for lines,
/// scatter plots and maps; an ASCII grid of single marks when braille is not wanted.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var dots: [UInt8]
    /// The series that last drew in each cell (for its colour or ASCII mark).
    private var owner: [Int]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        dots = [UInt8](repeating: 0, count: self.columns * self.rows)
        owner = [Int](repeating: -1, count: self.columns * self.rows)
    }

    var pixelWidth: Int { columns * 2 }
    var pixelHeight: Int { rows * 4 }

    /// Sets the dot at pixel (x, y), y growing downwards.
    mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y / 4) * columns + x / 2
        let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        dots[cell] |= bits[y % 4][x % 2]
        owner[cell] = series
    }

    /// A straight segment between two pixels (Bresenham).
    mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, series: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var steps = 0
        while steps < 10_000 {
            set(x, y, series: series)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            steps += 1
        }
    }

    /// The cells; where no dot is set, `background(column, row)` (a map's shading) or a space.
    func render(style: TextStyle, background: (Int, Int) -> String? = { _, _ in nil }) -> [String] {
        (0..<rows).map { r in
            var line = ""
            for c in 0..<columns {
                let cell = r * columns + c
                guard dots[cell] != 0 else { line += background(c, r) ?? " "; continue }
                let glyph = style.unicode ? String(UnicodeScalar(0x2800 + UInt32(dots[cell]))!) : String(style.marker(series: max(0, owner[cell])))
                line += style.paint(glyph, series: max(0, owner[cell]))
            }
            return line
        }
    }
}
