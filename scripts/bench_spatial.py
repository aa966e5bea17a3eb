#!/usr/bin/env python3
"""Spatial join: points per polygon, 1M points × 35,000 commune-like polygons, timed for Carnet
and shapely 2 (STRtree, the engine of geopandas' sjoin), and DuckDB spatial when its extension
installs (it needs the network), in one run, side by side.

- Data (generated once into --data-dir/spatial, seeded): the Voronoi cells of 35,000 random
  seeds over metropolitan France's bounding box, clipped to it and cut into segments of at most
  0.01° (about 40 vertices each, as simplified commune outlines have), written as WKT in a `;`
  CSV; 1M random points as lon,lat in a CSV.
- Query: SELECT p.pid, count(*) AS n FROM polys p JOIN pts q ON st_contains(p.wkt,
  st_point(q.lon, q.lat)) GROUP BY p.pid, kept as a table. The same pairs are counted by each
  tool; the answers are checked by their row count and sum(n).
- Times: Carnet's `set timer on` (best of --runs, one process, tables in memory); shapely:
  building the point array, the tree and querying it (best of --runs); DuckDB the same SQL.
"""
import argparse, os, random, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_tpch import ANSI_RE, ERROR_RE, RUNTIME_RE  # noqa: E402

SQL = "SELECT p.pid, count(*) AS n FROM polys p JOIN pts q ON st_contains(p.wkt, st_point(q.lon, q.lat)) GROUP BY p.pid"
BOX = (-5.0, 41.3, 9.6, 51.1)


def ensure_data(folder, polygons, points):
    import shapely
    from shapely.geometry import box, MultiPoint
    os.makedirs(folder, exist_ok=True)
    polys, pts = os.path.join(folder, f"polygons-{polygons}.csv"), os.path.join(folder, f"points-{points}.csv")
    rng = random.Random(42)
    if not os.path.exists(polys):
        print(f"bench-spatial: generating {polygons} polygons ...", file=sys.stderr)
        seeds = MultiPoint([(rng.uniform(BOX[0], BOX[2]), rng.uniform(BOX[1], BOX[3])) for _ in range(polygons)])
        cells = shapely.voronoi_polygons(seeds, extend_to=box(*BOX))
        frame = box(*BOX)
        with open(polys + ".tmp", "w") as f:
            f.write("pid;wkt\n")
            for i, cell in enumerate(shapely.get_parts(cells)):
                g = shapely.segmentize(cell.intersection(frame), 0.01)
                f.write(f"{i};{shapely.to_wkt(g, rounding_precision=6)}\n")
        os.replace(polys + ".tmp", polys)
    if not os.path.exists(pts):
        print(f"bench-spatial: generating {points} points ...", file=sys.stderr)
        with open(pts + ".tmp", "w") as f:
            f.write("qid,lon,lat\n")
            for i in range(points):
                f.write(f"{i},{rng.uniform(BOX[0], BOX[2]):.6f},{rng.uniform(BOX[1], BOX[3]):.6f}\n")
        os.replace(pts + ".tmp", pts)
    return polys, pts


def run_carnet(binary, polys, pts, runs):
    statements = ["set timer on;", f"load '{polys}' as polys;", f"load '{pts}' as pts;"]
    statements += [f"let ans = {SQL};"] * runs
    statements += ["SELECT count(*) AS rows, sum(n) AS pairs FROM ans;"]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(statements) + "\n")
        script = f.name
    with open(script, "rb") as i:
        proc = subprocess.run([binary, "--csv"], stdin=i, capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    os.unlink(script)
    err = ANSI_RE.sub("", proc.stderr.decode("utf-8", "replace"))
    times = [float(m.group(1)) for line in err.splitlines() if (m := RUNTIME_RE.match(line))]
    errors = [m.group(2) for line in err.splitlines() if (m := ERROR_RE.match(line))]
    if errors:
        return None, None, None, errors[0]
    answer = proc.stdout.decode().strip().splitlines()[-1].split(",")
    return sum(times[1:3]), min(times[3:3 + runs]), tuple(int(v) for v in answer), None


def run_shapely(polys, pts, runs):
    import csv
    import numpy as np
    import shapely
    t0 = time.perf_counter()
    with open(polys) as f:
        rows = list(csv.reader(f, delimiter=";"))[1:]
    geoms = shapely.from_wkt([r[1] for r in rows])
    data = np.loadtxt(pts, delimiter=",", skiprows=1)
    load = time.perf_counter() - t0
    best, answer = float("inf"), None
    for _ in range(runs):
        t0 = time.perf_counter()
        points = shapely.points(data[:, 1], data[:, 2])
        tree = shapely.STRtree(geoms)
        # Pairs (point, polygon) with the point within the polygon, as geopandas' sjoin asks.
        pairs = tree.query(points, predicate="within")
        counts = np.bincount(pairs[1], minlength=len(geoms))
        best = min(best, time.perf_counter() - t0)
        answer = (int((counts > 0).sum()), int(counts.sum()))
    return load, best, answer


def run_duckdb(polys, pts, runs):
    import duckdb
    con = duckdb.connect()
    try:
        con.execute("INSTALL spatial; LOAD spatial;")
    except Exception as e:
        return None, None, None, "spatial extension not installed (" + str(e).splitlines()[0][:50] + ")"
    t0 = time.perf_counter()
    con.execute(f"CREATE TABLE polys AS SELECT pid, ST_GeomFromText(wkt) AS wkt FROM read_csv('{polys}', delim=';')")
    con.execute(f"CREATE TABLE pts AS SELECT * FROM read_csv('{pts}')")
    load = time.perf_counter() - t0
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        con.execute(f"CREATE OR REPLACE TABLE ans AS {SQL}")
        best = min(best, time.perf_counter() - t0)
    return load, best, tuple(con.execute("SELECT count(*), sum(n) FROM ans").fetchone()), None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--carnet", default=os.path.join(os.path.dirname(HERE), ".build", "release", "carnet"))
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--polygons", type=int, default=35_000)
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=2)
    args = ap.parse_args()
    polys, pts = ensure_data(os.path.join(args.data_dir, "spatial"), args.polygons, args.points)
    cl, ct, ca, ce = run_carnet(args.carnet, polys, pts, args.runs)
    sl, st, sa = run_shapely(polys, pts, args.runs)
    dl, dt, da, de = run_duckdb(polys, pts, args.runs)
    fmt = lambda v: f"{v:.3f}" if v is not None else "-"
    print(f"Points per polygon: {args.points:,} points × {args.polygons:,} polygons.\n")
    print("| tool | load s | join s | polygons with points | pairs | check |")
    print("|---|---:|---:|---:|---:|---|")
    print(f"| Carnet | {fmt(cl)} | {fmt(ct)} | {ca[0] if ca else '-'} | {ca[1] if ca else '-'} | {'error: ' + ce if ce else ('ok' if ca == sa else 'differs')} |")
    print(f"| shapely 2 STRtree | {fmt(sl)} | {fmt(st)} | {sa[0]} | {sa[1]} | oracle |")
    print(f"| DuckDB spatial | {fmt(dl)} | {fmt(dt)} | {da[0] if da else '-'} | {da[1] if da else '-'} | {de or ('ok' if da == sa else 'differs')} |")
    if ct and st:
        print(f"\nCarnet / shapely: {ct / st:.2f}×" + (f", Carnet / DuckDB: {ct / dt:.2f}×" if dt else ""))


if __name__ == "__main__":
    main()
