#!/usr/bin/env python3
"""Time loading a large .xlsx workbook: Carnet against openpyxl, pandas, polars and DuckDB.

Run through scripts/bench-workbooks (a venv with the peers).  The workbook is the budget-like
table of scripts/bench.py (comma-dot variant) written as .xlsx by Carnet itself, so every tool
reads the same file; each run is a fresh child process (see bench.py's measure).
"""
import argparse, os, subprocess, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the CSV generator and the measuring helpers)

OPENPYXL_CHILD = r'''
import sys, time, openpyxl
t0 = time.perf_counter()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
print(f"LOAD_S={time.perf_counter() - t0:.4f} ROWS={len(rows) - 1}")
'''
PANDAS_CHILD = r'''
import sys, time, pandas as pd
t0 = time.perf_counter()
df = pd.read_excel(sys.argv[1], engine="openpyxl", dtype={"chapitre": str, "nature": str, "fonction": str})
print(f"LOAD_S={time.perf_counter() - t0:.4f} ROWS={len(df)}")
'''
POLARS_CHILD = r'''
import sys, time, polars as pl
t0 = time.perf_counter()
df = pl.read_excel(sys.argv[1], engine="calamine")
print(f"LOAD_S={time.perf_counter() - t0:.4f} ROWS={df.height}")
'''
DUCKDB_CHILD = r'''
import sys, time, duckdb
con = duckdb.connect()
con.execute("INSTALL excel; LOAD excel")
t0 = time.perf_counter()
con.execute(f"CREATE TABLE t AS SELECT * FROM read_xlsx('{sys.argv[1]}', header=true)")
print(f"LOAD_S={time.perf_counter() - t0:.4f} ROWS={con.execute('SELECT count(*) FROM t').fetchone()[0]}")
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=bench.count, default=1_000_000)
    ap.add_argument("--carnet", default="/work/main/.build/release/carnet")
    ap.add_argument("--data-dir", default="/tmp/carnet-bench")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tools", default="carnet,openpyxl,pandas,polars,duckdb", help="comma-separated subset to run")
    args = ap.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)
    csv = bench.ensure_file(args.data_dir, args.rows, "comma-dot")
    xlsx = csv[:-4] + ".xlsx"
    if not os.path.exists(xlsx) or os.path.getmtime(xlsx) < max(os.path.getmtime(csv), os.path.getmtime(args.carnet)):
        print(f"writing {xlsx} with Carnet ...", flush=True)
        subprocess.run([args.carnet, "-c", f"load '{csv}' as t; export t to '{xlsx}'"], check=True, stdout=subprocess.DEVNULL)
    py = sys.executable
    label = f"{args.rows:,} rows xlsx {os.path.getsize(xlsx) / 1e6:.3g}MB"
    runs = [("carnet", [args.carnet, "-c", f"set timer on; load '{xlsx}' as t"]),
            ("openpyxl", [py, "-c", OPENPYXL_CHILD, xlsx]),
            ("pandas", [py, "-c", PANDAS_CHILD, xlsx]),
            ("polars", [py, "-c", POLARS_CHILD, xlsx]),
            ("duckdb", [py, "-c", DUCKDB_CHILD, xlsx])]
    wanted = {t.strip() for t in args.tools.split(",")}
    runs = [r for r in runs if r[0] in wanted]
    results = []
    for tool, argv in runs:
        print(f"  running {tool} ...", file=sys.stderr, flush=True)
        results.append([label] + bench.run_tool(tool, argv, args.repeat, args.rows))
        label = ""
    print()
    bench.print_table(results)


if __name__ == "__main__":
    main()
