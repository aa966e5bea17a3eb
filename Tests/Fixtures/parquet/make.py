#!/usr/bin/env python3
"""Writes the Parquet reader fixtures into the folder this script lives in.

Each NAME.parquet comes with NAME.expected.tsv:
  line 1: column names, tab-separated;
  line 2: the Carnet type of each column (integer, decimal(S), double, boolean,
          date, timestamp, text);
  then one line per row. NULL is \\N; in text cells backslash, tab, newline and
  carriage return are written \\\\, \\t, \\n, \\r.
The expected values are formatted from the Python values that were written,
never read back from the file.

Run with the project's bench venv (pyarrow, duckdb, polars):
    .bench-venv/bin/python Tests/Fixtures/parquet/make.py
It is deterministic: fixed seeds, no clock. Then
    .bench-venv/bin/python Tests/Fixtures/parquet/describe.py
prints row groups, codecs, encodings and page types of every file.
"""
import datetime as dt
import math
import random
import struct
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
EPOCH = dt.datetime(1970, 1, 1)
UTC = dt.timezone.utc

# --------------------------------------------------------------------------
# Canonical cell forms


def escape_text(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))


def cell(v, ctype):
    if v is None:
        return "\\N"
    if ctype == "integer":
        assert isinstance(v, int) and not isinstance(v, bool), (ctype, v)
        return str(v)
    if ctype.startswith("decimal("):
        scale = int(ctype[len("decimal("):-1])
        assert isinstance(v, Decimal), (ctype, v)
        q = v.quantize(Decimal(1).scaleb(-scale))
        assert q == v, (ctype, v)
        text = format(q, "f")
        assert "E" not in text and "e" not in text
        return text
    if ctype == "double":
        f = float(v)
        assert math.isfinite(f), v
        return repr(f)
    if ctype == "boolean":
        assert isinstance(v, bool), v
        return "true" if v else "false"
    if ctype == "date":
        assert isinstance(v, dt.date) and not isinstance(v, dt.datetime), v
        return f"{v.year:04d}-{v.month:02d}-{v.day:02d}"
    if ctype == "timestamp":
        assert isinstance(v, dt.datetime), v
        if v.tzinfo is not None:
            v = v.astimezone(UTC).replace(tzinfo=None)
        return (f"{v.year:04d}-{v.month:02d}-{v.day:02d}T"
                f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}")
    if ctype == "text":
        if isinstance(v, bytes):
            v = v.decode("utf-8")  # binary columns hold valid UTF-8 only
        elif isinstance(v, dt.time):
            v = f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"
        assert isinstance(v, str), v
        return escape_text(v)
    raise ValueError(ctype)


