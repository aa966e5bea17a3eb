#!/usr/bin/env python3
"""TPC-H: the 22 queries in Carnet, DuckDB and polars' SQL on the same Parquet files.

Run through scripts/bench-tpch (a venv with duckdb, polars and tpchgen-cli).  tpchgen-cli writes
the eight tables once per scale factor into --data-dir/tpch-sfSF/ (one Parquet file a table),
where later runs reuse them.  The queries are scripts/tpch-queries.sql (the specification's text
with its validation parameters, in DuckDB's form; see that file's header).

- Carnet: one process reads a batch script that loads the eight tables, then runs each query
  after `echo @@Qn@@` with `set timer on`; stdout is split at the markers (the CSV answers),
  stderr gives each statement's "run time" (rendering the answer included) or its error, matched
  to the statement by order and by the line number in the error.  The whole run has a timeout
  (--carnet-timeout); queries it did not reach are reported as such.
- DuckDB: in this process, tables created in memory from the same files first (timed as the
  load), then each query --runs times (best time; execute + fetchall).  DuckDB's answer is the
  reference the others are checked against.
- polars: a child process reads the files into DataFrames (timed), registers them in a
  pl.SQLContext and runs each query --runs times (best time; eager execute).  A query polars
  rejects is "unsupported"; a child that goes past --polars-timeout on one query or past
  --polars-max-mem of memory is killed, the query marked, and a new child goes on with the next.

Answers are compared with DuckDB's cell by cell in order: same row count, strings equal, dates
as ISO text, numbers equal with a relative tolerance of 1e-9 (Carnet prints decimals with their
scale; DuckDB returns Decimal, date, int and float objects).
"""
import argparse, csv, io, json, math, os, queue, re, shutil, subprocess, sys, tempfile, threading, time
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

TABLES = ("customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier")
HERE = os.path.dirname(os.path.abspath(__file__))
MARKER_RE = re.compile(r"^@@Q(\d+)\.(\d+)@@$")
RUNTIME_RE = re.compile(r"^run time: ([\d.]+) s$")
ERROR_RE = re.compile(r"^error(?: \(line (\d+)\))?: (.*)$")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
REL_TOL = 1e-9


# ---------------------------------------------------------------- data and queries

def scale_text(sf):
    return f"{sf:g}"


def tpchgen_path():
    local = os.path.join(os.path.dirname(sys.executable), "tpchgen-cli")
    return local if os.access(local, os.X_OK) else shutil.which("tpchgen-cli")


