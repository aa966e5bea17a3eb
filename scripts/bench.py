#!/usr/bin/env python3
"""Compare Carnet's CSV load with DuckDB's and polars' on the same budget-like files.

Run through scripts/bench, which provides a venv with duckdb and polars.  This
process itself uses only the standard library: each measured run is a fresh
child process, so interpreter start-up, imports and memory never leak from one
measure into the next, and peak RSS is the child's own (os.wait4).
"""
import argparse, itertools, json, os, random, re, subprocess, sys, tempfile, time
from datetime import date, timedelta
from pathlib import Path

VARIANTS = {  # name -> (delimiter, decimal mark, thousands separator, date format)
    "semicolon-comma": (";", ",", " ", "%d/%m/%Y"),
    "comma-dot": (",", ".", "", "%Y-%m-%d"),
}
COLUMNS = "exercice;section;sens;chapitre;libelle;nature;fonction;montant;date_mandat".split(";")
GEN_VERSION = 1  # bump when the generator changes, so cached files are rebuilt

# Real M57 chapters: code|label|section (F/I)|sens (D, R or DR)|weight|nature prefix.
# Labels carry accents, apostrophes and commas (the latter force quoting in comma-dot).
CHAPTERS = """011|Charges à caractère général|F|D|20|606
012|Charges de personnel et frais assimilés|F|D|15|641
014|Atténuations de produits|F|D|2|739
022|Dépenses imprévues|F|D|1|022
023|Virement à la section d'investissement|F|D|1|023
042|Opérations d'ordre de transfert entre sections|F|DR|2|675
65|Autres charges de gestion courante|F|D|10|657
656|Frais de fonctionnement des groupes d'élus|F|D|1|656
66|Charges financières|F|D|2|661
67|Charges spécifiques|F|D|1|673
68|Dotations aux amortissements, dépréciations et provisions|F|D|2|681
002|Résultat de fonctionnement reporté|F|DR|1|002
013|Atténuations de charges|F|R|2|6419
70|Produits des services, du domaine et ventes diverses|F|R|6|706
73|Impôts et taxes|F|R|4|732
731|Fiscalité locale|F|R|4|7311
74|Dotations et participations|F|R|5|744
75|Autres produits de gestion courante|F|R|3|752
76|Produits financiers|F|R|1|761
77|Produits spécifiques|F|R|1|775
78|Reprises sur amortissements, dépréciations et provisions|F|R|1|781
001|Solde d'exécution de la section d'investissement reporté|I|DR|1|001
020|Dépenses imprévues|I|D|1|020
021|Virement de la section de fonctionnement|I|R|1|021
024|Produits des cessions d'immobilisations|I|R|1|024
040|Opérations d'ordre de transfert entre sections|I|DR|2|281
041|Opérations patrimoniales|I|DR|1|238
10|Dotations, fonds divers et réserves|I|DR|2|102
13|Subventions d'investissement|I|DR|3|132
15|Provisions pour risques et charges|I|DR|1|151
16|Emprunts et dettes assimilées|I|DR|3|164
18|Compte de liaison : affectation|I|DR|1|181
20|Immobilisations incorporelles|I|D|3|202
204|Subventions d'équipement versées|I|D|3|2041
21|Immobilisations corporelles|I|D|8|215
22|Immobilisations reçues en affectation|I|D|1|221
23|Immobilisations en cours|I|D|5|231
26|Participations et créances rattachées à des participations|I|D|1|261
27|Autres immobilisations financières|I|DR|1|276
45|Opérations pour compte de tiers|I|DR|1|458"""
# M57 functional codes; the leading zeros make the column text, not integers.
FONCTIONS = ("01 020 021 022 023 024 025 026 11 12 18 20 21 211 212 213 22 23 25 28 30 "
             "311 312 313 314 32 33 40 41 411 412 42 50 51 52 53 60 61 62 63 64 70 71 72 "
             "73 74 75 76 81 811 812 813 82 821 822 83 84 90 91 93").split()


