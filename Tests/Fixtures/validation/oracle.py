#!/usr/bin/env python3
"""Differential-test oracle: frictionless-py's verdict on generated CSV files.

Usage: python oracle.py OUTDIR SCHEMA.json [SCHEMA.json ...]

For each Table Schema it writes into OUTDIR a small valid CSV file and one file
per broken rule (each changes one cell or one structural thing of the valid
rows), validates each with frictionless, and prints one JSON document on stdout:

    [{"file": "cnig-pole-eco-valid.csv", "schema": "<path as given>",
      "rule": "valid", "valid": true, "errors": []}, ...]

Each error is {"row": int|null, "field": str|null, "type": str,
"constraint": str|null}. "row" is frictionless's row number (the header is row
1, blank lines count) and is null for header (label) errors; "field" is null
where frictionless gives no field name (blank-row, extra-cell); "constraint"
is the constraint name of a constraint-error, else null.

Everything is deterministic: no randomness, no clock. A schema that frictionless
cannot load is reported on stderr and skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import warnings
import unicodedata
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_constants
    import sre_parse

import frictionless
from frictionless import Dialect, Resource, Schema, formats

DATA_ROWS = 3
BROKEN_ROW = 1  # index in the data rows: the second data row, frictionless row 3
TYPED = ["integer", "number", "boolean", "date", "datetime", "year", "yearmonth",
         "time", "geopoint", "geojson"]
BASE_DATE = dt.datetime(2020, 1, 15, 10, 30, 0)


# ---------------------------------------------------------------- validation

def validate(path: Path, schema: Schema) -> tuple[bool, list[dict]]:
    resource = Resource(
        # frictionless refuses absolute paths ("not safe"): give the folder as basepath.
        path=path.name,
        basepath=str(path.parent.resolve()),
        schema=schema,
        format="csv",
        encoding="utf-8",
        dialect=Dialect(header_rows=[1], controls=[formats.CsvControl(delimiter=",")]),
    )
    report = resource.validate()
    found = list(report.errors)
    for task in report.tasks:
        found.extend(task.errors)
    out = []
    for error in found:
        constraint = None
        if error.type == "constraint-error":
            m = re.match(r'constraint "(\w+)"', error.note or "")
            constraint = m.group(1) if m else None
        out.append({
            "row": getattr(error, "row_number", None),
            "field": getattr(error, "field_name", None) or None,
            "type": error.type,
            "constraint": constraint,
        })
    return report.valid, out


def cell_notes(field, value: str):
    """frictionless's notes for one cell (None when the cell is valid)."""
    _, notes = field.read_cell(value)
    return notes


# ---------------------------------------------------------------- values

def gen_from_regex(pattern: str, variant: int = 0) -> str | None:
    """A string the regex matches: the first branch, the first char of each set,
    the smallest repeat count (at least 1 when variant > 0)."""
    try:
        tree = sre_parse.parse(pattern)
    except Exception:
        return None
    groups: dict[int, str] = {}

    def first_char(items) -> str:
        for op, av in items:
            if op == sre_constants.NEGATE:
                continue
            if op == sre_constants.LITERAL:
                return chr(av)
            if op == sre_constants.RANGE:
                return chr(av[0])
            if op == sre_constants.CATEGORY:
                return {sre_constants.CATEGORY_DIGIT: "0",
                        sre_constants.CATEGORY_SPACE: " ",
                        sre_constants.CATEGORY_WORD: "a"}.get(av, "a")
        return "a"

    def gen(seq) -> str:
        out = []
        for op, av in seq:
            if op == sre_constants.LITERAL:
                out.append(chr(av))
            elif op == sre_constants.NOT_LITERAL:
                out.append("a" if chr(av) != "a" else "b")
            elif op == sre_constants.ANY:
                out.append("a")
            elif op == sre_constants.IN:
                if av and av[0][0] == sre_constants.NEGATE:
                    out.append("a")
                else:
                    out.append(first_char(av))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                lo, hi, sub = av
                n = lo
                if variant and n == 0:
                    n = 1
                out.append(gen(sub) * n)
            elif op == sre_constants.SUBPATTERN:
                gid, _, _, sub = av
                text = gen(sub)
                if gid:
                    groups[gid] = text
                out.append(text)
            elif op == sre_constants.BRANCH:
                _, branches = av
                out.append(gen(branches[min(variant, len(branches) - 1)] if variant > 1 else branches[0]))
            elif op == sre_constants.GROUPREF:
                out.append(groups.get(av, ""))
            elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                pass
            elif op == sre_constants.CATEGORY:
                out.append("0")
            else:
                return ""
        return "".join(out)

    try:
        return gen(tree)
    except Exception:
        return None


