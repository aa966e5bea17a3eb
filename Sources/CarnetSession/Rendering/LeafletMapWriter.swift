import CarnetCharts
import CarnetIO
import CarnetEngine

/// A one-file interactive map for a report: Leaflet (from Debian's libjs-leaflet) and the data
/// inlined, the table's geometries or points over a background table's outlines, which show
/// with no network; OpenStreetMap tiles are added under them and load when a network is there.
enum LeafletMapWriter {
    /// Where Debian's libjs-leaflet puts Leaflet.
    static let folder = "/usr/share/javascript/leaflet"

    struct Missing: Error {}

    static func render(_ table: Table, background: Table?, title: String, latitude: String?, longitude: String?, locale: DisplayLocale) throws -> (String, skipped: Int) {
        guard let script = POSIXFile.readText(folder + "/leaflet.min.js") ?? POSIXFile.readText(folder + "/leaflet.js"),
              let style = POSIXFile.readText(folder + "/leaflet.css") else {
            throw CommandError("Leaflet is not installed, and an HTML map inlines it",
                               hint: "apt-get install -y libjs-leaflet (Debian's package, at \(folder))")
        }
        let (data, skipped) = try GeoJSONWriter.render(table, latitude: latitude, longitude: longitude)
        let backdrop = try background.map { b -> String in
            guard let g = b.geometryColumnIndex else {
                throw CommandError("the background table has no geometry column", hint: "load outlines such as datasets/communes-herault.geojson")
            }
            return GeoJSONWriter.geometries(b, column: g).0
        }
        let fr = locale == .fr
        var html = "<!DOCTYPE html>\n<html lang=\"\(fr ? "fr" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(Markup.escape(title))</title>\n<style>\n\(style)\nhtml, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }\n"
        html += "#map { position: absolute; top: 2.6em; bottom: 0; left: 0; right: 0; }\nh1 { font-size: 1.1em; margin: 0; padding: 0.6em 0.8em; }\n"
        html += ".leaflet-popup-content table td { padding: 0 0.4em; vertical-align: top; }\n</style>\n</head>\n<body>\n"
        html += "<h1>\(Markup.escape(title))</h1>\n<div id=\"map\" role=\"region\" aria-label=\"\(Markup.escape(title))\"></div>\n"
        html += "<script>\n\(script)\n</script>\n<script>\n"
        html += "const data = \(scriptSafe(data));\nconst background = \(backdrop.map(scriptSafe) ?? "null");\n"
        // Leaflet's own control words, in the session's locale.
        html += "const words = " + (fr ? "{ zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière' }" : "{ zoomIn: 'Zoom in', zoomOut: 'Zoom out' }") + ";\n"
        html += """
        const map = L.map('map', { preferCanvas: true, zoomControl: false });
        L.control.zoom({ zoomInTitle: words.zoomIn, zoomOutTitle: words.zoomOut }).addTo(map);
        // Tiles when online; the outlines below are in the file and always show.
        L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map);
        function popup(feature, layer) {
          // Built with text nodes: property values are data, never markup.
          const table = document.createElement('table');
          for (const [key, value] of Object.entries(feature.properties || {})) {
            if (value === null || typeof value === 'object') continue;
            const row = table.insertRow();
            row.insertCell().textContent = key;
            row.insertCell().textContent = String(value);
          }
          layer.bindPopup(table);
        }
        if (background) {
          L.geoJSON(background, { style: { color: '#5f6b73', weight: 1, fillColor: '#e8ebe3', fillOpacity: 0.5 }, interactive: false }).addTo(map);
        }
        const layer = L.geoJSON(data, {
          style: { color: '#1f5f99', weight: 1.5, fillColor: '#3b82c4', fillOpacity: 0.35 },
          pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 5, color: '#ffffff', weight: 1, fillColor: '#1f6fb5', fillOpacity: 0.9 }),
          onEachFeature: popup
        }).addTo(map);
        const bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20] }); } else { map.setView([43.6, 3.9], 10); }
        L.control.scale({ imperial: false }).addTo(map);

        """
        html += "</script>\n</body>\n</html>\n"
        return (html, skipped)
    }

    /// JSON inside a script element: `</` would end the element, so it is written `<\/`.
    static func scriptSafe(_ json: String) -> String {
        var out = json.replacingEvery("</", with: "<\\/")
        out = out.replacingEvery("\u{2028}", with: "\\u2028").replacingEvery("\u{2029}", with: "\\u2029")
        return out.hasSuffix("\n") ? String(out.dropLast()) : out
    }
}
