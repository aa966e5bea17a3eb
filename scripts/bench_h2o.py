#!/usr/bin/env python3
"""H2O db-benchmark: groupby q1-q10 and join j1-j5 on the data of `falsa` (the H2O generator
ported to Rust), timed for Carnet, DuckDB and polars in one run, side by side.

- Data: `falsa groupby --size SMALL` (1e7 rows, 100 groups) and `falsa join --size SMALL`, as
  Parquet, generated once into --data-dir/h2o. falsa 0.0.6 writes the join's x with 10 rows:
  it is rebuilt from the big table's 1e7 rows (v2 as v1), so x and big share their keys.
- Queries: the SQL of duckdblabs/db-benchmark (duckdb/groupby-duckdb.R, join-duckdb.R), each
  answer kept as a table (`let ans = …` in Carnet, CREATE TABLE ans AS … in DuckDB, an eager
  DataFrame in polars); `pow(corr(v1, v2), 2)` is written corr(v1, v2) * corr(v1, v2).
- Each answer is checked against DuckDB's by a checksum: its row count and the sum of its
  measure columns (to a relative 1e-6), as db-benchmark does; DuckDB's NaN (corr of a constant
  column) counts as Carnet's NULL.
- Times: Carnet's `set timer on` per statement (best of --runs in one process); DuckDB and
  polars best of --runs; all on tables already in memory (load times printed apart).
"""
import argparse, os, re, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_tpch import ANSI_RE, ERROR_RE, RUNTIME_RE  # noqa: E402

GROUPBY = {
    "q1": ("SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1", ["v1"]),
    "q2": ("SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2", ["v1"]),
    "q3": ("SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3", ["v1", "v3"]),
    "q4": ("SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4", ["v1", "v2", "v3"]),
    "q5": ("SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6", ["v1", "v2", "v3"]),
    "q6": ("SELECT id4, id5, quantile_cont(v3, 0.5) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5", ["median_v3", "sd_v3"]),
    "q7": ("SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3", ["range_v1_v2"]),
    "q8": ("SELECT id6, v3 AS largest2_v3 FROM (SELECT id6, v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3 "
           "FROM x WHERE v3 IS NOT NULL) AS sub_query WHERE order_v3 <= 2", ["largest2_v3"]),
    "q9": ("SELECT id2, id4, corr(v1, v2) * corr(v1, v2) AS r2 FROM x GROUP BY id2, id4", ["r2"]),
    "q10": ("SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x GROUP BY id1, id2, id3, id4, id5, id6", ["v3", "count"]),
}
JOIN = {
    "j1": ("SELECT x.*, small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)", ["v1", "v2"]),
    "j2": ("SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x JOIN medium USING (id2)", ["v1", "v2"]),
    "j3": ("SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x LEFT JOIN medium USING (id2)", ["v1", "v2"]),
    "j4": ("SELECT x.*, medium.id1 AS medium_id1, medium.id2 AS medium_id2, medium.id4 AS medium_id4, v2 FROM x JOIN medium USING (id5)", ["v1", "v2"]),
    "j5": ("SELECT x.*, big.id1 AS big_id1, big.id2 AS big_id2, big.id4 AS big_id4, big.id5 AS big_id5, big.id6 AS big_id6, v2 FROM x JOIN big USING (id3)", ["v1", "v2"]),
}
FILES = {"groupby": {"x": "G1_1e7_1e7_100_0.parquet"},
         "join": {"x": "J1_1e7_NA_0.parquet", "small": "J1_1e7_1e1_0.parquet", "medium": "J1_1e7_1e4_0.parquet", "big": "J1_1e7_1e7_NA.parquet"}}


def ensure_data(folder):
    os.makedirs(folder, exist_ok=True)
    falsa = os.path.join(os.path.dirname(sys.executable), "falsa")
    for task, files in FILES.items():
        if all(os.path.exists(os.path.join(folder, f)) for f in files.values()):
            continue
        print(f"bench-h2o: generating the {task} data with falsa (1e7 rows) ...", file=sys.stderr)
        subprocess.run([falsa, task, "--path-prefix", folder, "--size", "SMALL", "--data-format", "PARQUET"],
                       check=True, stdout=subprocess.DEVNULL)
    # falsa 0.0.6 writes the join's left table (x) with 10 rows instead of 1e7 (its big table
    # has them): x is then big's rows, v2 named v1, so that j1-j5 join 1e7 rows as in H2O.
    import duckdb
    x, big = (os.path.join(folder, FILES["join"][t]) for t in ("x", "big"))
    if duckdb.sql(f"SELECT count(*) FROM read_parquet('{x}')").fetchall()[0][0] < 1000:
        print("bench-h2o: falsa's x has too few rows; rebuilding it from the big table ...", file=sys.stderr)
        duckdb.sql(f"COPY (SELECT id1, id2, id3, id4, id5, id6, v2 AS v1 FROM read_parquet('{big}')) TO '{x}.tmp' (FORMAT parquet)")
        os.replace(x + ".tmp", x)


def checksum_sql(measures, nan_as_null=False):
    """Row count and measure sums of the answer. DuckDB gives NaN where Carnet gives NULL
    (corr over a constant column, q9): its NaNs are left out of its sums."""
    term = (lambda m: f"sum(CASE WHEN isnan(CAST({m} AS DOUBLE)) THEN NULL ELSE {m} END)") if nan_as_null else (lambda m: f"sum({m})")
    return "SELECT count(*) AS n, " + ", ".join(f"{term(m)} AS s_{m}" for m in measures) + " FROM ans"