def example_candidates(desc: dict) -> list[str]:
    out = []
    for key in ("example", "examples"):
        ex = desc.get(key)
        if ex is None or ex == "":
            continue
        if isinstance(ex, (dict, list)):
            out.append(json.dumps(ex))
        elif isinstance(ex, bool):
            out.append("true" if ex else "false")
        else:
            out.append(str(ex))
    return out


def synth_candidates(field, desc: dict) -> list[str]:
    c = desc.get("constraints", {})
    t, fmt = field.type, field.format or "default"
    out: list[str] = []
    if "enum" in c and c["enum"]:
        out.append(str(c["enum"][0]))
    if t == "string":
        if "pattern" in c:
            for v in range(3):
                g = gen_from_regex(c["pattern"], v)
                if g is not None:
                    out.append(g)
        if fmt == "email":
            out.append("contact@example.fr")
        elif fmt == "uri":
            out.append("https://www.example.fr/image.png")
        elif fmt == "uuid":
            out.append("65d5b6c7-102c-4440-ac3b-768f708edc0a")
        lo, hi = c.get("minLength"), c.get("maxLength")
        base = "texte"
        if lo and len(base) < lo:
            base = base + "x" * (lo - len(base))
        if hi and len(base) > hi:
            base = base[:hi]
        out.append(base)
    elif t in ("integer", "number"):
        lo, hi = c.get("minimum"), c.get("maximum")
        if lo is not None and hi is not None:
            mid = (float(lo) + float(hi)) / 2
            out.append(str(int(mid)) if t == "integer" else repr(round(mid, 4)))
            out.append(str(lo))
        elif lo is not None:
            out.append(str(lo))
        elif hi is not None:
            out.append(str(hi))
        out.append("12" if t == "integer" else "12.5")
    elif t == "boolean":
        out.append(str((field.true_values or ["true"])[0]))
    elif t == "date":
        out.append(BASE_DATE.date().isoformat() if fmt in ("default", "any") else BASE_DATE.strftime(fmt))
    elif t == "datetime":
        out.append("2020-01-15T10:30:00Z" if fmt in ("default", "any") else BASE_DATE.strftime(fmt))
    elif t == "time":
        out.append("10:30:00" if fmt in ("default", "any") else BASE_DATE.strftime(fmt))
    elif t == "year":
        out.append("2020")
    elif t == "yearmonth":
        out.append("2020-01")
    elif t == "geopoint":
        out.extend({"array": ["[2.35, 48.85]"], "object": ['{"lon": 2.35, "lat": 48.85}']}
                   .get(fmt, ["2.35, 48.85"]))
    elif t == "geojson":
        out.append('{"type": "Point", "coordinates": [2.35, 48.85]}')
    elif t == "object":
        out.append('{"a": 1}')
    elif t == "array":
        out.append("[1]")
    elif t == "duration":
        out.append("P1D")
    else:
        out.append("texte")
    return out


def variants(value: str, n: int) -> list[str]:
    """n distinct variants of value (for unique fields and primary keys)."""
    m = re.search(r"(\d+)(\D*)$", value)
    if m:
        digits = m.group(1)
        out = []
        for i in range(n):
            num = str((int(digits) + i) % (10 ** len(digits))).zfill(len(digits))
            out.append(value[: m.start(1)] + num + m.group(2))
        return out
    return [value] + [value + str(i) for i in range(1, n)]


# ---------------------------------------------------------------- per schema

def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "x"


def write_csv(path: Path, header: list[str], rows: list[list[str]], blank_after: int | None = None):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for i, row in enumerate(rows):
        w.writerow(row)
        if blank_after is not None and i == blank_after:
            buf.write("\n")
    path.write_text(buf.getvalue(), encoding="utf-8")


