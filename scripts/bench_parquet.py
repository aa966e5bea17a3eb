#!/usr/bin/env python3
"""Time loading a Parquet file (and the same data as CSV): Carnet against DuckDB, polars and pyarrow.

Run through scripts/bench-parquet (a venv with the peers).  DuckDB writes a deterministic
open-data-like table once (Parquet with its defaults: snappy; then the same rows as a comma CSV
with a header) into --data-dir, where later runs reuse it.  Every measure is a fresh child
process (bench.py's measure: wall time and the child's own peak RSS from wait4) that loads the
file and runs `SELECT count(*), sum(montant) FROM t`; the answer is checked against the one
DuckDB computed from the Parquet file when it was written.
"""
import argparse, json, os, re, subprocess, sys, time
from decimal import Decimal, InvalidOperation
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no scripts/__pycache__ left behind by the import below
import bench  # noqa: E402  (measure, count)

GEN_VERSION = 2  # bump when the generator changes, so cached files are rebuilt
QUERY = "SELECT count(*), sum(montant) FROM t"

# The table, from range() and integer arithmetic only (no random(), no hash()), so the same
# --rows always gives the same bytes whatever the thread count.  Each column draws from its own
# stream r_j = (x² + j) mod (2^31 - 1) with x = (a_j·i + j) mod (2^31 - 1): the square breaks
# the straight lines a bare multiplier leaves between consecutive rows.
MULTIPLIERS = (48271, 69621, 16807, 39373, 40692, 950706376, 742938285, 1583458089, 784588716,
               1226874159, 62089911)
NOUNS = ("Entretien Achat Subvention Travaux Location Fourniture Maintenance Réparation Étude "
         "Prestation Nettoyage Aménagement Acquisition Contrat Honoraires Frais Cotisation "
         "Remboursement Participation Indemnité Assurance Transport Formation Restauration "
         "Animation Contrôle Installation Rénovation Démolition Vérification Abonnement Impression "
         "Reliure Gardiennage Déneigement Élagage Fauchage Signalisation Dératisation "
         "Consommation").split()
COMPLEMENTS = ["voirie communale", "bâtiments scolaires", "éclairage public", "espaces verts",
               "de l'église", "cantine scolaire", "salle des fêtes", "stade municipal",
               "médiathèque", "cimetière", "crèche", "mairie", "réseau d'eau potable",
               "assainissement", "piscine intercommunale", "gymnase", "parc automobile",
               "logements sociaux", "marché hebdomadaire", "office de tourisme",
               "centre de loisirs", "fournitures, petit équipement", "foyer rural",
               "ateliers municipaux", "aire de jeux"]
assert len(NOUNS) == 40 and len(COMPLEMENTS) == 25  # 1,000 distinct libellés


def sql_list(words):
    return "[" + ", ".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def table_sql(rows):
    p = 2147483647
    streams = ", ".join(f"((({a} * i + {j}) % {p}) * (({a} * i + {j}) % {p}) + {j}) % {p} AS r{j}"
                        for j, a in enumerate(MULTIPLIERS))
    # 35,000 commune slots: department = slot mod 100 (01-95, 20 split into 2A/2B; 96-99 are
    # 971-974 overseas, 2-digit commune numbers), commune number = slot div 100 (1-350).
    d, n = "(r0 % 35000 % 100)", "(r0 % 35000 // 100)"
    code = (f"CASE WHEN {d} = 19 THEN (CASE WHEN {n} % 2 = 0 THEN '2A' ELSE '2B' END) || lpad(({n} // 2 + 1)::VARCHAR, 3, '0') "
            f"WHEN {d} >= 95 THEN '97' || ({d} - 94)::VARCHAR || lpad(({n} % 99 + 1)::VARCHAR, 2, '0') "
            f"ELSE lpad(({d} + 1)::VARCHAR, 2, '0') || lpad(({n} + 1)::VARCHAR, 3, '0') END")
    # Amounts spread over magnitudes: cents below 10^(3..8), i.e. up to 10 € .. 1,000,000 €;
    # one in 50 negative (cancellations).
    cents = "(r2 % (10 ** (3 + r3 % 6))::BIGINT)"
    return f"""
    WITH ids AS (SELECT range AS i FROM range({rows})), mix AS (SELECT i, {streams} FROM ids)
    SELECT
        i + 1 AS id,
        {code} AS code_commune,
        CASE WHEN r4 % 20 = 3 THEN NULL
             ELSE list_extract({sql_list(NOUNS)}, r1 % 1000 // 25 + 1) || ' ' || list_extract({sql_list(COMPLEMENTS)}, r1 % 25 + 1)
        END AS libelle,
        CASE WHEN r5 % 20 = 0 THEN NULL
             ELSE CAST(CAST(CASE WHEN r6 % 50 = 0 THEN -{cents} ELSE {cents} END AS DECIMAL(14,2)) * 0.01 AS DECIMAL(12,2))
        END AS montant,
        CAST(1 + r7 % 500 AS INTEGER) AS quantite,
        round(r8 / {p}.0, 6) AS ratio,
        DATE '2015-01-01' + CAST(r9 % 3653 AS INTEGER) AS date_acte,
        r10 % 10 < 8 AS actif
    FROM mix"""