def generate(path, rows, variant, seed=57):
    """Write `rows` deterministic rows.  The same seed for both variants means
    both files hold the same logical data, only spelled differently."""
    sep, dec, thou, datefmt = VARIANTS[variant]
    rng = random.Random(seed)
    q = lambda s: '"' + s.replace('"', '""') + '"' if (sep in s or '"' in s) else s
    stems, weights = [], []  # "section;sens;chapitre;libelle;nature", without the year
    for line in CHAPTERS.splitlines():
        code, label, sec, senses, weight, base = line.split("|")
        natures = {base + "".join(rng.choices("0123456789", k=max(0, n - len(base))))
                   for n in (4, 5, 5, 6, 6, 6)}
        for sens in senses:
            for nat in sorted(natures):
                stems.append(sep.join([{"F": "Fonctionnement", "I": "Investissement"}[sec],
                                       {"D": "Dépense", "R": "Recette"}[sens], code, q(label), nat]))
                weights.append(int(weight))
    years = (2022, 2023, 2024)
    prefix = {y: [f"{y}{sep}{s}" for s in stems] for y in years}
    days = [date(2022, 1, 1) + timedelta(d) for d in range((date(2025, 1, 1) - date(2022, 1, 1)).days)]
    day_text = [d.strftime(datefmt) for d in days]
    day_year = [d.year for d in days]  # date_mandat always falls within its exercice

    # Formatting money per row would dominate generation time; a pool of 2^20
    # log-uniform amounts (1,00 .. 10 000 000,00) is plenty of distinct values.
    def money(cents):
        euros = f"{cents // 100:,}".replace(",", thou)
        return f"{euros}{dec}{cents % 100:02d}"
    pool = [money(int(10 ** (2 + 7 * rng.random()))) for _ in range(1 << 20)]

    cum = list(itertools.accumulate(weights))
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(sep.join(COLUMNS) + "\n")
        done = 0
        while done < rows:  # 250k-row chunks: a few big writes, bounded memory
            n = min(250_000, rows - done)
            D = rng.choices(range(len(days)), k=n)
            S = rng.choices(range(len(stems)), cum_weights=cum, k=n)
            F = rng.choices(FONCTIONS, k=n)
            M = rng.choices(pool, k=n)
            f.write("\n".join([f"{prefix[day_year[d]][s]}{sep}{fo}{sep}{m}{sep}{day_text[d]}"
                               for d, s, fo, m in zip(D, S, F, M)]) + "\n")
            done += n
    os.replace(tmp, path)
    with open(path + ".meta", "w") as f:  # lets later runs trust the cached file
        json.dump({"rows": rows, "bytes": os.path.getsize(path), "version": GEN_VERSION}, f)


def ensure_file(data_dir, rows, variant):
    path = os.path.join(data_dir, f"budget-{rows}-{variant}.csv")
    try:
        with open(path + ".meta") as f:
            meta = json.load(f)
        if meta == {"rows": rows, "bytes": os.path.getsize(path), "version": GEN_VERSION}:
            return path
    except (OSError, ValueError):
        pass
    print(f"generating {path} ...", end=" ", flush=True)
    t0 = time.perf_counter()
    generate(path, rows, variant)
    print(f"{time.perf_counter() - t0:.1f} s, {os.path.getsize(path) / 1e6:.0f} MB", flush=True)
    return path


# Peers get explicit options: neither can sniff a decimal comma, and the space
# thousands separator defeats both numeric parsers, so in semicolon-comma montant
# is read as text and converted inside the timed step.  Every tool ends with the
# same typed table: text codes, DECIMAL(18,2) money (polars: see --polars-money)
# and a DATE column.  Each child prints LOAD_S (load only, after imports) and ROWS.
DUCKDB_CHILD = r'''
import sys, time, duckdb
path, variant = sys.argv[1:3]
sc = variant == "semicolon-comma"
types = {"chapitre": "VARCHAR", "nature": "VARCHAR", "fonction": "VARCHAR",
         "montant": "VARCHAR" if sc else "DECIMAL(18,2)", "date_mandat": "DATE"}
money = "CAST(replace(replace(montant, ' ', ''), ',', '.') AS DECIMAL(18,2))" if sc else "montant"
con = duckdb.connect()
t0 = time.perf_counter()
con.execute(f"""CREATE TABLE t AS SELECT * REPLACE ({money} AS montant)
    FROM read_csv('{path}', delim='{";" if sc else ","}', decimal_separator='{"," if sc else "."}',
                  header=true, dateformat='{"%d/%m/%Y" if sc else "%Y-%m-%d"}', types={types!r})""")
dt = time.perf_counter() - t0
print(f"LOAD_S={dt:.4f} ROWS={con.execute('SELECT count(*) FROM t').fetchone()[0]}")
print("TYPES=" + ",".join(f"{r[0]}:{r[1]}" for r in con.execute("DESCRIBE t").fetchall()))
if sys.argv[-1] in ("group", "top"):
    t1 = time.perf_counter()
    con.execute({"group": "SELECT sens, chapitre, sum(montant) AS total FROM t GROUP BY sens, chapitre ORDER BY total DESC LIMIT 10",
                 "top": "SELECT * FROM t ORDER BY montant DESC LIMIT 10"}[sys.argv[-1]]).fetchall()
    print(f"QUERY_S={time.perf_counter() - t1:.4f}")
'''
POLARS_CHILD = r'''
import sys, time, polars as pl
path, variant, money = sys.argv[1:4]
sc = variant == "semicolon-comma"
mt = pl.Decimal(18, 2) if money == "decimal" else pl.Float64
t0 = time.perf_counter()
df = pl.read_csv(path, separator=";" if sc else ",", schema_overrides={
    "chapitre": pl.String, "nature": pl.String, "fonction": pl.String,
    "montant": pl.String if sc else mt, "date_mandat": pl.String if sc else pl.Date})
if sc:
    df = df.with_columns(
        pl.col("montant").str.replace_all(" ", "", literal=True).str.replace(",", ".", literal=True).cast(mt),
        pl.col("date_mandat").str.to_date("%d/%m/%Y"))
dt = time.perf_counter() - t0
print(f"LOAD_S={dt:.4f} ROWS={df.height}")
print("TYPES=" + ",".join(f"{k}:{v}" for k, v in df.schema.items()))
if sys.argv[-1] == "group":
    t1 = time.perf_counter()
    df.group_by(["sens", "chapitre"]).agg(pl.col("montant").sum().alias("total")).sort("total", descending=True).head(10)
    print(f"QUERY_S={time.perf_counter() - t1:.4f}")
if sys.argv[-1] == "top":
    t1 = time.perf_counter()
    df.top_k(10, by="montant")
    print(f"QUERY_S={time.perf_counter() - t1:.4f}")
'''


