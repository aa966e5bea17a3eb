#!/usr/bin/env python3
"""Build Carnet's Pays de l'Or map datasets (datasets/*.geojson, ZAE and SIRENE-like CSVs).

Inputs (raw downloads, kept OUT of the repository, default folder /tmp/carnet-geo-raw):
  communes-34-herault.geojson     gregoiredavid/france-geojson @5e94d651ce23f46e3d7986988bbf02260bc6a5fe,
                                   departements/34-herault/communes-34-herault.geojson
                                   (453,954 bytes, 343 communes, 5 decimals)
                                   sha256 b7eb2ddf632f548431d95cccff9475bcf6944e2ebed273388e9ddb682d00b95e
  departement-34-herault.geojson  same commit, departements/34-herault/departement-34-herault.geojson
                                   (28,806 bytes, one Feature)
                                   sha256 667d2739f09d5b76df5ce128380ae38dc32e8474192647d30e899c8aee6de67d
  Licence of the source: "Voir conditions d'utilisation de GEOFLA (Licence ouverte)"; contours
  IGN GEOFLA 2.2 (28 June 2016), codes and names INSEE COG 2016 (README of france-geojson).

Outputs (in --out, default datasets/ of this repository):
  communes-herault.geojson            343 communes, code + nom, shared borders simplified once
  departement-herault.geojson         the département outline
  epci-pays-de-lor.geojson            union of the 8 Pays de l'Or communes (SIREN 243400470)
  communes-pays-de-lor.geojson        the 8 communes, finer simplification, superficie_km2
  zae-perimetres-pays-de-lor-illustratif.csv         ILLUSTRATIVE ZAE perimeters (CNIG site-eco names)
  etablissements-zae-pays-de-lor-illustratif.csv     ILLUSTRATIVE SIRENE-like establishments

Simplification: commune borders are shared, so simplifying each polygon on its own
(shapely simplify(tol, preserve_topology=True) per feature) opens gaps and overlaps between
neighbours (about 10 km2 of overlap at 0.001 deg here). Instead every border arc shared by two
communes (or lying on the département edge) is cut out once, simplified once with
LineString.simplify(tol, preserve_topology=True), and given to both communes; arcs whose
simplification makes a polygon invalid or makes two communes overlap are simplified again
with half the tolerance. The coordinates are then rounded to 5 decimals.

The ZAE perimeters and the establishments are INVENTED (no real file exists): they are drawn
by this script from a fixed seed, placed inside the right commune, and the script prints,
from the files as written, the number of active establishments inside each perimeter.

Needs shapely >= 2.1 (orient_polygons) and pyproj (a data-preparation venv; Carnet itself never uses them):
  python3 -m venv /tmp/geo-venv && /tmp/geo-venv/bin/pip install shapely pyproj
  /tmp/geo-venv/bin/python scripts/datasets/make_geo_datasets.py
"""
import argparse
import csv
import hashlib
import json
import math
import os
import random
import sys
from collections import defaultdict

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Point, Polygon, shape, mapping

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

RAW_SHA256 = {
    "communes-34-herault.geojson": "b7eb2ddf632f548431d95cccff9475bcf6944e2ebed273388e9ddb682d00b95e",
    "departement-34-herault.geojson": "667d2739f09d5b76df5ce128380ae38dc32e8474192647d30e899c8aee6de67d",
}

TOL_HERAULT = 0.001      # degrees, communes-herault.geojson and departement-herault.geojson
TOL_PAYS_DE_LOR = 0.0005  # degrees, communes-pays-de-lor.geojson and epci-pays-de-lor.geojson
SEED = 20240611

EPCI_SIREN = "243400470"
EPCI_NOM = "Agglomération du Pays de l'Or"
PAYS_DE_LOR = ["34154", "34344", "34192", "34240", "34127", "34176", "34050", "34321"]
COMMUNE_NOMS = {  # official names (the GEOFLA source drops leading articles: "Grande-Motte")
    "34154": "Mauguio", "34344": "La Grande-Motte", "34192": "Palavas-les-Flots",
    "34240": "Saint-Aunès", "34127": "Lansargues", "34176": "Mudaison",
    "34050": "Candillargues", "34321": "Valergues",
}

GEOD = Geod(ellps="WGS84")
TO_L93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
TO_WGS = Transformer.from_crs("EPSG:2154", "EPSG:4326", always_xy=True)


# --------------------------------------------------------------------------- helpers

