@testable import CarnetCharts
import Foundation

/// The boxes of an SVG's text, estimated with the renderer's own width measure, to check that
/// no text leaves the canvas and no two texts overlap.
struct SVGTextBoxes {
    struct Box {
        var text: String
        /// Corners, after any rotation.
        var corners: [(Double, Double)]
        var minX: Double { corners.map(\.0).min()! }
        var maxX: Double { corners.map(\.0).max()! }
        var minY: Double { corners.map(\.1).min()! }
        var maxY: Double { corners.map(\.1).max()! }
    }

    var width: Double
    var height: Double
    var boxes: [Box]

    init(_ svg: String) {
        func attribute(_ name: String, in tag: Substring) -> String? {
            guard let r = tag.range(of: " \(name)=\"") else { return nil }
            let rest = tag[r.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        let root = svg[svg.range(of: "<svg ")!.lowerBound...].prefix { $0 != ">" }
        width = Double(attribute("width", in: root) ?? "0") ?? 0
        height = Double(attribute("height", in: root) ?? "0") ?? 0
        var boxes: [Box] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text ") {
            let tagEnd = rest[open.upperBound...].firstIndex(of: ">")!
            let tag = rest[open.lowerBound..<tagEnd]
            let close = rest[tagEnd...].range(of: "</text>")!
            let content = String(rest[rest.index(after: tagEnd)..<close.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            rest = rest[close.upperBound...]
            let x = Double(attribute("x", in: tag)!)!, y = Double(attribute("y", in: tag)!)!
            let size = Double(attribute("font-size", in: tag)!)!
            let w = SVGDocument.textWidth(content, size: size)
            let anchor = attribute("text-anchor", in: tag) ?? "start"
            let left = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x
            // Glyphs rise about 0.75 of the size above the baseline and descend 0.2 below.
            var corners = [(left, y - 0.75 * size), (left + w, y - 0.75 * size), (left + w, y + 0.2 * size), (left, y + 0.2 * size)]
            if let transform = attribute("transform", in: tag), transform.hasPrefix("rotate(") {
                let numbers = transform.dropFirst(7).dropLast().split(separator: " ").compactMap { Double($0) }
                let (angle, cx, cy) = (numbers[0] * .pi / 180, numbers.count > 1 ? numbers[1] : 0, numbers.count > 2 ? numbers[2] : 0)
                corners = corners.map { px, py in
                    let dx = px - cx, dy = py - cy
                    return (cx + dx * cos(angle) - dy * sin(angle), cy + dx * sin(angle) + dy * cos(angle))
                }
            }
            boxes.append(Box(text: content, corners: corners))
        }
        self.boxes = boxes
    }

    /// Texts that leave the canvas, and pairs of texts that overlap, as readable lines.
    func problems() -> [String] {
        var found: [String] = []
        for b in boxes where b.minX < -0.5 || b.minY < -0.5 || b.maxX > width + 0.5 || b.maxY > height + 0.5 {
            found.append("outside the \(Int(width))×\(Int(height)) canvas: \"\(b.text)\" (\(Int(b.minX))…\(Int(b.maxX)), \(Int(b.minY))…\(Int(b.maxY)))")
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i && SVGTextBoxes.overlap(boxes[i], boxes[j]) {
                found.append("overlap: \"\(boxes[i].text)\" and \"\(boxes[j].text)\"")
            }
        }
        return found
    }

    /// Separating axes of two convex quadrilaterals, shrunk by half a pixel so touching is fine.
    static func overlap(_ a: Box, _ b: Box) -> Bool {
        guard a.maxX > b.minX + 0.5, b.maxX > a.minX + 0.5, a.maxY > b.minY + 0.5, b.maxY > a.minY + 0.5 else { return false }
        for shape in [a.corners, b.corners] {
            for k in 0..<4 {
                let (x1, y1) = shape[k], (x2, y2) = shape[(k + 1) % 4]
                let axis = (-(y2 - y1), x2 - x1)
                let length = (axis.0 * axis.0 + axis.1 * axis.1).squareRoot()
                guard length > 0 else { continue }
                let pa = a.corners.map { ($0.0 * axis.0 + $0.1 * axis.1) / length }
                let pb = b.corners.map { ($0.0 * axis.0 + $0.1 * axis.1) / length }
                if pa.max()! <= pb.min()! + 0.5 || pb.max()! <= pa.min()! + 0.5 { return false }
            }
        }
        return true
    }
}