def ensure_data(data_dir, sf):
    """The directory holding the eight Parquet files for scale factor sf, generated once."""
    target = os.path.join(data_dir, f"tpch-sf{scale_text(sf)}")
    meta_path = os.path.join(target, "tpchgen.json")
    try:
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("scale") == sf and all(
                os.path.getsize(os.path.join(target, f"{t}.parquet")) == meta["bytes"][t] for t in TABLES):
            return target, meta
    except (OSError, ValueError, KeyError):
        pass
    gen = tpchgen_path()
    if not gen:
        sys.exit("bench-tpch: tpchgen-cli not found (pip install tpchgen-cli into .bench-venv)")
    version = subprocess.run([gen, "--version"], capture_output=True, text=True).stdout.strip()
    part = target + ".part"
    shutil.rmtree(part, ignore_errors=True)
    os.makedirs(part)
    print(f"generating TPC-H SF {scale_text(sf)} with {version} into {target} ...", end=" ", flush=True)
    t0 = time.perf_counter()
    out = subprocess.run([gen, "parquet", "-s", scale_text(sf), "--output-dir", part, "--quiet"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"\ntpchgen-cli failed:\n{(out.stderr or out.stdout).strip()}")
    seconds = round(time.perf_counter() - t0, 1)
    meta = {"scale": sf, "tpchgen": version, "seconds": seconds,
            "bytes": {t: os.path.getsize(os.path.join(part, f"{t}.parquet")) for t in TABLES}}
    with open(os.path.join(part, "tpchgen.json"), "w") as f:
        json.dump(meta, f)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(part, target)
    print(f"{seconds} s, {sum(meta['bytes'].values()) / 1e6:.0f} MB", flush=True)
    return target, meta


def read_queries(path):
    """{n: query text without the trailing ';'} from the non-comment lines of path."""
    lines = [l.strip() for l in open(path, encoding="utf-8")]
    queries = [l.rstrip(";").rstrip() for l in lines if l and not l.startswith("--")]
    if len(queries) != 22:
        sys.exit(f"bench-tpch: {path} holds {len(queries)} queries, not 22")
    return {i + 1: q for i, q in enumerate(queries)}


def parse_query_list(text):
    picked = set()
    for part in text.split(","):
        part = part.strip().lower().lstrip("q")
        if not part:
            continue
        lo, _, hi = part.partition("-")
        picked.update(range(int(lo), int(hi or lo) + 1))
    if bad := [n for n in picked if not 1 <= n <= 22]:
        raise argparse.ArgumentTypeError(f"no query {bad}")
    return sorted(picked)


# ---------------------------------------------------------------- Carnet

def run_carnet(binary, files, queries, numbers, runs, timeout):
    """Loads the tables and runs the queries in one Carnet process.

    Returns (loads {table: s or error}, results {n: dict(time, error, header, rows, status)},
    wall s, note)."""
    statements = [("set", None, "set timer on;")]
    statements += [("load", t, f"load '{files[t]}' as {t};") for t in TABLES]
    for n in numbers:
        for r in range(1, runs + 1):
            statements.append(("echo", (n, r), f"echo @@Q{n}.{r}@@;"))
            statements.append(("query", (n, r), queries[n] + ";"))
    with tempfile.TemporaryDirectory() as tmp:
        script, out_path, err_path = (os.path.join(tmp, x) for x in ("script.txt", "out", "err"))
        with open(script, "w", encoding="utf-8") as f:
            f.write("".join(s + "\n" for _, _, s in statements))  # statement i is on line i + 1
        env = dict(os.environ, NO_COLOR="1")
        t0 = time.perf_counter()
        with open(script, "rb") as i, open(out_path, "wb") as o, open(err_path, "wb") as e:
            proc = subprocess.Popen([binary, "--csv"], stdin=i, stdout=o, stderr=e, env=env)
            note = ""
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()  # the child we started, by its own handle
                proc.wait()
                note = f"timeout: killed after {timeout:g} s"
            if proc.returncode is not None and proc.returncode < 0 and not note:
                note = f"killed by signal {-proc.returncode}"
        wall = time.perf_counter() - t0
        out = open(out_path, encoding="utf-8", errors="replace").read()
        err = ANSI_RE.sub("", open(err_path, encoding="utf-8", errors="replace").read())

    # stderr: one event per statement, in order: its run time, or its error (with its line).
    events = []
    for line in err.splitlines():
        if m := RUNTIME_RE.match(line):
            events.append(("time", float(m.group(1))))
        elif m := ERROR_RE.match(line):
            events.append(("error", m.group(2).strip(), int(m.group(1)) if m.group(1) else None))
    outcome = [None] * len(statements)
    k = 0
    for i in range(len(statements)):
        if k >= len(events):
            break
        ev = events[k]
        if ev[0] == "error" and ev[2] is not None and ev[2] != i + 1:
            # An error belongs to a later statement: this one printed nothing (should not happen).
            continue
        outcome[i] = ev
        k += 1

    # stdout: the CSV answer of each query run sits between its marker and the next one.
    answers, current, buf = {}, None, []
    def flush():
        if current is not None:
            answers[current] = "".join(buf)
    for line in out.splitlines(keepends=True):
        if m := MARKER_RE.match(line.strip()):
            flush()
            current, buf = (int(m.group(1)), int(m.group(2))), []
        elif current is not None:
            buf.append(line)
    flush()

    loads = {}
    for i, (kind, key, _) in enumerate(statements):
        if kind == "load":
            ev = outcome[i]
            loads[key] = ev[1] if ev and ev[0] == "time" else (f"error: {ev[1]}" if ev else "not run")
    results = {}
    stopped = False
    for i, (kind, key, _) in enumerate(statements):
        if kind != "query":
            continue
        n, r = key
        res = results.setdefault(n, {"time": None, "error": None, "header": None, "rows": None, "status": ""})
        ev = outcome[i]
        if ev is None:
            if not res["status"] and res["time"] is None and res["error"] is None:
                res["status"] = ("timeout" if note.startswith("timeout") else "crashed") if not stopped else "not run"
            stopped = True
            continue
        if ev[0] == "error":
            res["error"] = res["error"] or ev[1]
            continue
        res["time"] = ev[1] if res["time"] is None else min(res["time"], ev[1])
        if res["rows"] is None:
            table = list(csv.reader(io.StringIO(answers.get(key, ""))))
            res["header"], res["rows"] = (table[0], table[1:]) if table else ([], [])
    return loads, results, wall, note


# ---------------------------------------------------------------- DuckDB

def run_duckdb(files, queries, numbers, runs):
    import duckdb
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    loads = {}
    for t in TABLES:
        t0 = time.perf_counter()
        con.execute(f"CREATE TABLE {t} AS SELECT * FROM read_parquet('{files[t]}')")
        loads[t] = time.perf_counter() - t0
    results = {}
    for n in numbers:
        print(f"  duckdb Q{n} ...", file=sys.stderr, flush=True)
        res = {"time": None, "error": None, "header": None, "rows": None}
        for _ in range(runs):
            try:
                t0 = time.perf_counter()
                cur = con.execute(queries[n])
                rows = cur.fetchall()
                elapsed = time.perf_counter() - t0
            except duckdb.Error as e:
                res["error"] = str(e).splitlines()[0]
                break
            res["time"] = elapsed if res["time"] is None else min(res["time"], elapsed)
            if res["rows"] is None:
                res["header"], res["rows"] = [d[0] for d in cur.description], rows
        results[n] = res
    con.close()
    return loads, results


# ---------------------------------------------------------------- polars

POLARS_CHILD = r'''
import json, sys, time, polars as pl
files, queries, numbers, runs = json.loads(sys.argv[1])
say = lambda **kw: print(json.dumps(kw), flush=True)
ctx = pl.SQLContext()
for t, path in files.items():
    t0 = time.perf_counter()
    ctx.register(t, pl.read_parquet(path))
    say(load=t, seconds=time.perf_counter() - t0)
for n in numbers:
    say(start=n)
    best, answer = None, None
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            df = ctx.execute(queries[str(n)], eager=True)
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
            if answer is None:
                answer = df.write_csv()
        say(q=n, seconds=best, csv=answer)
    except Exception as e:
        say(q=n, error=f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")
'''


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_polars(files, queries, numbers, runs, timeout, max_mem_mb):
    """Runs the queries in polars children; a child killed on a query is replaced for the rest."""
    loads, results, todo = {}, {}, list(numbers)
    while todo:
        arg = json.dumps([files, {str(n): queries[n] for n in todo}, todo, runs])
        proc = subprocess.Popen([sys.executable, "-c", POLARS_CHILD, arg], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True)
        lines = queue.Queue()
        def pump():
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)
        threading.Thread(target=pump, daemon=True).start()
        started, current, killed, eof = time.perf_counter(), None, "", False
        while not eof:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                line = ""
            if line is None:
                eof = True
            elif line:
                msg = json.loads(line)
                if "load" in msg:
                    loads.setdefault(msg["load"], msg["seconds"])
                elif "start" in msg:
                    current, started = msg["start"], time.perf_counter()
                    print(f"  polars Q{current} ...", file=sys.stderr, flush=True)
                elif "q" in msg:
                    results[msg["q"]] = msg
                continue
            if eof:
                break
            if current is not None and current not in results and time.perf_counter() - started > timeout:
                killed = f"timeout ({timeout:g} s)"
            elif (mem := rss_mb(proc.pid)) > max_mem_mb:
                killed = f"killed at {mem / 1024:.1f} GB of memory"
            if killed:
                proc.kill()  # the child we started, by its own handle
                break
        proc.wait()
        if proc.returncode and not killed:
            killed = f"polars crashed (exit {proc.returncode})"
        if current is not None and current not in results:
            results[current] = {"q": current, "error": killed or "no answer", "killed": True}
        todo = [n for n in todo if n not in results]
        if todo and current is None:  # died before its first query: give up on the rest
            for n in todo:
                results[n] = {"q": n, "error": killed or "polars child failed before its first query", "killed": True}
            todo = []
    for n, msg in results.items():
        if "csv" in msg:
            table = list(csv.reader(io.StringIO(msg["csv"])))
            msg["header"], msg["rows"] = (table[0], table[1:]) if table else ([], [])
    return loads, results