# Linux records the RSS of the image a process exec()s from into its ru_maxrss:
# a child forked straight from this (large, data-generating) process would
# inherit our RSS as its floor.  So each run goes through a tiny fresh
# interpreter that forks the target and reports the target's own rusage (wait4)
# and wall time (which thus excludes the wrapper's own start-up).
WRAPPER = r'''
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    f.write(f"{wall} {ru.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
'''


def measure(argv):
    """Run argv once; return (wall s, peak RSS MB, exit code, stdout, stderr)."""
    with tempfile.TemporaryDirectory() as tmp:
        res, out, err = (os.path.join(tmp, n) for n in ("res", "out", "err"))
        with open(out, "wb") as o, open(err, "wb") as e:
            subprocess.run([sys.executable, "-S", "-c", WRAPPER, res, *argv],
                           stdin=subprocess.DEVNULL, stdout=o, stderr=e)
        with open(res) as f:
            wall, rss_kb, rc = f.read().split()
        text = [Path(p).read_bytes().decode("utf-8", "replace") for p in (out, err)]
        return float(wall), int(rss_kb) / 1024, int(rc), *text


# "loaded t: 1,000,000 rows × 9 columns" -> 1000000; thousands may be split by
# ',', ' ', NBSP, narrow NBSP or thin space, depending on Carnet's locale.
ROWS_RE = re.compile(r"(\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+|\d+)\s*(?:rows?|lignes?)\b")
LOADED_RE = re.compile(r"loaded \w+: " + ROWS_RE.pattern)


QUERIES = {
    "group": "SELECT sens, chapitre, sum(montant) AS total FROM t GROUP BY sens, chapitre ORDER BY total DESC LIMIT 10",
    "top": "SELECT * FROM t ORDER BY montant DESC LIMIT 10",
}


def run_tool(tool, argv, repeat, expected):
    best_wall, best_load, best_query, peak, rows, types = None, None, None, 0.0, "?", ""
    for _ in range(repeat):
        wall, rss, rc, out, err = measure(argv)
        if rc != 0:
            tail = (err.strip() or out.strip()).splitlines()[-3:]
            print(f"  {tool} failed (exit {rc}): " + " | ".join(tail), file=sys.stderr)
            return [tool, "FAIL", "", "", f"{rss:.0f}", "", ""]
        best_wall = wall if best_wall is None else min(best_wall, wall)
        peak = max(peak, rss)
        if m := re.search(r"LOAD_S=([\d.]+) ROWS=(\d+)", out):
            load = float(m.group(1))
            best_load = load if best_load is None else min(best_load, load)
            rows = int(m.group(2))
        # Batch mode prints the load report on stderr (stdout holds results only).
        elif m := LOADED_RE.search(err) or ROWS_RE.search(out):
            rows = int(re.sub(r"\D", "", m.group(1)))
            # Carnet's `set timer on` prints each command's run time on stderr: set, load[, query].
            if times := re.findall(r"run time: ([\d.]+) s", err):
                load = float(times[1])
                best_load = load if best_load is None else min(best_load, load)
                if len(times) > 2:
                    best_query = float(times[2]) if best_query is None else min(best_query, float(times[2]))
        if m := re.search(r"QUERY_S=([\d.]+)", out):
            best_query = float(m.group(1)) if best_query is None else min(best_query, float(m.group(1)))
        if m := re.search(r"TYPES=(.*)", out):
            types = m.group(1)
    check = "ok" if rows == expected else "MISMATCH"
    return [tool, f"{best_wall:.2f}", "-" if best_load is None else f"{best_load:.2f}",
            "-" if best_query is None else f"{best_query:.3f}",
            f"{peak:.0f}", f"{rows:,}" if rows != "?" else "?", check if rows != "?" else "", types]