class SchemaCase:
    def __init__(self, path: str, outdir: Path):
        self.path = path
        self.outdir = outdir
        self.descriptor = json.loads(Path(path).read_text(encoding="utf-8"))
        # From the parsed descriptor, not the path: a Schema that remembers an
        # absolute path makes frictionless refuse the resource ("not safe").
        self.schema = Schema.from_descriptor(self.descriptor)
        self.slug = slugify(Path(path).stem)
        self.fields = list(self.schema.fields)
        self.names = [f.name for f in self.fields]
        self.descs = {d["name"]: d for d in self.descriptor["fields"]}
        pk = self.schema.primary_key or []
        self.pk = [pk] if isinstance(pk, str) else list(pk)
        self.results: list[dict] = []
        self.problems: list[str] = []

    def constraints(self, field) -> dict:
        return field.constraints or {}

    def is_unique(self, field) -> bool:
        return bool(self.constraints(field).get("unique")) or field.name in self.pk

    # -- valid rows
    def choose_value(self, field, skip: set[str]) -> str | None:
        desc = self.descs.get(field.name, {})
        for cand in example_candidates(desc) + synth_candidates(field, desc):
            if cand in skip or cand == "":
                continue
            if cell_notes(field, cand) is None:
                return cand
        return None

    def build_valid(self) -> list[list[str]]:
        tried: dict[str, set[str]] = {n: set() for n in self.names}
        for _ in range(5):
            base = {}
            for f in self.fields:
                v = self.choose_value(f, tried[f.name])
                if v is None:
                    if f.required:
                        self.problems.append(f"{self.slug}: no valid value for required field {f.name}")
                    v = ""
                base[f.name] = v
            rows = []
            for i in range(DATA_ROWS):
                row = []
                for f in self.fields:
                    v = base[f.name]
                    if self.is_unique(f) and v:
                        vs = variants(v, DATA_ROWS)
                        if all(cell_notes(f, x) is None for x in vs):
                            v = vs[i]
                        else:
                            v = v + ("" if i == 0 else str(i))
                    row.append(v)
                rows.append(row)
            probe = self.outdir / f"{self.slug}-valid.csv"
            write_csv(probe, self.names, rows)
            valid, errs = validate(probe, self.schema)
            if valid:
                return rows
            bad = {e["field"] for e in errs if e["field"]}
            if not bad:
                break
            for name in bad:
                tried[name].add(base[name])
        self.problems.append(f"{self.slug}: could not build a valid file")
        return rows

    # -- recording
    def emit(self, rule_id: str, rule: str, header, rows, blank_after=None):
        name = f"{self.slug}-{slugify(rule_id)}.csv"
        path = self.outdir / name
        write_csv(path, header, rows, blank_after)
        valid, errs = validate(path, self.schema)
        self.results.append({"file": name, "schema": self.path, "rule": rule,
                             "valid": valid, "errors": errs})

    def with_cell(self, rows, field_name: str, value: str, row: int = BROKEN_ROW):
        out = [list(r) for r in rows]
        out[row][self.names.index(field_name)] = value
        return out

    def pick_failing(self, field, cands, want: str) -> str | None:
        """The first candidate whose only failure is `want` (a note key), else the
        first that fails `want` at all."""
        fallback = None
        for c in cands:
            notes = cell_notes(field, c)
            if notes and want in notes:
                if set(notes) == {want}:
                    return c
                fallback = fallback or c
        return fallback

    def run(self):
        rows = self.build_valid()
        self.emit("valid", "valid", self.names, rows)
        names = self.names
        cur = lambda f: rows[BROKEN_ROW][names.index(f.name)]

        for f in self.fields:
            if f.required:
                self.emit(f"required-{f.name}", f"required-empty:{f.name}", names,
                          self.with_cell(rows, f.name, ""))
        for f in self.fields:
            if f.type in TYPED:
                self.emit(f"type-{f.name}", f"wrong-type-abc:{f.name}", names,
                          self.with_cell(rows, f.name, "abc"))
        for f in self.fields:
            c = self.constraints(f)
            if "enum" in c:
                v = self.pick_failing(f, ["valeur-hors-liste", "zzz", "hors liste"], "enum")
                if v is None:
                    self.problems.append(f"{self.slug}: no out-of-enum value for {f.name}")
                    continue
                self.emit(f"enum-{f.name}", f"enum-outside:{f.name}", names,
                          self.with_cell(rows, f.name, v))
            if "pattern" in c:
                base = cur(f)
                cands = ["!" + base, base + "!", "???", "abc def", "0", "zzz", "x" * 5]
                lo, hi = c.get("minLength"), c.get("maxLength")
                if lo:
                    cands.append("!" * lo)
                v = self.pick_failing(f, cands, "pattern")
                if v is None:
                    self.problems.append(f"{self.slug}: no pattern-breaking value for {f.name}")
                else:
                    self.emit(f"pattern-{f.name}", f"pattern-mismatch:{f.name}", names,
                              self.with_cell(rows, f.name, v))
            for bound, delta in (("minimum", -1), ("maximum", 1)):
                if bound in c:
                    b = c[bound]
                    v = str(int(b) + delta) if f.type == "integer" else repr(float(b) + delta)
                    if cell_notes(f, v) is None or bound not in cell_notes(f, v):
                        self.problems.append(f"{self.slug}: no {bound} breaking value for {f.name}")
                        continue
                    self.emit(f"{bound}-{f.name}", f"{bound}-out-of-bounds:{f.name}", names,
                              self.with_cell(rows, f.name, v))
            if c.get("minLength", 0) > 1:
                n = c["minLength"] - 1
                base = cur(f)
                v = self.pick_failing(f, [base[:n], "a" * n, "0" * n], "minLength")
                if v:
                    self.emit(f"minLength-{f.name}", f"too-short:{f.name}", names,
                              self.with_cell(rows, f.name, v))
            elif "minLength" in c:
                self.problems.append(f"{self.slug}: minLength {c['minLength']} of {f.name}: "
                                     "a shorter value is the empty cell, tested as required-empty")
            if "maxLength" in c:
                n = c["maxLength"] + 1
                base = cur(f)
                v = self.pick_failing(f, [base + base[-1:] * (n - len(base)),
                                          base + "0" * (n - len(base)), "a" * n], "maxLength")
                if v:
                    self.emit(f"maxLength-{f.name}", f"too-long:{f.name}", names,
                              self.with_cell(rows, f.name, v))
            if c.get("unique"):
                dup = self.with_cell(rows, f.name, rows[0][names.index(f.name)])
                self.emit(f"unique-{f.name}", f"unique-duplicate:{f.name}", names, dup)
        if self.pk:
            dup = [list(r) for r in rows]
            for k in self.pk:
                dup[BROKEN_ROW][names.index(k)] = rows[0][names.index(k)]
            self.emit("primary-key-duplicate", f"primary-key-duplicate:{','.join(self.pk)}", names, dup)

        # Structure
        self.emit("missing-column", f"missing-column:{names[-1]}", names[:-1], [r[:-1] for r in rows])
        self.emit("extra-column", "extra-column:colonne_en_trop", names + ["colonne_en_trop"],
                  [r + ["x"] for r in rows])
        self.emit("renamed-header", f"renamed-header:{names[0]}", ["## " + names[0]] + names[1:], rows)
        extra = [list(r) for r in rows]
        extra[BROKEN_ROW].append("x")
        self.emit("extra-cell", "extra-cell", names, extra)
        missing = [list(r) for r in rows]
        missing[BROKEN_ROW] = missing[BROKEN_ROW][:-1]
        self.emit("missing-cell", f"missing-cell:{names[-1]}", names, missing)
        self.emit("blank-row", "blank-row-after-data-row-1", names, rows, blank_after=0)

        # Value forms
        optional_num = [f for f in self.fields if f.type in ("number", "integer") and not f.required]
        if optional_num:
            f = optional_num[0]
            self.emit(f"NA-{f.name}", f"NA-in-optional-number:{f.name}", names,
                      self.with_cell(rows, f.name, "NA"))
        dates_default = [f for f in self.fields if f.type == "date" and f.format in (None, "default")]
        if dates_default:
            f = dates_default[0]
            self.emit(f"date-dmy-{f.name}", f"date-dd/mm/yyyy-default-format:{f.name}", names,
                      self.with_cell(rows, f.name, "26/03/2016"))
        dates_iso_fmt = [f for f in self.fields if f.type == "date" and f.format == "%Y-%m-%d"]
        if dates_iso_fmt:
            f = dates_iso_fmt[0]
            self.emit(f"date-dmy-strftime-{f.name}", f"date-dd/mm/yyyy-%Y-%m-%d-format:{f.name}", names,
                      self.with_cell(rows, f.name, "26/03/2016"))
        pct_y = [f for f in self.fields if f.type in ("date", "year") and f.format == "%Y"]
        if pct_y:
            f = pct_y[0]
            self.emit(f"pct-Y-year-{f.name}", f"%Y-format-year-2015:{f.name}", names,
                      self.with_cell(rows, f.name, "2015"))
            self.emit(f"pct-Y-fulldate-{f.name}", f"%Y-format-full-date:{f.name}", names,
                      self.with_cell(rows, f.name, "2015-06-04"))
        numbers = [f for f in self.fields if f.type == "number"]
        if numbers:
            f = numbers[0]
            self.emit(f"hex-{f.name}", f"number-hex-0x10:{f.name}", names,
                      self.with_cell(rows, f.name, "0x10"))
            if (f.decimal_char or ".") == "." and not f.group_char:
                self.emit(f"french-number-{f.name}", f"number-french-1 234,5:{f.name}", names,
                          self.with_cell(rows, f.name, "1 234,5"))
            # Python's Decimal() reads these, so frictionless accepts them.
            self.emit(f"nan-{f.name}", f"number-NaN:{f.name}", names,
                      self.with_cell(rows, f.name, "NaN"))
            self.emit(f"exponent-{f.name}", f"number-exponent-1e3:{f.name}", names,
                      self.with_cell(rows, f.name, "1e3"))
        integers = [f for f in self.fields if f.type == "integer"]
        if integers:
            f = integers[0]
            self.emit(f"integer-decimal-{f.name}", f"integer-with-decimals-5.0:{f.name}", names,
                      self.with_cell(rows, f.name, "5.0"))
        custom_bool = [f for f in self.fields if f.type == "boolean"
                       and "true" not in (f.true_values or [])]
        if custom_bool:
            f = custom_bool[0]
            self.emit(f"boolean-true-{f.name}", f"boolean-true-with-custom-trueValues:{f.name}", names,
                      self.with_cell(rows, f.name, "true"))
        for fmt, bad in (("email", "pas-un-email"), ("uri", "www.exemple.fr")):
            fs = [f for f in self.fields if f.type == "string" and f.format == fmt]
            if fs:
                f = fs[0]
                self.emit(f"format-{fmt}-{f.name}", f"string-format-{fmt}:{f.name}", names,
                          self.with_cell(rows, f.name, bad))
        # A pattern without a final `$`: frictionless wraps it as ^(...)$, so a
        # value that only starts with a match still fails.
        for f in self.fields:
            pat = self.constraints(f).get("pattern")
            if pat and not pat.endswith("$"):
                v = cur(f) + "x"
                if re.match(pat, v) and cell_notes(f, v):
                    self.emit(f"pattern-prefix-{f.name}", f"pattern-prefix-match-only:{f.name}", names,
                              self.with_cell(rows, f.name, v))
                    break
        # `enum` written beside `constraints` (CNIG): not a constraint for frictionless.
        for f in self.fields:
            desc = self.descs.get(f.name, {})
            if "enum" in desc and "enum" not in self.constraints(f):
                self.emit(f"enum-misplaced-{f.name}", f"enum-outside-constraints-ignored:{f.name}", names,
                          self.with_cell(rows, f.name, "valeur-hors-liste"))
                break


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    outdir = Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    results: list[dict] = []
    for schema_path in argv[2:]:
        try:
            case = SchemaCase(schema_path, outdir)
        except frictionless.FrictionlessException as e:
            print(f"skipped {schema_path}: frictionless cannot load it: {e}", file=sys.stderr)
            continue
        case.run()
        for p in case.problems:
            print(f"note: {p}", file=sys.stderr)
        results.extend(case.results)
    json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
