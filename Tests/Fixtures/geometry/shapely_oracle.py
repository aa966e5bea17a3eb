"""Writes random polygons (with holes, multipolygons) and points around the Hérault, and what
shapely and pyproj say of them: which points each polygon contains, geodesic areas, centroids
and Lambert-93 coordinates. The Swift GeometryOracleTests compare Carnet with these files.

usage: shapely_oracle.py FOLDER SEED
"""
import csv, math, random, sys
from shapely.geometry import Point, Polygon, MultiPolygon
from shapely.geometry.polygon import orient
from shapely import wkt as shapely_wkt
from pyproj import Geod, Transformer

folder, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
geod = Geod(ellps="WGS84")
to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)


def star(cx, cy, r_min, r_max, n):
    """A star-shaped ring around (cx, cy): never self-intersecting, radii within [r_min, r_max]."""
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    ring = [(cx + rng.uniform(r_min, r_max) * math.cos(a), cy + rng.uniform(r_min, r_max) * math.sin(a) * 0.75) for a in angles]
    return ring + [ring[0]]


shapes = []
while len(shapes) < 80:
    cx, cy = rng.uniform(3.4, 4.3), rng.uniform(43.2, 43.9)
    r = rng.uniform(0.01, 0.08)
    kind = rng.random()
    if kind < 0.5:
        g = Polygon(star(cx, cy, r * 0.5, r, rng.randint(3, 40)))
    elif kind < 0.8:
        holes = [star(cx, cy, r * 0.05, r * 0.4, rng.randint(3, 12))]
        g = Polygon(star(cx, cy, r * 0.5, r, rng.randint(5, 40)), holes)
    else:
        a = Polygon(star(cx, cy, r * 0.5, r, rng.randint(3, 20)), [star(cx, cy, r * 0.05, r * 0.3, 6)])
        b = Polygon(star(cx + 3 * r, cy + r, r * 0.3, r * 0.6, rng.randint(3, 20)))
        g = MultiPolygon([a, b])
    if g.is_valid:
        shapes.append(g)

points = [(rng.uniform(3.3, 4.5), rng.uniform(43.1, 44.0)) for _ in range(6000)]
# Points exactly at vertices or on edges are left out: contains excludes the boundary, and
# ray casting may put them either side.

with open(f"{folder}/polygons.csv", "w", newline="") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["pid", "wkt"])
    for i, g in enumerate(shapes):
        w.writerow([i, g.wkt])

with open(f"{folder}/points.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["qid", "lon", "lat"])
    for i, (x, y) in enumerate(points):
        w.writerow([i, repr(x), repr(y)])

with open(f"{folder}/contains.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["pid", "qid"])
    for i, g in enumerate(shapes):
        for j, (x, y) in enumerate(points):
            if g.contains(Point(x, y)):
                w.writerow([i, j])

with open(f"{folder}/measures.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["pid", "area_m2", "centroid_x", "centroid_y"])
    for i, g in enumerate(shapes):
        # pyproj adds the rings' signed areas: holes count against the exterior only when
        # wound the other way, which orient() ensures.
        oriented = orient(g) if g.geom_type == "Polygon" else MultiPolygon([orient(p) for p in g.geoms])
        area, _ = geod.geometry_area_perimeter(oriented)
        c = g.centroid
        w.writerow([i, repr(abs(area)), repr(c.x), repr(c.y)])

with open(f"{folder}/lambert93.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["qid", "x", "y"])
    for j, (lon, lat) in enumerate(points[:500]):
        x, y = to_l93.transform(lon, lat)
        w.writerow([j, repr(x), repr(y)])
print(len(shapes), len(points))