def write_expected(name, columns, rows):
    """columns: list of (name, carnet_type); rows: list of tuples of Python values."""
    lines = ["\t".join(c for c, _ in columns), "\t".join(t for _, t in columns)]
    for row in rows:
        assert len(row) == len(columns)
        lines.append("\t".join(cell(v, t) for v, (_, t) in zip(row, columns)))
    (HERE / f"{name}.expected.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def write_expected_cols(name, cols):
    """cols: list of (name, carnet_type, values)."""
    n = len(cols[0][2])
    assert all(len(c[2]) == n for c in cols)
    write_expected(name, [(c[0], c[1]) for c in cols],
                   [tuple(c[2][i] for c in cols) for i in range(n)])


# --------------------------------------------------------------------------
# Helpers for generated values


def us_to_datetime(us):
    return EPOCH + dt.timedelta(microseconds=us)


def with_nulls(rng, values, rate=0.10, keep=()):
    """Replaces about `rate` of the values by None, never at the indexes in keep."""
    keep = set(keep)
    return [None if (i not in keep and rng.random() < rate) else v for i, v in enumerate(values)]


def place(values, specials, start=1):
    """Puts the special values at rows start, start+1, ... and returns their indexes."""
    for k, v in enumerate(specials):
        values[start + k] = v
    return range(start, start + len(specials))


def f32(x):
    """The float32 value nearest to x, widened to a Python float."""
    return struct.unpack("<f", struct.pack("<f", x))[0]


def check_size(name):
    size = (HERE / f"{name}.parquet").stat().st_size
    assert size < 60_000, (name, size)
    return size


# --------------------------------------------------------------------------
# 1. pyarrow-types: every flat type Carnet maps, default writer settings


def make_pyarrow_types():
    name = "pyarrow-types"
    rng = random.Random(1001)
    n = 300
    cols = []  # (name, carnet type, python values, arrow array)

    def add(cname, ctype, values, atype, specials=(), nulls=True):
        values = list(values)
        kept = place(values, specials) if specials else ()
        if nulls:
            values = with_nulls(rng, values, keep=kept)
        arrow_values = values
        cols.append((cname, ctype, values, atype, arrow_values))

    ids = list(range(n))
    cols.append(("id", "integer", ids, pa.int64(), ids))

    def ints(lo, hi):
        return [rng.randint(lo, hi) for _ in range(n)]

    add("i8", "integer", ints(-128, 127), pa.int8(), [-128, 127, 0, -1])
    add("i16", "integer", ints(-32768, 32767), pa.int16(), [-32768, 32767, 0, -1])
    add("i32", "integer", ints(-2**31, 2**31 - 1), pa.int32(), [-2**31, 2**31 - 1, 0, -1])
    add("i64", "integer", ints(-2**63, 2**63 - 1), pa.int64(), [-2**63, 2**63 - 1, 0, -1, 2**53 + 1])
    add("u8", "integer", ints(0, 255), pa.uint8(), [0, 255, 128, 127])
    add("u16", "integer", ints(0, 65535), pa.uint16(), [0, 65535, 32768, 32767])
    add("u32", "integer", ints(0, 2**32 - 1), pa.uint32(), [0, 2**32 - 1, 2**31, 2**31 - 1])
    # float32: multiples of 0.25, all exactly representable
    add("f32", "double", [rng.randint(-40000, 40000) / 4 for _ in range(n)], pa.float32(),
        [0.0, 0.25, -0.25, 8191.75, -10000.0, 1.5])
    for _, ctype, values, _, _ in cols[-1:]:
        assert all(v is None or f32(v) == v for v in values)

    def f64():
        kind = rng.random()
        if kind < 0.6:
            return rng.uniform(-1e6, 1e6)
        if kind < 0.8:
            return rng.uniform(-1, 1) * 10 ** rng.randint(-9, -5)
        return rng.uniform(-1, 1) * 10 ** rng.randint(12, 17)
    add("f64", "double", [f64() for _ in range(n)], pa.float64(),
        [1e15, -1e15, 1e-7, -2.5e-7, 0.1, 1 / 3, 0.0, 123456789.125, 1.2345e20, 2.0 ** 53, -1.5])
    add("flag", "boolean", [rng.random() < 0.5 for _ in range(n)], pa.bool_(), [True, False])

    words = ["route", "mairie", "école", "marché", "gare", "piscine", "stade",
             "médiathèque", "crèche", "port", "plage", "étang", "déchetterie"]
    labels = [f"{rng.choice(words)} {rng.randint(1, 999)}" for _ in range(n)]
    add("label", "text", labels, pa.string(),
        ["", "café", "à la carte", "garçon", "🦊 renard", "tab\there", "line1\nline2",
         "back\\slash", "cr\rlf", "  spaces  ", "Œuvre — naïve «quotes»", "\\N", "x" * 200])
    codes = ["57.10", "84.11Z", "47.11F", "01.11Z", "62.01Z"]
    add("code", "text", [rng.choice(codes) for _ in range(n)], pa.string())

    d0, d1 = dt.date(1900, 1, 1).toordinal(), dt.date(2100, 12, 31).toordinal()
    add("day", "date", [dt.date.fromordinal(rng.randint(d0, d1)) for _ in range(n)], pa.date32(),
        [dt.date(1970, 1, 1), dt.date(1969, 12, 31), dt.date(1900, 1, 1), dt.date(2100, 12, 31),
         dt.date(2000, 2, 29), dt.date(1904, 2, 29)])

    lo_us = int((dt.datetime(1900, 1, 1) - EPOCH).total_seconds()) * 10**6
    hi_us = int((dt.datetime(2100, 12, 31, 23, 59, 59) - EPOCH).total_seconds()) * 10**6
    # nanosecond timestamps only reach 1677-09-21 .. 2262-04-11
    ts_special_us = [0, -1, 1, -1_000_000, 951_782_400_000_000, -2_208_988_800_000_000,
                     4_133_980_799_999_999]

    def ts_column(cname, unit, factor):
        specials_us = [u - (u % factor) for u in ts_special_us]  # whole units only
        us = [rng.randint(lo_us, hi_us) // factor * factor for _ in range(n)]
        kept = place(us, specials_us)
        us = with_nulls(rng, us, keep=kept)
        raw = [None if u is None else (u // factor if unit == "ms" else u * 1000 if unit == "ns" else u)
               for u in us]
        arr = pa.array(raw, type=pa.timestamp(unit))
        values = [None if u is None else us_to_datetime(u) for u in us]
        cols.append((cname, "timestamp", values, arr.type, arr))
    ts_column("ts_ms", "ms", 1000)
    ts_column("ts_us", "us", 1)
    ts_column("ts_ns", "ns", 1)

    # tz-aware: stored as UTC instants; the expected file gives UTC
    us = [rng.randint(lo_us, hi_us) for _ in range(n)]
    paris_dst = [1711846800_000000, 1711846799_999999, 1729990800_000000, 1729987200_000000]
    kept = place(us, paris_dst + [0, -1])
    us = with_nulls(rng, us, keep=kept)
    arr = pa.array(us, type=pa.timestamp("us", tz="Europe/Paris"))
    cols.append(("ts_utc", "timestamp",
                 [None if u is None else us_to_datetime(u).replace(tzinfo=UTC) for u in us],
                 arr.type, arr))

    def decimals(digits, scale, specials, lo=None, hi=None):
        hi = hi if hi is not None else 10**digits - 1
        lo = lo if lo is not None else -hi
        unscaled = [rng.randint(lo, hi) for _ in range(n)]
        kept = place(unscaled, specials)
        unscaled = with_nulls(rng, unscaled, keep=kept)
        return [None if u is None else Decimal(u).scaleb(-scale) for u in unscaled]

    vals = decimals(9, 2, [0, 1, -1, 5, -1230, 999999999, -999999999, 100])
    cols.append(("amount", "decimal(2)", vals, pa.decimal128(9, 2), vals))
    vals = decimals(18, 4, [0, 1, -1, 10**18 - 1, -(10**18 - 1), 12345678])
    cols.append(("big", "decimal(4)", vals, pa.decimal128(18, 4), vals))
    vals = decimals(13, 6, [0, 1, -1, 9_000_000_000_000_000_000, -9_000_000_000_000_000_000, -123456789])
    cols.append(("huge", "decimal(6)", vals, pa.decimal128(38, 6), vals))

    raw_words = [w.encode("utf-8") for w in words]
    raw = [rng.choice(raw_words) + b"-" + str(rng.randint(0, 99)).encode() for _ in range(n)]
    add("raw", "text", raw, pa.binary(), [b"", "été".encode(), "日本語".encode(), "🙂".encode(), b"plain"])

    times = [dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999999))
             for _ in range(n)]
    add("t", "text", times, pa.time64("us"),
        [dt.time(0, 0), dt.time(23, 59, 59, 999999), dt.time(12, 0, 0, 1), dt.time(0, 0, 0, 500000)])

    table = pa.table({c[0]: (c[4] if isinstance(c[4], pa.Array) else pa.array(c[4], type=c[3]))
                      for c in cols})
    pq.write_table(table, HERE / f"{name}.parquet")
    write_expected_cols(name, [(c[0], c[1], c[2]) for c in cols])
    return name


# --------------------------------------------------------------------------
# 2. pyarrow-v2-delta: data page v2, zstd, DELTA_* and BYTE_STREAM_SPLIT


def make_pyarrow_v2_delta():
    name = "pyarrow-v2-delta"
    rng = random.Random(1002)
    n = 5000
    ids = list(range(n))

    n_vals, cur = [], 0
    for i in range(n):
        r = rng.random()
        if r < 0.002:
            cur = rng.choice([-2**31, 2**31 - 1])
        elif r < 0.006:
            cur = rng.randint(-2**31, 2**31 - 1)
        else:
            cur = max(-2**31, min(2**31 - 1, cur + rng.randint(-8, 8)))
        n_vals.append(cur)
    place(n_vals, [-2**31, 2**31 - 1, -2**31, 0, 2**31 - 1, 2**31 - 1, -2**31])

    m_vals, cur = [], 0
    for i in range(n):
        r = rng.random()
        if r < 0.002:
            cur = rng.choice([-2**63, 2**63 - 1])
        elif r < 0.006:
            cur = rng.randint(-10**18, 10**18)
        else:
            cur = max(-2**63, min(2**63 - 1, cur + rng.randint(-100, 100)))
        m_vals.append(cur)
    kept = place(m_vals, [2**63 - 1, -2**63, 2**63 - 1, 0, -2**63, -1, 1])
    m_vals = with_nulls(rng, m_vals, keep=kept)

    s_vals = []
    for i in range(n):
        base = f"commune-{i // 3:04d}"
        r = i % 20
        if r in (1, 7):
            base += "-annexe"
        elif r == 4:
            base += f"-quartier-{rng.randint(1, 20)}"
        elif r == 13:
            base = f"Saint-{rng.choice(['Jean', 'Jacques', 'Étienne', 'Gély-du-Fesc'])}"
        s_vals.append(base)
    kept = place(s_vals, ["", "commune-", "commune-0000", "é", "commune-0000é", ""])
    s_vals = with_nulls(rng, s_vals, rate=0.08, keep=kept)

    s2_pool = ["", "a", "Montpellier", "Sète", "Castelnau-le-Lez", "🦊", "x" * 120,
               "line\nbreak", "tab\tin", "Saint-Jean-de-Védas"]
    s2_vals = [s2_pool[i * 7 % len(s2_pool)] if i % 4 else f"v{rng.randint(0, 10**rng.randint(1, 4))}"
               for i in range(n)]
    s2_vals = with_nulls(rng, s2_vals, rate=0.05)

    d_vals = [rng.randint(-40, 80) / 2 if rng.random() < 0.95 else round(rng.gauss(15.0, 8.0), 2)
              for _ in range(n)]
    place(d_vals, [0.0, -1.5, 1e15, 1e-7, 2.0 ** 60, -123.456])

    table = pa.table({
        "id": pa.array(ids, pa.int64()),
        "n": pa.array(n_vals, pa.int32()),
        "m": pa.array(m_vals, pa.int64()),
        "s": pa.array(s_vals, pa.string()),
        "s2": pa.array(s2_vals, pa.string()),
        "d": pa.array(d_vals, pa.float64()),
    })
    # data_page_size, write_batch_size and max_rows_per_page: several v2 pages per column,
    # so that the delta decoders start afresh on each page (pyarrow underestimates the size
    # of DELTA_BINARY_PACKED pages, hence the row cap)
    pq.write_table(table, HERE / f"{name}.parquet", use_dictionary=False, data_page_version="2.0",
                   compression="zstd", data_page_size=8192, write_batch_size=256,
                   max_rows_per_page=1000,
                   column_encoding={"n": "DELTA_BINARY_PACKED", "m": "DELTA_BINARY_PACKED",
                                    "s": "DELTA_BYTE_ARRAY", "s2": "DELTA_LENGTH_BYTE_ARRAY",
                                    "d": "BYTE_STREAM_SPLIT"})
    write_expected_cols(name, [("id", "integer", ids), ("n", "integer", n_vals), ("m", "integer", m_vals),
                               ("s", "text", s_vals), ("s2", "text", s2_vals), ("d", "double", d_vals)])
    return name


# --------------------------------------------------------------------------
# 3. pyarrow-gzip-pages: gzip, 5 row groups, many small data pages


def make_pyarrow_gzip_pages():
    name = "pyarrow-gzip-pages"
    rng = random.Random(1003)
    n = 3000
    ids = list(range(n))
    cats = ["Hérault", "Gard", "Aude", "Lozère", "Pyrénées-Orientales", "Aveyron", "Tarn", ""]
    cat = [rng.choice(cats) for _ in range(n)]
    flag = with_nulls(rng, [rng.random() < 0.3 for _ in range(n)], rate=0.15)
    x = with_nulls(rng, [round(rng.uniform(-500, 500), 3) for _ in range(n)], rate=0.12)
    table = pa.table({"id": pa.array(ids, pa.int64()), "cat": pa.array(cat, pa.string()),
                      "flag": pa.array(flag, pa.bool_()), "x": pa.array(x, pa.float64())})
    # pyarrow checks the page size only after each write batch (1024 rows by default), so a
    # smaller batch is needed for the 1 KiB pages to really be cut. Only cat is dictionary
    # encoded (id and x would otherwise be too, and their small index pages seldom reach
    # 1 KiB); max_rows_per_page gives cat several index pages under one dictionary page.
    pq.write_table(table, HERE / f"{name}.parquet", compression="gzip", row_group_size=700,
                   data_page_size=1024, write_batch_size=64, use_dictionary=["cat"],
                   max_rows_per_page=256)
    write_expected_cols(name, [("id", "integer", ids), ("cat", "text", cat),
                               ("flag", "boolean", flag), ("x", "double", x)])
    return name


# --------------------------------------------------------------------------
# 4. pyarrow-plain: no compression, no dictionary


def make_pyarrow_plain():
    name = "pyarrow-plain"
    rng = random.Random(1004)
    n = 500
    ids = list(range(n))
    first = ["Anne", "Bruno", "Chloé", "Djamel", "Élodie", "François", "Gaëlle", "Hugo", "Inès", "Jérôme"]
    names = with_nulls(rng, [f"{rng.choice(first)} {rng.randint(1, 99)}" for _ in range(n)], rate=0.1)
    place(names, ["", "O'Brien", "tab\tname", "Zoë"])
    v = [rng.uniform(-1e4, 1e4) for _ in range(n)]
    ok = [rng.random() < 0.5 for _ in range(n)]
    table = pa.table({"id": pa.array(ids, pa.int64()), "name": pa.array(names, pa.string()),
                      "v": pa.array(v, pa.float64()), "ok": pa.array(ok, pa.bool_())})
    pq.write_table(table, HERE / f"{name}.parquet", compression="none", use_dictionary=False)
    write_expected_cols(name, [("id", "integer", ids), ("name", "text", names),
                               ("v", "double", v), ("ok", "boolean", ok)])
    return name


# --------------------------------------------------------------------------
# 5. pyarrow-int96: legacy INT96 timestamps


def make_pyarrow_int96():
    name = "pyarrow-int96"
    rng = random.Random(1005)
    n = 50
    ids = list(range(n))
    lo_us = int((dt.datetime(1900, 1, 1) - EPOCH).total_seconds()) * 10**6
    hi_us = int((dt.datetime(2100, 12, 31) - EPOCH).total_seconds()) * 10**6
    us = [rng.randint(lo_us, hi_us) for _ in range(n)]
    kept = place(us, [0, -1, 1, 86_400_000_000 - 1, -86_400_000_000, lo_us, 951_782_400_000_000])
    us = with_nulls(rng, us, keep=kept)
    table = pa.table({"id": pa.array(ids, pa.int64()),
                      "ts": pa.array([None if u is None else u * 1000 for u in us], pa.timestamp("ns"))})
    pq.write_table(table, HERE / f"{name}.parquet", use_deprecated_int96_timestamps=True)
    write_expected_cols(name, [("id", "integer", ids),
                               ("ts", "timestamp", [None if u is None else us_to_datetime(u) for u in us])])
    return name


def make_time_out_of_range():
    """Times of day a damaged file can hold: negative, past a day, too large to scale (FuzzParquet
    found the negative ones trapping). Carnet writes them as they are, signed."""
    name = "time-out-of-range"
    t64 = pa.Array.from_buffers(pa.time64("us"), 3, [None, pa.py_buffer(struct.pack("<3q", -1_500_000, 3_723_000_001, -9_000_000_000_000_000_000))])
    t32 = pa.Array.from_buffers(pa.time32("ms"), 3, [None, pa.py_buffer(struct.pack("<3i", -1500, 2_147_483_647, 0))])
    pq.write_table(pa.table({"t64": t64, "t32": t32}), HERE / f"{name}.parquet")
    write_expected_cols(name, [("t64", "text", ["-00:00:01.500000", "01:02:03.000001", "-2500000000:00:00"]),
                               ("t32", "text", ["-00:00:01.500000", "596:31:23.647000", "00:00:00"])])
    return name


# --------------------------------------------------------------------------
# 6-7. DuckDB COPY, default (V1) and V2 + zstd

DUCKDB_SELECT = """
SELECT
  CAST(i AS INTEGER) AS id,
  CAST(CASE WHEN i % 7 = 0 THEN NULL
            WHEN i = 1 THEN 9223372036854775807
            WHEN i = 2 THEN -9223372036854775807 - 1
            WHEN i % 2 = 0 THEN (i * 2654435761) % 4294967296 * 1000003
            ELSE -((i * 2654435761) % 4294967296) END AS BIGINT) AS big,
  CAST(CASE WHEN i % 11 = 3 THEN NULL
            WHEN i % 13 = 1 THEN ((i * 7919) % 10007 - 5003) * 1e12
            WHEN i % 13 = 2 THEN ((i * 7919) % 10007 - 5003) * 1e-9
            ELSE ((i * 7919) % 10007 - 5003) / 7.0 END AS DOUBLE) AS x,
  CAST(CASE WHEN i % 5 = 4 THEN NULL
            WHEN i = 3 THEN 9999999999.99
            WHEN i = 6 THEN -9999999999.99
            ELSE ((i * 104729) % 150 * 1999 - 150000) / 100.0 END AS DECIMAL(12, 2)) AS price,
  CASE WHEN i % 9 = 0 THEN NULL
       WHEN i = 1 THEN DATE '1969-12-31'
       WHEN i = 2 THEN DATE '1970-01-01'
       ELSE DATE '1970-01-01' + CAST(((i * 7919) % 400 - 200) * 97 AS INTEGER) END AS d,
  CASE WHEN i % 8 = 5 THEN NULL
       WHEN i = 1 THEN make_timestamp(CAST(-1 AS BIGINT))
       WHEN i = 2 THEN make_timestamp(CAST(0 AS BIGINT))
       ELSE make_timestamp(CAST(((i * 104729 * 1000003) % 4000000000000000) - 2000000000000000 AS BIGINT))
  END AS ts,
  CASE WHEN i % 13 = 0 THEN NULL
       WHEN i = 1 THEN ''
       WHEN i % 5 = 0 THEN 'unique-' || CAST(i AS VARCHAR)
       ELSE (['Montpellier', 'Sète', 'Lunel', 'Pérols'])[i % 4 + 1] END AS name,
  CASE WHEN i % 17 = 0 THEN NULL ELSE i % 3 = 0 END AS ok
FROM range(2000) t(i)
ORDER BY i
"""
DUCKDB_TYPES = [("id", "integer"), ("big", "integer"), ("x", "double"), ("price", "decimal(2)"),
                ("d", "date"), ("ts", "timestamp"), ("name", "text"), ("ok", "boolean")]


def make_duckdb(name, options):
    con = duckdb.connect()
    con.execute("SET threads = 1")
    path = HERE / f"{name}.parquet"
    con.execute(f"COPY ({DUCKDB_SELECT}) TO '{path}' ({options})")
    rows = con.execute(DUCKDB_SELECT).fetchall()
    assert [d[0] for d in con.description] == [c for c, _ in DUCKDB_TYPES]
    con.close()
    write_expected(name, DUCKDB_TYPES, rows)
    return name


# --------------------------------------------------------------------------
# 8. polars-default


def make_polars_default():
    name = "polars-default"
    rng = random.Random(1008)
    n = 1000
    ids = list(range(n))
    nn = [rng.randint(-2**31, 2**31 - 1) if rng.random() < 0.1 else rng.randint(-1000, 1000) for _ in range(n)]
    x = [rng.uniform(-1e3, 1e3) for _ in range(n)]
    cats = ["Montpellier Méditerranée Métropole", "Pays de l'Or", "Sète Agglopôle", "Lunel Agglo", "Grand Pic Saint-Loup"]
    cat = [rng.choice(cats) for _ in range(n)]
    s = with_nulls(rng, [f"dossier-{rng.randint(0, 99999):05d}" for _ in range(n)], rate=0.1)
    place(s, ["", "à\tb", "🦊"])
    d0, d1 = dt.date(1950, 1, 1).toordinal(), dt.date(2050, 12, 31).toordinal()
    d = [dt.date.fromordinal(rng.randint(d0, d1)) for _ in range(n)]
    place(d, [dt.date(1969, 12, 31), dt.date(1970, 1, 1)])
    lo_us, hi_us = -631152000_000000, 2524607999_000000
    ts_us = [rng.randint(lo_us, hi_us) for _ in range(n)]
    place(ts_us, [-1, 0])
    ts = [us_to_datetime(u) for u in ts_us]
    b = with_nulls(rng, [rng.random() < 0.5 for _ in range(n)], rate=0.1)
    df = pl.DataFrame([
        pl.Series("id", ids, dtype=pl.Int64),
        pl.Series("n", nn, dtype=pl.Int32),
        pl.Series("x", x, dtype=pl.Float64),
        pl.Series("cat", cat, dtype=pl.Categorical),
        pl.Series("s", s, dtype=pl.Utf8),
        pl.Series("d", d, dtype=pl.Date),
        pl.Series("ts", ts, dtype=pl.Datetime("us")),
        pl.Series("b", b, dtype=pl.Boolean),
    ])
    df.write_parquet(HERE / f"{name}.parquet")
    write_expected_cols(name, [("id", "integer", ids), ("n", "integer", nn), ("x", "double", x),
                               ("cat", "text", cat), ("s", "text", s), ("d", "date", d),
                               ("ts", "timestamp", ts), ("b", "boolean", b)])
    return name


# --------------------------------------------------------------------------
# 9. nested: list and struct columns, which Carnet skips


def make_nested():
    name = "nested"
    rng = random.Random(1009)
    n = 40
    ids = list(range(n))
    names = with_nulls(rng, [f"site {i}" for i in range(n)], rate=0.1)
    tag_pool = ["verre", "papier", "ordures", "textile", "é"]
    tags = []
    for i in range(n):
        r = rng.random()
        tags.append(None if r < 0.1 else [] if r < 0.2 else
                    [rng.choice(tag_pool) if rng.random() < 0.9 else None for _ in range(rng.randint(1, 4))])
    points = []
    for i in range(n):
        r = rng.random()
        points.append(None if r < 0.1 else {"x": round(rng.uniform(3.7, 4.1), 5),
                                            "y": None if r < 0.15 else round(rng.uniform(43.4, 43.8), 5)})
    score = with_nulls(rng, [round(rng.uniform(0, 20), 2) for _ in range(n)], rate=0.1)
    table = pa.table({
        "id": pa.array(ids, pa.int64()),
        "name": pa.array(names, pa.string()),
        "tags": pa.array(tags, pa.list_(pa.string())),
        "point": pa.array(points, pa.struct([("x", pa.float64()), ("y", pa.float64())])),
        "score": pa.array(score, pa.float64()),
    })
    pq.write_table(table, HERE / f"{name}.parquet")
    write_expected_cols(name, [("id", "integer", ids), ("name", "text", names), ("score", "double", score)])
    return name


# --------------------------------------------------------------------------
# 10. empty: zero rows


def make_empty():
    name = "empty"
    table = pa.table({"id": pa.array([], pa.int64()), "name": pa.array([], pa.string())})
    pq.write_table(table, HERE / f"{name}.parquet")
    write_expected_cols(name, [("id", "integer", []), ("name", "text", [])])
    return name


# --------------------------------------------------------------------------
# 11. brotli: a codec Carnet refuses


def make_brotli():
    name = "brotli"
    rng = random.Random(1011)
    n = 20
    ids = list(range(n))
    names = [rng.choice(["Agde", "Béziers", "Pézenas", "Lodève"]) for _ in range(n)]
    v = [round(rng.uniform(0, 100), 2) for _ in range(n)]
    table = pa.table({"id": pa.array(ids, pa.int64()), "name": pa.array(names, pa.string()),
                      "v": pa.array(v, pa.float64())})
    pq.write_table(table, HERE / f"{name}.parquet", compression="brotli")
    write_expected_cols(name, [("id", "integer", ids), ("name", "text", names), ("v", "double", v)])
    return name


def main():
    made = [
        make_pyarrow_types(),
        make_pyarrow_v2_delta(),
        make_pyarrow_gzip_pages(),
        make_pyarrow_plain(),
        make_pyarrow_int96(),
        make_time_out_of_range(),
        make_duckdb("duckdb-default", "FORMAT parquet"),
        make_duckdb("duckdb-v2", "FORMAT parquet, PARQUET_VERSION V2, COMPRESSION zstd"),
        make_polars_default(),
        make_nested(),
        make_empty(),
        make_brotli(),
    ]
    total = expected = 0
    for name in made:
        size = check_size(name)
        total += size
        tsv = (HERE / f"{name}.expected.tsv").stat().st_size
        expected += tsv
        print(f"{name}.parquet\t{size} bytes\t(expected.tsv {tsv} bytes)")
    assert total < 600_000, total
    print(f"total: {total} bytes of Parquet, {expected} bytes of expected values")


if __name__ == "__main__":
    sys.exit(main())