def run_carnet(binary, folder, task, queries, runs):
    """One Carnet process: loads, then per query `runs` × (let ans = …), then its checksum."""
    statements = [("set", None, "set timer on;")]
    statements += [("load", t, f"load '{os.path.join(folder, f)}' as {t};") for t, f in FILES[task].items()]
    for name, (sql, measures) in queries.items():
        for _ in range(runs):
            statements.append(("query", name, f"let ans = {sql};"))
        statements.append(("check", name, checksum_sql(measures) + ";"))
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "script.txt")
        with open(script, "w") as f:
            f.write("".join(s + "\n" for _, _, s in statements))
        with open(script, "rb") as i:
            proc = subprocess.run([binary, "--csv"], stdin=i, capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    err = ANSI_RE.sub("", proc.stderr.decode("utf-8", "replace"))
    events = []
    for line in err.splitlines():
        if m := RUNTIME_RE.match(line):
            events.append(("time", float(m.group(1))))
        elif m := ERROR_RE.match(line):
            events.append(("error", m.group(2).strip()))
    # Checksum answers: the CSV blocks on stdout, one header line and one row each.
    lines = [l for l in proc.stdout.decode("utf-8", "replace").splitlines() if l and not l.startswith("n,")]
    loads, times, errors, sums = {}, {}, {}, {}
    checks = iter(lines)
    for (kind, key, _), ev in zip(statements, events):
        if kind == "load":
            loads[key] = ev[1] if ev[0] == "time" else None
        elif kind == "query":
            if ev[0] == "time":
                times[key] = min(times.get(key, float("inf")), ev[1])
            else:
                errors[key] = ev[1]
        elif kind == "check" and ev[0] == "time":
            row = next(checks, "")
            if key not in errors:
                sums[key] = [float(v) if v else 0.0 for v in row.split(",")]
    return loads, times, errors, sums


def run_duckdb(folder, task, queries, runs):
    import duckdb
    con = duckdb.connect()
    loads, times, sums = {}, {}, {}
    for t, f in FILES[task].items():
        t0 = time.perf_counter()
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet('{os.path.join(folder, f)}')")
        loads[t] = time.perf_counter() - t0
    for name, (sql, measures) in queries.items():
        best = float("inf")
        for _ in range(runs):
            t0 = time.perf_counter()
            con.execute(f"CREATE OR REPLACE TABLE ans AS {sql}")
            best = min(best, time.perf_counter() - t0)
        times[name] = best
        sums[name] = [float(v or 0) for v in con.execute(checksum_sql(measures, nan_as_null=True)).fetchone()]
    return loads, times, sums


def run_polars(folder, task, queries, runs):
    try:
        import polars as pl
    except ImportError:
        return {}, {}, {}
    ctx = pl.SQLContext()
    loads, times, errors = {}, {}, {}
    for t, f in FILES[task].items():
        t0 = time.perf_counter()
        ctx.register(t, pl.read_parquet(os.path.join(folder, f)))
        loads[t] = time.perf_counter() - t0
    for name, (sql, _) in queries.items():
        try:
            best = float("inf")
            for _ in range(runs):
                t0 = time.perf_counter()
                ctx.execute(sql, eager=True)
                best = min(best, time.perf_counter() - t0)
            times[name] = best
        except Exception as e:  # polars' SQL lacks some forms: shown as not run
            errors[name] = str(e).splitlines()[0][:60]
    return loads, times, errors


def same(a, b):
    return len(a) == len(b) and all(abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--carnet", default=os.path.join(os.path.dirname(HERE), ".build", "release", "carnet"))
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--runs", type=int, default=2, help="runs per query and tool (best time)")
    ap.add_argument("--tasks", default="groupby,join")
    ap.add_argument("--tools", default="carnet,duckdb,polars")
    args = ap.parse_args()
    folder = os.path.join(args.data_dir, "h2o")
    ensure_data(folder)
    tools = args.tools.split(",")
    print("| task | query | Carnet s | DuckDB s | polars s | Carnet / DuckDB | Carnet / polars | check |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    totals = {"carnet": 0.0, "duckdb": 0.0, "polars": 0.0}
    load_lines = []
    for task in args.tasks.split(","):
        queries = GROUPBY if task == "groupby" else JOIN
        cl, ct, ce, cs = run_carnet(args.carnet, folder, task, queries, args.runs) if "carnet" in tools else ({}, {}, {}, {})
        dl, dt, ds = run_duckdb(folder, task, queries, args.runs)
        pl_, pt, pe = run_polars(folder, task, queries, args.runs) if "polars" in tools else ({}, {}, {})
        load_lines.append((task, sum(v for v in cl.values() if v), sum(dl.values()), sum(pl_.values())))
        for name in queries:
            c, d, p = ct.get(name), dt.get(name), pt.get(name)
            check = ("error: " + ce[name][:50]) if name in ce else ("ok" if name in cs and same(cs[name], ds[name]) else "differs" if name in cs else "-")
            for tool, v in (("carnet", c), ("duckdb", d), ("polars", p)):
                if v is not None and (c is not None or tool != "carnet"):
                    totals[tool] += v
            fmt = lambda v: f"{v:.3f}" if v is not None else "-"
            ratio = lambda a, b: f"{a / b:.1f}×" if a is not None and b else "-"
            print(f"| {task} | {name} | {fmt(c)} | {fmt(d)} | {fmt(p) if name not in pe else 'n/a'} | {ratio(c, d)} | {ratio(c, p)} | {check} |")
    print()
    print("| task | load Carnet s | load DuckDB s | load polars s |")
    print("|---|---:|---:|---:|")
    for task, c, d, p in load_lines:
        print(f"| {task} | {c:.2f} | {d:.2f} | {p:.2f} |")
    print(f"\nIn all: Carnet {totals['carnet']:.2f} s, DuckDB {totals['duckdb']:.2f} s, polars {totals['polars']:.2f} s.")


if __name__ == "__main__":
    main()