def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def geodesic_area_m2(geom):
    """Area in m2 on the WGS84 ellipsoid (exterior minus holes, every part).

    pyproj sums the signed area of every ring, so the rings are oriented first (exterior
    counter-clockwise, holes clockwise); otherwise a hole would be added, not subtracted.
    """
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geom))[0])


def _reproject(geom, transformer):
    def f(coords):
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])
    return shapely.transform(geom, f)


def to_l93(geom):
    return _reproject(geom, TO_L93)


def to_wgs(geom):
    return _reproject(geom, TO_WGS)


def polygons_of(geom):
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type == "MultiPolygon":
        return list(geom.geoms)
    if geom.geom_type == "GeometryCollection":
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []


def as_areal(geom):
    """Polygon or MultiPolygon out of whatever make_valid/buffer returned."""
    polys = [p for p in polygons_of(geom) if p.area > 0]
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def round_geom(geom, ndigits):
    """Round every coordinate, drop repeated points, keep polygons valid."""
    def rring(coords):
        out = []
        for x, y in coords:
            p = (round(x, ndigits), round(y, ndigits))
            if not out or out[-1] != p:
                out.append(p)
        if out[0] != out[-1]:
            out.append(out[0])
        return out

    polys = []
    for p in polygons_of(geom):
        ext = rring(p.exterior.coords)
        if len(ext) < 4:
            continue
        holes = [h for h in (rring(r.coords) for r in p.interiors) if len(h) >= 4]
        polys.append(Polygon(ext, holes))
    g = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    if not g.is_valid:
        g = as_areal(g.buffer(0))
    return g


def geojson_geometry(geom, ndigits):
    """GeoJSON geometry dict with exterior rings counter-clockwise (RFC 7946)."""
    m = mapping(shapely.orient_polygons(geom))

    def fix(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], ndigits), round(c[1], ndigits)]
        return [fix(x) for x in c]

    return {"type": m["type"], "coordinates": fix(m["coordinates"])}