GEN_CHILD = r'''
import json, os, sys, duckdb
sql, parquet, csv = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")  # the bar would go to stdout
con.execute(f"COPY ({sql}) TO '{parquet}.part' (FORMAT parquet)")
con.execute(f"COPY (SELECT * FROM read_parquet('{parquet}.part')) TO '{csv}.part' (FORMAT csv, HEADER, DELIMITER ',')")
n, total, codes, libs, null_lib, null_m = con.execute(f"""SELECT count(*), sum(montant)::VARCHAR,
    count(DISTINCT code_commune), count(DISTINCT libelle), count(*) - count(libelle), count(*) - count(montant)
    FROM read_parquet('{parquet}.part')""").fetchone()
os.replace(parquet + ".part", parquet)
os.replace(csv + ".part", csv)
print(json.dumps({"count": n, "sum": total, "codes": codes, "libelles": libs,
                  "null_libelle": null_lib, "null_montant": null_m}))
'''


def ensure_files(data_dir, rows):
    """The Parquet and CSV files for `rows`, written once; returns (parquet, csv, meta)."""
    stem = os.path.join(data_dir, f"opendata-{rows}")
    parquet, csv, meta_path = stem + ".parquet", stem + ".csv", stem + ".meta"
    try:
        with open(meta_path) as f:
            meta = json.load(f)
        if (meta.get("version") == GEN_VERSION and meta.get("rows") == rows
                and meta.get("bytes") == [os.path.getsize(parquet), os.path.getsize(csv)]):
            return parquet, csv, meta
    except (OSError, ValueError):
        pass
    print(f"generating {parquet} and .csv with DuckDB ...", end=" ", flush=True)
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", GEN_CHILD, table_sql(rows), parquet, csv],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"\ngeneration failed:\n{out.stderr.strip()}")
    meta = json.loads(out.stdout.strip().splitlines()[-1])
    meta.update(version=GEN_VERSION, rows=rows, seconds=round(time.perf_counter() - t0, 1),
                bytes=[os.path.getsize(parquet), os.path.getsize(csv)])
    with open(meta_path, "w") as f:
        json.dump(meta, f)
    print(f"{meta['seconds']} s; parquet {meta['bytes'][0] / 1e6:.0f} MB, csv {meta['bytes'][1] / 1e6:.0f} MB", flush=True)
    return parquet, csv, meta


# Each peer child loads into memory (timed: LOAD_S), then answers the query (QUERY_S) and
# prints COUNT and SUM.  CSV peers get the types the Parquet file carries for the two columns
# a sniffer could get wrong (codes that look numeric, money as DECIMAL rather than DOUBLE).
DUCKDB_CHILD = r'''
import sys, time, duckdb
path, kind = sys.argv[1:3]
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
src = (f"read_parquet('{path}')" if kind == "parquet" else
       f"read_csv('{path}', header=true, delim=',', types={{'code_commune': 'VARCHAR', 'montant': 'DECIMAL(12,2)'}})")
t0 = time.perf_counter()
con.execute(f"CREATE TABLE t AS SELECT * FROM {src}")
t1 = time.perf_counter()
n, s = con.execute("SELECT count(*), sum(montant) FROM t").fetchone()
print(f"LOAD_S={t1 - t0:.4f} QUERY_S={time.perf_counter() - t1:.4f}\nCOUNT={n}\nSUM={s}")
'''
POLARS_CHILD = r'''
import sys, time, polars as pl
path, kind = sys.argv[1:3]
t0 = time.perf_counter()
df = (pl.read_parquet(path) if kind == "parquet" else
      pl.read_csv(path, schema_overrides={"code_commune": pl.String, "montant": pl.Decimal(12, 2)}, try_parse_dates=True))
t1 = time.perf_counter()
n, s = df.select(pl.len(), pl.col("montant").sum()).row(0)
print(f"LOAD_S={t1 - t0:.4f} QUERY_S={time.perf_counter() - t1:.4f}\nCOUNT={n}\nSUM={s}")
'''
PYARROW_CHILD = r'''
import sys, time, pyarrow.parquet as pq, pyarrow.compute as pc
path = sys.argv[1]
t0 = time.perf_counter()
t = pq.read_table(path)
t1 = time.perf_counter()
n, s = t.num_rows, pc.sum(t["montant"]).as_py()
print(f"LOAD_S={t1 - t0:.4f} QUERY_S={time.perf_counter() - t1:.4f}\nCOUNT={n}\nSUM={s}")
'''


