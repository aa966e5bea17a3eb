import FuzzDriver
import CarnetEngine

/// The geometry readers (WKT, GeoJSON, hex WKB and raw WKB) on arbitrary bytes, then every
/// measure on what they accept: none may trap, hang or allocate without bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var shapes: [GeometryShape] = []
    if let g = try? Geometry.parse(String(decoding: bytes, as: UTF8.self)) { shapes.append(g.shape) }
    if let s = try? WKB.decode(bytes) { shapes.append(s) }
    for shape in shapes {
        _ = WKT.format(shape)
        _ = GeoJSONGeometry.format(shape)
        _ = shape.area
        _ = shape.centroid
        _ = shape.containsPoint(Position(0.5, 0.5))
        if shape.points.count + shape.lines.count + shape.polygons.count < 64 {
            _ = shape.intersects(shape)
            _ = shape.contains(shape)
        }
        _ = PolygonGridIndex([shape, nil]).forEachPolygon(containingX: 0.5, y: 0.5) { _ in }
        _ = try? WKB.decode(WKB.encode(shape))
    }
    return 0
}

// SwiftPM links an executable's entry as `FuzzGeometry_main`.
@_cdecl("FuzzGeometry_main")
public func fuzzerEntry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTarget(data, size) }
}