def print_table(rows):
    head = ["file", "tool", "best wall s", "load s", "query s", "peak RSS MB", "rows", "check"]
    table = [head] + [r[:8] for r in rows]
    widths = [max(len(str(r[i])) for r in table) for i in range(len(head))]
    for i, r in enumerate(table):
        print("  ".join(str(c).ljust(w) if j < 2 else str(c).rjust(w)
                        for j, (c, w) in enumerate(zip(r, widths))).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def count(text):
    if not (m := re.fullmatch(r"(\d+)([kKmM]?)", text)):
        raise argparse.ArgumentTypeError(f"not a row count: {text}")
    return int(m.group(1)) * {"": 1, "k": 10**3, "m": 10**6}[m.group(2).lower()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", nargs="+", type=count, default=[1_000_000], help="row counts (1000000, 1M, 100k)")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated: " + ", ".join(VARIANTS))
    ap.add_argument("--carnet", default="/work/main/.build/release/carnet")
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--repeat", type=int, default=3, help="runs per tool: best wall time, max peak RSS")
    ap.add_argument("--polars-money", choices=["decimal", "float"], default="decimal",
                    help="polars type for montant (Decimal(18,2) matches the others)")
    ap.add_argument("--types", action="store_true", help="also print each peer's resulting column types")
    ap.add_argument("--query", nargs="?", const="group", choices=sorted(QUERIES),
                    help="also time a query after the load: group (default) = " + QUERIES["group"] + "; top = " + QUERIES["top"])
    args = ap.parse_args()
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    if bad := [v for v in variants if v not in VARIANTS]:
        ap.error(f"unknown variant(s) {bad}; choose from {list(VARIANTS)}")

    py = sys.executable
    vers = subprocess.run([py, "-c", "import duckdb, polars; print(duckdb.__version__, polars.__version__)"],
                          capture_output=True, text=True, check=True).stdout.split()
    print(f"duckdb {vers[0]}, polars {vers[1]}; cores: {os.cpu_count()} "
          f"(usable: {len(os.sched_getaffinity(0))}); runs per tool: {args.repeat} (best wall, max RSS)")
    print(f"polars montant type: {'Decimal(18,2)' if args.polars_money == 'decimal' else 'Float64'}; "
          "files are in the page cache (warm reads) for every tool")
    print(f"RSS floor (≈ an empty child via the measuring wrapper): {measure(['true'])[1]:.0f} MB")
    carnet = args.carnet if os.access(args.carnet, os.X_OK) else None
    if not carnet:
        print(f"Carnet not found at {args.carnet}: build it with `swift build -c release`; "
              "skipping Carnet's rows")
    os.makedirs(args.data_dir, exist_ok=True)

    results = []
    for rows in args.rows:
        for variant in variants:
            path = ensure_file(args.data_dir, rows, variant)
            label = f"{rows:,} {variant} {os.path.getsize(path) / 1e6:.3g}MB"
            q = [args.query] if args.query else []
            script = f"set timer on; load '{path}' as t" + (f"; {QUERIES[args.query]}" if args.query else "")
            runs = [("carnet", [carnet, "-c", script])] if carnet else []
            runs += [("duckdb", [py, "-c", DUCKDB_CHILD, path, variant] + q),
                     ("polars", [py, "-c", POLARS_CHILD, path, variant, args.polars_money] + q)]
            for tool, argv in runs:
                print(f"  running {tool} on {os.path.basename(path)} ...", file=sys.stderr, flush=True)
                results.append([label] + run_tool(tool, argv, args.repeat, rows))
                label = ""  # print the file only on its first line
    print()
    print_table(results)
    if args.types:
        for r in results:
            if len(r) > 8 and r[8]:
                print(f"{r[1]:>7}: {r[8]}")


if __name__ == "__main__":
    main()