def parse_answer(tool, out, err):
    """(count, sum text, load s, query s) from a child's output; None where absent."""
    if tool == "carnet":
        # --csv: the query result is a header line then "count,sum"; `set timer on` prints
        # each command's run time on stderr: set, load, query.
        line = next((l for l in reversed(out.splitlines()) if re.fullmatch(r"\s*-?\d+,.*", l)), "")
        n, _, s = line.strip().partition(",")
        times = [float(t) for t in re.findall(r"run time: ([\d.]+) s", err)]
        return (int(n) if n else None, s.strip('"') or None,
                times[1] if len(times) > 1 else None, times[2] if len(times) > 2 else None)
    n = re.search(r"^COUNT=(\d+)$", out, re.M)
    s = re.search(r"^SUM=(.*)$", out, re.M)
    t = re.search(r"LOAD_S=([\d.]+) QUERY_S=([\d.]+)", out)
    return (int(n.group(1)) if n else None, s.group(1).strip() if s else None,
            float(t.group(1)) if t else None, float(t.group(2)) if t else None)


def check(n, s, meta):
    if n is None or s is None:
        return "?"
    try:
        got, want = Decimal(s), Decimal(meta["sum"])
    except InvalidOperation:
        return f"MISMATCH (sum {s!r})"
    if n != meta["count"]:
        return f"MISMATCH (count {n:,})"
    if got == want:
        return "ok"
    if abs(got - want) <= abs(want) * Decimal("1e-12"):  # a float sum, right to 12 digits
        return "ok (float)"
    return f"MISMATCH (sum {s})"


def run_tool(tool, argv, runs, slow_after, meta):
    """Best wall and load+query times over `runs` fresh processes (one only when the first
    run is slower than `slow_after` s), max peak RSS; returns a dict for the table."""
    res = {"wall": None, "load": None, "query": None, "rss": 0.0, "rows": None, "check": "", "runs": 0}
    best = lambda old, new: new if old is None else (old if new is None else min(old, new))
    for i in range(runs):
        wall, rss, rc, out, err = bench.measure(argv)
        if rc != 0:
            tail = (err.strip() or out.strip()).splitlines()[-3:]
            print(f"  {tool} failed (exit {rc}): " + " | ".join(tail), file=sys.stderr)
            res.update(check=f"FAIL (exit {rc})", rss=max(res["rss"], rss))
            return res
        n, s, load, query = parse_answer(tool, out, err)
        res.update(wall=best(res["wall"], wall), load=best(res["load"], load), query=best(res["query"], query),
                   rss=max(res["rss"], rss), rows=n, runs=i + 1)
        verdict = check(n, s, meta)
        if res["check"] in ("", "ok", "ok (float)"):
            res["check"] = verdict
        if wall > slow_after:
            break
    return res


def fmt(x, spec=".2f"):
    return "-" if x is None else format(x, spec)