def write_geojson(path, features):
    """FeatureCollection, compact, one feature per line, UTF-8, LF, final newline."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        f.write(",\n".join(lines))
        f.write("\n]}\n")


# --------------------------------------------------------------------------- shared-arc simplification

def simplify_coverage(geoms, tol):
    """Simplify polygons that share exact border vertices without gaps or overlaps.

    Each polygon ring is cut at its nodes (vertices where the set of polygons on the
    neighbouring edges changes); every arc is simplified once and reused by its neighbours.
    """
    # 1. owner sets of edges
    def key(a, b):
        return (a, b) if a <= b else (b, a)

    rings = []  # (geom index, poly index, ring index, coords without closing point)
    edge_owners = defaultdict(set)
    for gi, g in enumerate(geoms):
        for pi, p in enumerate(polygons_of(g)):
            for ri, r in enumerate([p.exterior] + list(p.interiors)):
                cs = list(r.coords)[:-1]
                rings.append((gi, pi, ri, cs))
                n = len(cs)
                for i in range(n):
                    edge_owners[key(cs[i], cs[(i + 1) % n])].add(gi)

    # 2. nodes: vertices whose incident edges do not all have the same owner set
    incident = defaultdict(list)
    for (a, b), owners in edge_owners.items():
        incident[a].append(frozenset(owners))
        incident[b].append(frozenset(owners))
    nodes = {v for v, sets in incident.items() if len(sets) != 2 or sets[0] != sets[1]}

    tolerance = {}  # arc key -> tolerance in use
    cache = {}

    def arc_key(arc):
        a = tuple(arc)
        b = tuple(reversed(arc))
        return min(a, b)

    def simplify_arc(arc):
        k = arc_key(arc)
        t = tolerance.setdefault(k, tol)
        ck = (k, t)
        if ck not in cache:
            if len(k) <= 2 or t == 0:
                cache[ck] = list(k)
            else:
                ls = shapely.LineString(k).simplify(t, preserve_topology=True)
                cache[ck] = list(ls.coords)
        out = cache[ck]
        return out if list(k) == list(arc) else list(reversed(out))

    def ring_arcs(cs):
        n = len(cs)
        starts = [i for i in range(n) if cs[i] in nodes]
        if not starts:  # a ring touching nobody: one closed arc starting at vertex 0
            return [cs + [cs[0]]]
        arcs = []
        for j, s in enumerate(starts):
            e = starts[(j + 1) % len(starts)]
            if e <= s:
                e += n
            arcs.append([cs[i % n] for i in range(s, e + 1)])
        return arcs

    ring_arc_list = [(gi, pi, ri, ring_arcs(cs)) for gi, pi, ri, cs in rings]

    def build():
        parts = defaultdict(lambda: defaultdict(dict))
        for gi, pi, ri, arcs in ring_arc_list:
            coords = []
            for arc in arcs:
                s = simplify_arc(arc)
                if len(arcs) == 1 and len(s) < 4:  # keep closed rings closed and non-degenerate
                    s = arc
                coords.extend(s if not coords else s[1:])
            parts[gi][pi][ri] = coords
        out = []
        for gi in range(len(geoms)):
            polys = []
            for pi in sorted(parts[gi]):
                rs = parts[gi][pi]
                ext = rs[0]
                if len(ext) < 4:
                    continue
                holes = [rs[ri] for ri in sorted(rs) if ri > 0 and len(rs[ri]) >= 4]
                polys.append(Polygon(ext, holes))
            out.append(polys[0] if len(polys) == 1 else MultiPolygon(polys))
        return out

    def arcs_of(gi):
        return [arc_key(a) for g, _, _, arcs in ring_arc_list if g == gi for a in arcs]

    for _ in range(12):
        out = build()
        bad = {i for i, g in enumerate(out) if not g.is_valid}
        tree = shapely.STRtree(out)
        for i, g in enumerate(out):
            for j in tree.query(g):
                if j > i and g.intersection(out[j]).area > 1e-12:
                    bad.update((i, int(j)))
        if not bad:
            return out
        for gi in bad:
            for k in arcs_of(gi):
                tolerance[k] = tolerance.get(k, tol) / 2 if tolerance.get(k, tol) > tol / 64 else 0
    raise RuntimeError("simplification did not converge")


# --------------------------------------------------------------------------- ZAE perimeters

# (zone name as in zae-pays-de-lor.csv, INSEE code, parts); each part is
# (centre lon, centre lat, area ha, vertices, rotation deg, aspect, hole or None);
# a hole is (dx m, dy m, area ha, vertices). Areas are the target surface_ha (from
# superficie_ha where the chart gives one, else a plausible 5-40 ha); positions are
# plausible, NOT surveyed: only the commune of each zone is meant to be believable.
ZONES = [
    ("Aérodrome", "34050", [(4.0655, 43.6125, 15, 7, 20, 1.5, None)]),
    ("Zone artisanale et …", "34344", [(4.0705, 43.5695, 30, 9, -15, 1.6, None)]),
    ("Mas St Jean", "34154", [(3.9930, 43.6250, 12, 6, 35, 1.3, None)]),
    ("Fréjorgues Est et Ouest", "34154", [(3.9525, 43.5925, 30, 8, -30, 1.7, None),
                                          (3.9790, 43.5885, 35, 10, -30, 1.5, None)]),
    ("Parc Industries Or", "34240", [(3.9500, 43.6290, 7, 5, 10, 1.4, None)]),
    ("La Mougère", "34154", [(4.0180, 43.6070, 5, 6, 0, 1.2, None)]),
    ("La Louvade", "34176", [(4.0250, 43.6410, 25, 8, 25, 1.4, None)]),
    ("Concession", "34154", [(4.0310, 43.6120, 120, 12, -10, 1.5, None)]),
    ("Zone de Frêt", "34154", [(3.9665, 43.5835, 13, 5, -30, 2.0, None)]),
    ("Zone artisanale du … (1)", "34127", [(4.0850, 43.6460, 11, 7, 15, 1.3, None)]),
    ("Extension ZAE du …", "34127", [(4.0905, 43.6418, 10, 6, 15, 1.4, None)]),
    ("Zone artisanale du … (2)", "34050", [(4.0600, 43.6260, 8, 6, 40, 1.3, None)]),
    ("Ecoparc", "34240", [(3.9850, 43.6425, 67, 11, 20, 1.4, (60, -40, 4, 5))]),
    ("La Crouzette", "34176", [(4.0320, 43.6520, 9, 6, -20, 1.3, None)]),
    ("Les Jasses", "34321", [(4.0550, 43.6760, 6, 6, 10, 1.3, None)]),
    ("Extension Les …", "34321", [(4.0590, 43.6732, 5, 5, 10, 1.2, None)]),
]

# active establishments drawn inside each zone = nb_entreprises + shift
SHIFTS = {"Fréjorgues Est et Ouest": -3, "La Louvade": +2, "Ecoparc": -1,
          "Aérodrome": +1, "Concession": +2, "Les Jasses": -1}


def star_ring(rng, cx, cy, area_m2, n, rot_deg, aspect):
    """A simple star-shaped ring (metres, Lambert-93) of n vertices and the given area."""
    angles = sorted(rng.uniform(0, 2 * math.pi) for _ in range(n))
    # spread the angles a little so no wedge is empty
    angles = [(2 * math.pi * i / n + 0.35 * (a - math.pi) / n) for i, a in enumerate(angles)]
    radii = [rng.uniform(0.8, 1.2) for _ in range(n)]
    rot = math.radians(rot_deg)
    pts = []
    for a, r in zip(angles, radii):
        x, y = r * math.cos(a) * math.sqrt(aspect), r * math.sin(a) / math.sqrt(aspect)
        pts.append((x * math.cos(rot) - y * math.sin(rot), x * math.sin(rot) + y * math.cos(rot)))
    unit = Polygon(pts).area
    k = math.sqrt(area_m2 / unit)
    return [(cx + k * x, cy + k * y) for x, y in pts]


def make_zone_geometry(rng, parts):
    polys = []
    for lon, lat, ha, n, rot, aspect, hole in parts:
        cx, cy = TO_L93.transform(lon, lat)
        hole_ring = None
        outer_ha = ha
        if hole:
            dx, dy, hha, hn = hole
            outer_ha = ha + hha
            hole_ring = star_ring(rng, cx + dx, cy + dy, hha * 1e4, hn, 0, 1.2)
        ring = star_ring(rng, cx, cy, outer_ha * 1e4, n, rot, aspect)
        poly = Polygon(ring, [hole_ring] if hole_ring else [])
        polys.append(to_wgs(poly))
    geom = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    return round_geom(geom, 6)


def fmt6(geom):
    """GeoJSON text of a (Multi)Polygon with exactly 6 decimals, as written in the CSV cell."""
    geom = shapely.orient_polygons(geom)

    def ring(r):
        return "[" + ",".join("[%.6f,%.6f]" % (x, y) for x, y in r.coords) + "]"

    def poly(p):
        return "[" + ",".join(ring(r) for r in [p.exterior] + list(p.interiors)) + "]"

    if geom.geom_type == "Polygon":
        return '{"type":"Polygon","coordinates":%s}' % poly(geom)
    return '{"type":"MultiPolygon","coordinates":[%s]}' % ",".join(poly(p) for p in geom.geoms)


# --------------------------------------------------------------------------- establishments

NAF = {  # NAF rév. 2 code -> (libellé abrégé, name stems)
    "52.23Z": ["Aéro Services", "Piste Assistance", "Skyport Handling"],
    "33.16Z": ["Aéro Maintenance", "Hélices du Sud", "Avionique Méditerranée"],
    "51.10Z": ["Air Littoral Charter", "Camargue Air"],
    "77.11A": ["Location Auto", "Rent Fréjorgues", "Loc'Azur"],
    "49.41A": ["Transports", "Fret Express", "Messageries"],
    "52.10B": ["Logistique", "Entrepôts", "Stockage"],
    "46.90Z": ["Distribution", "Négoce", "Comptoir"],
    "46.73A": ["Matériaux", "Bois et Matériaux", "Négoce Bâtiment"],
    "62.01Z": ["Informatique", "Logiciels", "Digital"],
    "62.02A": ["Conseil SI", "Data Conseil", "Systèmes"],
    "70.22Z": ["Conseil", "Stratégie", "Gestion"],
    "71.12B": ["Ingénierie", "Bureau d'Études", "Études Techniques"],
    "81.21Z": ["Nettoyage", "Propreté", "Clean Services"],
    "45.20A": ["Garage", "Auto Réparation", "Carrosserie"],
    "45.11Z": ["Automobiles", "Auto Sud", "Véhicules"],
    "43.21A": ["Électricité", "Élec Services", "Électro"],
    "43.22A": ["Plomberie", "Sanitaire", "Eau et Gaz"],
    "43.22B": ["Climatisation", "Clim Services", "Thermique"],
    "43.32A": ["Menuiserie", "Menuiseries", "Fenêtres"],
    "43.34Z": ["Peinture", "Décoration", "Peintures"],
    "43.99C": ["Maçonnerie", "Bâtiment", "Construction"],
    "25.62B": ["Mécanique", "Usinage", "Précision"],
    "47.11D": ["Supermarché", "Marché"],
    "47.11F": ["Hypermarché"],
    "47.52A": ["Quincaillerie", "Bricolage"],
    "47.59A": ["Meubles", "Ameublement", "Literie"],
    "47.30Z": ["Station Service", "Carburants"],
    "56.10A": ["Restaurant", "Brasserie", "Auberge"],
    "56.10C": ["Snack", "Burger", "Pizza"],
    "10.71C": ["Boulangerie", "Pâtisserie", "Fournil"],
    "96.02A": ["Coiffure", "Salon", "Barbier"],
    "86.21Z": ["Cabinet Médical", "Médecin"],
    "86.23Z": ["Cabinet Dentaire", "Dentiste"],
    "68.20B": ["SCI", "Immobilière"],
    "01.21Z": ["Domaine", "Mas", "Vignobles"],
    "85.53Z": ["Auto-École", "Conduite"],
    "93.13Z": ["Fitness", "Gym", "Forme"],
}
SUFFIXES = ["du Salaison", "de l'Étang", "Méditerranée", "Littoral", "Camargue", "Sud",
            "Occitanie", "du Lez", "des Garrigues", "de la Bérange", "de la Cadoule", "de l'Or",
            "Martin", "Garcia", "Fabre", "Roux", "Vidal", "Bonnet", "Lopez", "Girard", "Pujol",
            "Sanchez", "Arnaud", "Blanc", "Ortiz", "Serre", "Castan", "Molinier", "Cabanis"]
FORMS = ["", "", "", "SARL ", "SAS ", "EURL "]

ZONE_MIX = {  # NAF codes drawn inside zones, by kind of zone
    "aero": ["52.23Z"] * 5 + ["33.16Z"] * 3 + ["51.10Z", "77.11A", "77.11A", "49.41A", "52.10B",
             "62.01Z", "62.02A", "70.22Z", "71.12B", "81.21Z", "56.10A", "56.10C"],
    "artisanal": ["43.21A", "43.22A", "43.22B", "43.32A", "43.34Z", "43.99C", "45.20A", "45.20A",
                  "25.62B", "46.73A", "47.52A", "81.21Z", "49.41A", "71.12B"],
    "commercial": ["47.11D", "47.11F", "47.52A", "47.59A", "47.59A", "45.11Z", "45.20A", "56.10C",
                   "56.10A", "47.30Z", "93.13Z", "46.90Z"],
    "mixed": ["46.90Z", "52.10B", "49.41A", "62.01Z", "70.22Z", "71.12B", "45.20A", "43.99C",
              "43.21A", "81.21Z", "56.10A", "47.59A", "25.62B"],
}
ZONE_KIND = {"Aérodrome": "aero", "Fréjorgues Est et Ouest": "aero", "Zone de Frêt": "aero",
             "Zone artisanale et …": "commercial", "Concession": "commercial", "Ecoparc": "mixed",
             "Parc Industries Or": "mixed", "La Louvade": "mixed", "Mas St Jean": "mixed"}
VILLAGE_MIX = ["10.71C", "96.02A", "96.02A", "56.10A", "56.10A", "56.10C", "86.21Z", "86.23Z",
               "68.20B", "68.20B", "01.21Z", "43.99C", "43.21A", "43.22A", "85.53Z", "47.11D",
               "70.22Z", "62.01Z", "93.13Z", "45.20A"]

# village clusters: (INSEE, postcode, lon, lat, sigma x m, sigma y m, how many)
VILLAGES = [
    ("34154", "34130", 4.0083, 43.6160, 300, 250, 35),   # Mauguio
    ("34154", "34280", 3.9790, 43.5485, 500, 90, 15),    # Carnon (Mauguio)
    ("34344", "34280", 4.0850, 43.5610, 500, 180, 25),   # La Grande-Motte
    ("34192", "34250", 3.9300, 43.5285, 600, 90, 20),    # Palavas-les-Flots
    ("34240", "34130", 3.9660, 43.6410, 250, 200, 12),   # Saint-Aunès
    ("34127", "34130", 4.0760, 43.6530, 250, 200, 12),   # Lansargues
    ("34176", "34130", 4.0390, 43.6450, 200, 180, 10),   # Mudaison
    ("34050", "34130", 4.0680, 43.6210, 200, 180, 9),    # Candillargues
    ("34321", "34130", 4.0620, 43.6675, 220, 180, 12),   # Valergues
]
POSTCODE = {"34154": "34130", "34344": "34280", "34192": "34250", "34240": "34130",
            "34127": "34130", "34176": "34130", "34050": "34130", "34321": "34130"}


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix):
    for c in "0123456789":
        if luhn_ok(prefix + c):
            return prefix + c
    raise AssertionError


def new_siren(rng, used):
    while True:
        s = luhn_complete(str(rng.randint(3, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(7)))
        if s not in used and not s.startswith("356000000"):
            used.add(s)
            return s


def new_siret(rng, siren, used):
    while True:
        siret = luhn_complete(siren + "%04d" % rng.randint(1, 300))
        if siret not in used:
            used.add(siret)
            return siret


def name_for(rng, naf):
    stem = rng.choice(NAF[naf])
    return (rng.choice(FORMS) + stem + " " + rng.choice(SUFFIXES)).strip()


def random_point_in(rng, poly_l93, margin):
    inner = poly_l93.buffer(-margin)
    minx, miny, maxx, maxy = inner.bounds
    while True:
        p = Point(rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(p):
            return p


def random_date(rng, start_year=1975, end_year=2023):
    y = rng.randint(start_year, end_year)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return "%04d-%02d-%02d" % (y, m, d)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raw", default="/tmp/carnet-geo-raw", help="folder of the raw downloads")
    ap.add_argument("--out", default=os.path.join(REPO, "datasets"), help="output folder")
    args = ap.parse_args()

    for name, digest in RAW_SHA256.items():
        got = sha256(os.path.join(args.raw, name))
        if got != digest:
            sys.exit("%s: sha256 %s, expected %s" % (name, got, digest))

    src = read_json(os.path.join(args.raw, "communes-34-herault.geojson"))
    dep_src = read_json(os.path.join(args.raw, "departement-34-herault.geojson"))
    feats = src["features"]
    assert len(feats) == 343, len(feats)
    codes = [f["properties"]["code"] for f in feats]
    noms = [f["properties"]["nom"] for f in feats]
    raw = [shape(f["geometry"]) for f in feats]
    assert all(g.is_valid for g in raw)
    by_code_raw = dict(zip(codes, raw))

    # ---- communes of the Hérault
    simp = [round_geom(g, 5) for g in simplify_coverage(raw, TOL_HERAULT)]
    out_feats = [{"type": "Feature", "properties": {"code": c, "nom": n},
                  "geometry": geojson_geometry(g, 5)} for c, n, g in zip(codes, noms, simp)]
    write_geojson(os.path.join(args.out, "communes-herault.geojson"), out_feats)
    assert all(shape(f["geometry"]).is_valid for f in out_feats)

    # ---- département outline
    dep = shape(dep_src["geometry"])
    dep_s = round_geom(dep.simplify(TOL_HERAULT, preserve_topology=True), 5)
    assert dep_s.is_valid
    write_geojson(os.path.join(args.out, "departement-herault.geojson"), [
        {"type": "Feature", "properties": {"code": "34", "nom": "Hérault"},
         "geometry": geojson_geometry(dep_s, 5)}])

    # ---- Pays de l'Or: 8 communes, finer, and their union
    fine = [round_geom(g, 5) for g in simplify_coverage(raw, TOL_PAYS_DE_LOR)]
    by_code_fine = dict(zip(codes, fine))
    pdlo_feats = []
    for c in PAYS_DE_LOR:
        g = by_code_fine[c]
        assert g.is_valid
        km2 = round(geodesic_area_m2(g) / 1e6, 2)
        pdlo_feats.append({"type": "Feature",
                           "properties": {"code": c, "nom": noms[codes.index(c)], "superficie_km2": km2},
                           "geometry": geojson_geometry(g, 5)})
    write_geojson(os.path.join(args.out, "communes-pays-de-lor.geojson"), pdlo_feats)
    epci = shapely.union_all([by_code_fine[c] for c in PAYS_DE_LOR])
    epci = round_geom(as_areal(epci), 5)
    assert epci.is_valid and epci.geom_type == "Polygon", epci.geom_type
    write_geojson(os.path.join(args.out, "epci-pays-de-lor.geojson"), [
        {"type": "Feature", "properties": {"code": EPCI_SIREN, "nom": EPCI_NOM},
         "geometry": geojson_geometry(epci, 5)}])
    by_code_coarse = dict(zip(codes, simp))

    # ---- ZAE perimeters (illustrative)
    rng = random.Random(SEED)
    zae_src = read_csv(os.path.join(args.out, "zae-pays-de-lor.csv"))
    zones_by_name = {z[0]: z for z in ZONES}
    assert [r["zone"] for r in zae_src] and set(r["zone"] for r in zae_src) == set(zones_by_name)
    zone_rows = []
    zone_geoms = {}
    seq = defaultdict(int)
    for r in zae_src:
        name, insee, parts = zones_by_name[r["zone"]]
        geom = make_zone_geometry(rng, parts)
        assert geom.is_valid
        nverts = [len(p.exterior.coords) - 1 for p in polygons_of(geom)]
        assert all(5 <= n <= 12 for n in nverts), (name, nverts)
        # entirely inside the commune, 30 m from its border, in every outline we ship or use
        g93 = to_l93(geom)
        for outline in (by_code_raw[insee], by_code_fine[insee], by_code_coarse[insee]):
            assert to_l93(outline).buffer(-30).contains(g93), (name, "not inside", insee)
        for other, og in zone_geoms.items():
            assert to_l93(og).distance(g93) > 40, (name, "too close to", other)
        zone_geoms[name] = geom
        seq[insee] += 1
        c = geom.centroid
        zone_rows.append({
            "site_id": "%s_SITE-ECO_%05d" % (insee, seq[insee]),
            "site_nom": name,
            "site_type": "zone d'activité économique",
            "site_comm_insee": insee,
            "site_comm_nom": COMMUNE_NOMS[insee],
            "site_epci_siren": EPCI_SIREN,
            "site_epci_nom": EPCI_NOM,
            "site_surf_brute": "%.2f" % (geodesic_area_m2(geom) / 1e4),
            "site_geompoint": "%.6f, %.6f" % (c.x, c.y),
            "site_geomsurf": fmt6(geom),
        })
    with open(os.path.join(args.out, "zae-perimetres-pays-de-lor-illustratif.csv"), "w",
              encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(zone_rows[0]), delimiter=";", lineterminator="\n")
        w.writeheader()
        w.writerows(zone_rows)

    # ---- establishments (illustrative SIRENE extract)
    zones_l93 = {n: to_l93(g) for n, g in zone_geoms.items()}
    all_zones_l93 = shapely.union_all(list(zones_l93.values()))
    pdlo_l93 = {c: to_l93(by_code_fine[c]) for c in PAYS_DE_LOR}
    used_siren, used_siret = set(), set()
    groups = [new_siren(rng, used_siren) for _ in range(25)]  # firms with several sites
    rows = []

    def add(naf, insee, postcode, etat, xy, created=None):
        siren = rng.choice(groups) if rng.random() < 0.08 else new_siren(rng, used_siren)
        name = "" if rng.random() < 0.1 else name_for(rng, naf)
        rows.append({
            "siret": new_siret(rng, siren, used_siret),
            "siren": siren,
            "denominationUsuelleEtablissement": name,
            "activitePrincipaleEtablissement": naf,
            "codeCommuneEtablissement": insee,
            "codePostalEtablissement": postcode,
            "etatAdministratifEtablissement": etat,
            "dateCreationEtablissement": created or random_date(rng),
            "coordonneeLambertAbscisseEtablissement": "" if xy is None else "%.1f" % xy[0],
            "coordonneeLambertOrdonneeEtablissement": "" if xy is None else "%.1f" % xy[1],
        })

    expected_active = {}
    for r in zae_src:
        name = r["zone"]
        insee = zones_by_name[name][1]
        n_active = int(r["nb_entreprises"]) + SHIFTS.get(name, 0)
        expected_active[name] = n_active
        n_closed = round(n_active * rng.uniform(0.03, 0.09))
        mix = ZONE_MIX[ZONE_KIND.get(name, "artisanal")]
        poly = zones_l93[name]
        for i in range(n_active + n_closed):
            p = random_point_in(rng, poly, 5.0)
            etat = "A" if i < n_active else "F"
            add(rng.choice(mix), insee, POSTCODE[insee], etat, (p.x, p.y),
                random_date(rng, 1990 if etat == "A" else 1985, 2023))
    # inside the hole of the Ecoparc: establishments of the protected parcel, outside the zone
    eco = zones_l93["Ecoparc"]
    hole = Polygon(polygons_of(eco)[0].interiors[0])
    for i in range(6):
        p = random_point_in(rng, hole, 5.0)
        add(rng.choice(["01.21Z", "68.20B", "01.21Z"]), "34240", "34130", "A" if i < 5 else "F", (p.x, p.y))
    # villages, outside every zone
    for insee, pc, lon, lat, sx, sy, n in VILLAGES:
        cx, cy = TO_L93.transform(lon, lat)
        done = 0
        while done < n:
            p = Point(rng.gauss(cx, sx), rng.gauss(cy, sy))
            if not pdlo_l93[insee].buffer(-20).contains(p) or all_zones_l93.distance(p) < 20:
                continue
            etat = "F" if rng.random() < 0.12 else "A"
            add(rng.choice(VILLAGE_MIX), insee, pc, etat, (p.x, p.y))
            done += 1
    # no coordinates (SIRENE has those)
    for i in range(20):
        insee = rng.choice(PAYS_DE_LOR)
        add(rng.choice(VILLAGE_MIX + ZONE_MIX["mixed"]), insee, POSTCODE[insee],
            "F" if i % 7 == 3 else "A", None)

    rows.sort(key=lambda r: r["siret"])
    with open(os.path.join(args.out, "etablissements-zae-pays-de-lor-illustratif.csv"), "w",
              encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # ---- oracle, recomputed from the files as written
    zrows = read_csv(os.path.join(args.out, "zae-perimetres-pays-de-lor-illustratif.csv"))
    erows = read_csv(os.path.join(args.out, "etablissements-zae-pays-de-lor-illustratif.csv"))
    zpolys = [(z["site_nom"], shape(json.loads(z["site_geomsurf"]))) for z in zrows]
    tree = shapely.STRtree([g for _, g in zpolys])
    pts = []
    for e in erows:
        assert len(e["siret"]) == 14 and luhn_ok(e["siret"]) and luhn_ok(e["siren"])
        assert e["siret"].startswith(e["siren"])
        if e["coordonneeLambertAbscisseEtablissement"]:
            x, y = float(e["coordonneeLambertAbscisseEtablissement"]), float(e["coordonneeLambertOrdonneeEtablissement"])
            lon, lat = TO_WGS.transform(x, y)
            pts.append((e, Point(lon, lat), Point(x, y)))
    counts = {n: [0, 0] for n, _ in zpolys}  # active, all states
    in_any = 0
    for e, pw, pl in pts:
        hits = [zpolys[i][0] for i in tree.query(pw, predicate="within")]
        # same answer in Lambert-93
        hits93 = [n for n, g in zpolys if to_l93(g).contains(pl)]
        assert sorted(hits) == sorted(hits93), (e["siret"], hits, hits93)
        assert len(hits) <= 1
        for n in hits:
            counts[n][1] += 1
            if e["etatAdministratifEtablissement"] == "A":
                counts[n][0] += 1
        in_any += bool(hits)
    for n, (a, _) in counts.items():
        assert a == expected_active[n], (n, a, expected_active[n])

    def kb(name):
        return os.path.getsize(os.path.join(args.out, name)) / 1000

    print("tolerances: Hérault %g deg, Pays de l'Or %g deg" % (TOL_HERAULT, TOL_PAYS_DE_LOR))
    for name in ["communes-herault.geojson", "departement-herault.geojson", "epci-pays-de-lor.geojson",
                 "communes-pays-de-lor.geojson", "zae-perimetres-pays-de-lor-illustratif.csv",
                 "etablissements-zae-pays-de-lor-illustratif.csv"]:
        print("%-48s %8.1f kB" % (name, kb(name)))
    for f in pdlo_feats:
        print("  %s %-20s %8.2f km2" % (f["properties"]["code"], f["properties"]["nom"],
                                        f["properties"]["superficie_km2"]))
    print("establishments: %d rows, %d with coordinates, %d without, %d inside a zone" %
          (len(erows), len(pts), len(erows) - len(pts), in_any))
    print("%-26s %-7s %8s %6s %9s %6s" % ("zone", "insee", "surf_ha", "nb_csv", "active_in", "all_in"))
    nb = {r["zone"]: r for r in zae_src}
    for z in zrows:
        n = z["site_nom"]
        print("%-26s %-7s %8s %6s %9d %6d" % (n, z["site_comm_insee"], z["site_surf_brute"],
                                             nb[n]["nb_entreprises"], counts[n][0], counts[n][1]))


if __name__ == "__main__":
    main()