# ---------------------------------------------------------------- comparing answers

def cell_equal(text, want):
    """Carnet's (or polars') CSV cell `text` against DuckDB's Python value `want`."""
    if want is None:
        return text == ""
    if isinstance(want, bool):
        return text.lower() == str(want).lower()
    if isinstance(want, (int, float, Decimal)):
        try:
            got = Decimal(text.strip())
        except InvalidOperation:
            return False
        if not isinstance(want, float) and got == Decimal(want):
            return True
        g, w = float(got), float(want)
        return g == w or math.isclose(g, w, rel_tol=REL_TOL)
    if isinstance(want, datetime):
        return text.replace("T", " ") in (want.isoformat(sep=" "), want.isoformat(sep=" ").rstrip("0").rstrip("."))
    if isinstance(want, date):
        return text == want.isoformat()
    return text == str(want)


def compare(rows, want):
    """'ok', or 'MISMATCH' with the first difference."""
    if len(rows) != len(want):
        return "MISMATCH", f"{len(rows)} rows, DuckDB {len(want)}"
    for i, (got_row, want_row) in enumerate(zip(rows, want)):
        # CSV writes a row of one NULL as an empty line, which reads back as no field.
        if not got_row and len(want_row) == 1:
            got_row = [""]
        if len(got_row) != len(want_row):
            return "MISMATCH", f"row {i + 1}: {len(got_row)} columns, DuckDB {len(want_row)}"
        for j, (g, w) in enumerate(zip(got_row, want_row)):
            if not cell_equal(g, w):
                # Same rows in another order?
                key = lambda r: tuple(str(c) for c in r)
                same_set = all(all(cell_equal(g2, w2) for g2, w2 in zip(a, b))
                               for a, b in zip(sorted(rows, key=key), sorted(want, key=key)))
                extra = " (same rows, other order)" if same_set else ""
                return "MISMATCH", f"row {i + 1} column {j + 1}: {g!r}, DuckDB {w!r}{extra}"
    return "ok", ""