def print_markdown(results):
    head = ["tool", "input", "wall s", "load s", "query s", "peak RSS MB", "rows", "runs", "check"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---", "---"] + ["---:"] * 6 + ["---"]) + "|")
    for tool, kind, r in results:
        print("| " + " | ".join([tool, kind, fmt(r["wall"]), fmt(r["load"]), fmt(r["query"], ".3f"),
                                 f"{r['rss']:.0f}", fmt(r["rows"], ","), str(r["runs"]), r["check"]]) + " |")


def ratio(a, b, unit=""):
    return "-" if not a or not b else f"{a / b:.2f}×{unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=bench.count, default=10_000_000, help="row count (10000000, 10M, 200k)")
    ap.add_argument("--carnet", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                    ".build", "release", "carnet"))
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and input: best wall time, max peak RSS")
    ap.add_argument("--slow-after", type=float, default=60.0,
                    help="a tool whose run takes longer than this many seconds runs only once")
    ap.add_argument("--peers-only", action="store_true", help="skip Carnet (no binary needed)")
    ap.add_argument("--tools", default="carnet,duckdb,polars,pyarrow", help="comma-separated subset")
    ap.add_argument("--inputs", default="parquet,csv", help="comma-separated subset of parquet, csv")
    args = ap.parse_args()
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    inputs = [k.strip() for k in args.inputs.split(",") if k.strip()]
    if bad := [t for t in tools if t not in ("carnet", "duckdb", "polars", "pyarrow")] + \
              [k for k in inputs if k not in ("parquet", "csv")]:
        ap.error(f"unknown tool(s) or input(s): {bad}")
    if args.peers_only:
        tools = [t for t in tools if t != "carnet"]
    if "carnet" in tools and not os.access(args.carnet, os.X_OK):
        print(f"bench-parquet: no Carnet binary at {args.carnet}: build it first with `swift build -c release` "
              "(or pass --peers-only)", file=sys.stderr)
        sys.exit(1)

    py = sys.executable
    vers = subprocess.run([py, "-c", "import sys, duckdb, polars, pyarrow; "
                                     "print(duckdb.__version__, polars.__version__, pyarrow.__version__, sys.version.split()[0])"],
                          capture_output=True, text=True, check=True).stdout.split()
    carnet_version = ""
    if "carnet" in tools:
        v = subprocess.run([args.carnet, "--version"], capture_output=True, text=True)
        carnet_version = f"carnet {(v.stdout or v.stderr).strip()}, "
    print(f"{carnet_version}duckdb {vers[0]}, polars {vers[1]}, pyarrow {vers[2]}, python {vers[3]}; "
          f"cores: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))})")
    print(f"runs per tool and input: {args.runs} (1 when a run exceeds {args.slow_after:g} s); best wall, max RSS; "
          "files are in the page cache (warm reads)")
    print(f"RSS floor (≈ an empty child via the measuring wrapper): {bench.measure(['true'])[1]:.0f} MB")

    os.makedirs(args.data_dir, exist_ok=True)
    parquet, csv, meta = ensure_files(args.data_dir, args.rows)
    print(f"data: {meta['rows']:,} rows; {parquet} {meta['bytes'][0] / 1e6:.1f} MB, {csv} {meta['bytes'][1] / 1e6:.1f} MB "
          f"(generated in {meta['seconds']} s); {meta['codes']:,} codes_commune, {meta['libelles']:,} libellés, "
          f"NULL libelle {meta['null_libelle']:,}, NULL montant {meta['null_montant']:,}")
    print(f"query: {QUERY}; DuckDB's answer from the Parquet file: count {meta['count']:,}, sum {meta['sum']}")
    for path in (parquet, csv):  # warm the page cache so the first tool is not penalised
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass

    files = {"parquet": parquet, "csv": csv}
    script = lambda p: f"set timer on; load '{p}' as t; {QUERY}"
    argv = {
        "carnet": lambda k: [args.carnet, "--csv", "-c", script(files[k])],
        "duckdb": lambda k: [py, "-c", DUCKDB_CHILD, files[k], k],
        "polars": lambda k: [py, "-c", POLARS_CHILD, files[k], k],
        "pyarrow": lambda k: [py, "-c", PYARROW_CHILD, files[k]] if k == "parquet" else None,
    }
    results = []
    for kind in inputs:
        for tool in tools:
            if (cmd := argv[tool](kind)) is None:
                continue
            print(f"  running {tool} on {os.path.basename(files[kind])} ...", file=sys.stderr, flush=True)
            results.append((tool, kind, run_tool(tool, cmd, args.runs, args.slow_after, meta)))

    print()
    print_markdown(results)
    get = {(t, k): r for t, k, r in results}
    lines = []
    for kind in inputs:
        c, d = get.get(("carnet", kind)), get.get(("duckdb", kind))
        if c and d:
            lines.append(f"- Carnet / DuckDB, {kind}: wall {ratio(c['wall'], d['wall'])}, "
                         f"load {ratio(c['load'], d['load'])}, peak RSS {ratio(c['rss'], d['rss'])}")
    p, c = get.get(("carnet", "parquet")), get.get(("carnet", "csv"))
    if p and c:
        lines.append(f"- Carnet parquet / Carnet CSV: wall {ratio(p['wall'], c['wall'])}, "
                     f"load {ratio(p['load'], c['load'])}, peak RSS {ratio(p['rss'], c['rss'])}")
    if lines:
        print()
        print("\n".join(lines))
    print()
    print("wall s: the whole process (start-up, imports, load, query); load s / query s: as the tool timed them "
          "(Carnet: `set timer on`)")


if __name__ == "__main__":
    main()