# ---------------------------------------------------------------- report

def secs(x):
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 100 else f"{x:.1f}"


def shorten(text, width=60):
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[:width - 1] + "…"


def versions(carnet):
    import duckdb
    try:
        import polars
        polars_version = f"polars {polars.__version__}"
    except ImportError:  # the test venv has no polars: the CI check runs Carnet and DuckDB only
        polars_version = None
    v = subprocess.run([carnet, "--version"], capture_output=True, text=True) if carnet else None
    gen = tpchgen_path()
    g = subprocess.run([gen, "--version"], capture_output=True, text=True).stdout.strip() if gen else "?"
    parts = [f"carnet {(v.stdout or v.stderr).strip()}" if v else None,
             f"duckdb {duckdb.__version__}", polars_version, g,
             f"python {sys.version.split()[0]}"]
    return ", ".join(p for p in parts if p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="TPC-H scale factor (1, 0.1, ...)")
    ap.add_argument("--carnet", default=os.path.join(os.path.dirname(HERE), ".build", "release", "carnet"))
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--queries-file", default=os.path.join(HERE, "tpch-queries.sql"))
    ap.add_argument("--queries", type=parse_query_list, default=list(range(1, 23)),
                    help="subset, e.g. 1,3,5-7 (default: all 22)")
    ap.add_argument("--runs", type=int, default=3, help="DuckDB and polars runs per query (best time)")
    ap.add_argument("--carnet-runs", type=int, default=1, help="Carnet runs per query, in its one process (best time)")
    ap.add_argument("--carnet-timeout", type=float, default=600, help="seconds for the whole Carnet process")
    ap.add_argument("--polars-timeout", type=float, default=300, help="seconds per polars query (all its runs)")
    ap.add_argument("--polars-max-mem", type=float, default=None,
                    help="GB of memory past which a polars child is killed (default: half the machine's)")
    ap.add_argument("--tools", default="carnet,duckdb,polars", help="comma-separated subset (duckdb is always run)")
    ap.add_argument("--check", action="store_true",
                    help="exit with status 1 unless every query runs in Carnet and matches DuckDB (the CI test uses it)")
    args = ap.parse_args()
    if args.scale <= 0:
        ap.error("--scale must be positive")
    tools = {t.strip() for t in args.tools.split(",") if t.strip()} | {"duckdb"}
    if bad := tools - {"carnet", "duckdb", "polars"}:
        ap.error(f"unknown tool(s): {sorted(bad)}")
    if "carnet" in tools and not os.access(args.carnet, os.X_OK):
        sys.exit(f"bench-tpch: no Carnet binary at {args.carnet}: build it first with `swift build -c release` "
                 "(or pass --tools duckdb,polars)")
    total_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    max_mem_mb = args.polars_max_mem * 1024 if args.polars_max_mem else total_mb / 2

    queries = read_queries(args.queries_file)
    numbers = args.queries
    os.makedirs(args.data_dir, exist_ok=True)
    data, meta = ensure_data(args.data_dir, args.scale)
    files = {t: os.path.join(data, f"{t}.parquet") for t in TABLES}
    for path in files.values():  # warm the page cache so the first tool is not penalised
        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass

    carnet = None
    if "carnet" in tools:
        print(f"  carnet: {len(numbers)} queries in one process (timeout {args.carnet_timeout:g} s) ...",
              file=sys.stderr, flush=True)
        carnet = run_carnet(args.carnet, files, queries, numbers, args.carnet_runs, args.carnet_timeout)
    d_loads, duck = run_duckdb(files, queries, numbers, args.runs)
    polars = run_polars(files, queries, numbers, args.runs, args.polars_timeout, max_mem_mb) if "polars" in tools else None

    # ------------------------------------------------------------ the table
    print()
    print(f"TPC-H SF {scale_text(args.scale)}: {versions(args.carnet if carnet else None)}; "
          f"cores: {os.cpu_count()} (usable: {len(os.sched_getaffinity(0))}), memory {total_mb / 1024:.0f} GB")
    print(f"data: {data} ({sum(meta['bytes'].values()) / 1e6:.0f} MB of Parquet, {meta['tpchgen']}, "
          f"generated in {meta['seconds']} s); queries: {os.path.relpath(args.queries_file)}")
    print()
    print("| query | Carnet s | DuckDB s | polars s | Carnet / DuckDB | answer |")
    print("|---|---:|---:|---:|---:|---|")
    ran = matched = 0
    notes, both_c, both_d = [], 0.0, 0.0
    polars_notes = []
    for n in numbers:
        d = duck[n]
        c = carnet[1].get(n) if carnet else None
        p = polars[1].get(n) if polars else None
        dcell = secs(d["time"]) if d["error"] is None else "error: " + shorten(d["error"], 40)
        if c is None:
            ccell, ratio, check = "-", "-", "-"
        elif c["time"] is not None:
            ran += 1
            ccell = secs(c["time"])
            ratio = f"{c['time'] / d['time']:.1f}×" if d["time"] and c["time"] > 0 else "-"
            if d["rows"] is None:
                check = "no reference"
            else:
                check, detail = compare(c["rows"], d["rows"])
                if check == "ok":
                    matched += 1
                    both_c += c["time"]
                    both_d += d["time"]
                else:
                    notes.append(f"- Q{n}: {detail}")
        elif c["error"] is not None:
            ccell, ratio, check = shorten(c["error"]), "-", "error"
        else:
            ccell, ratio, check = c["status"] or "?", "-", c["status"] or "?"
        if p is None:
            pcell = "-"
        elif "seconds" in p:
            pcell = secs(p["seconds"])
            if d["rows"] is not None:
                pcheck, pdetail = compare(p["rows"], d["rows"])
                if pcheck != "ok":
                    pcell += " ≠"
                    polars_notes.append(f"- Q{n}: answer differs from DuckDB's: {pdetail}")
        else:
            pcell = "killed" if p.get("killed") else "unsupported"
            polars_notes.append(f"- Q{n}: {shorten(p['error'], 110)}")
        print(f"| Q{n} | {ccell} | {dcell} | {pcell} | {ratio} | {check} |")

    print()
    if carnet:
        loads, _, wall, note = carnet
        print(f"Carnet runs {ran} of {len(numbers)} queries as written; {matched} of them match DuckDB's answer"
              + (f"; {note}" if note else "") + f" (Carnet process: {wall:.1f} s wall, loads included).")
        if matched:
            print(f"On the {matched} matching queries: Carnet {both_c:.2f} s in all, DuckDB {both_d:.3f} s "
                  f"({both_c / both_d:.0f}×)." if both_d else "")
    if notes:
        print()
        print("Carnet's mismatches:")
        print("\n".join(notes))
    if polars_notes:
        print()
        print("polars (≠: answer differs from DuckDB's; unsupported: polars raised; killed: over the time or memory limit):")
        print("\n".join(polars_notes))
    print()
    print("Load of the eight tables (s):")
    print()
    print("| table | MB | " + " | ".join(x for x, on in (("Carnet", carnet), ("DuckDB", True), ("polars", polars)) if on) + " |")
    print("|---|---:|" + "---:|" * (1 + bool(carnet) + bool(polars)))
    sums = [0.0, 0.0, 0.0]
    for t in TABLES:
        cells = [t, f"{meta['bytes'][t] / 1e6:.1f}"]
        if carnet:
            v = carnet[0].get(t)
            cells.append(secs(v) if isinstance(v, float) else shorten(str(v), 40))
            sums[0] += v if isinstance(v, float) else 0
        cells.append(secs(d_loads[t]))
        sums[1] += d_loads[t]
        if polars:
            v = polars[0].get(t)
            cells.append(secs(v))
            sums[2] += v or 0
        print("| " + " | ".join(cells) + " |")
    total = ["**all**", f"{sum(meta['bytes'].values()) / 1e6:.1f}"]
    total += [secs(sums[0])] if carnet else []
    total += [secs(sums[1])] + ([secs(sums[2])] if polars else [])
    print("| " + " | ".join(total) + " |")
    print()
    print(f"Times: Carnet's `set timer on` per statement (printing the CSV answer included; "
          f"{args.carnet_runs} run{'s' if args.carnet_runs > 1 else ''} in one process, best); "
          f"DuckDB execute + fetchall, polars eager SQLContext.execute, best of {args.runs}, "
          "all on tables already in memory. Answers are checked against DuckDB's "
          f"(cell by cell in order, numbers to a relative {REL_TOL:g}).")
    if args.check and (not carnet or matched != len(numbers)):
        sys.exit(f"bench-tpch --check: {matched} of {len(numbers)} queries match DuckDB's answers")


if __name__ == "__main__":
    main()
