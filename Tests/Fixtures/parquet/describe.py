#!/usr/bin/env python3
"""Prints what is really inside each fixture: writer, row groups, and per column chunk the
physical and logical types, codec, the encodings listed in the metadata, and the pages found
by walking the page headers (type, encoding, count). Then reads every file back with pyarrow
and checks it against NAME.expected.tsv (a cross-check only: the expected files are written
from the Python values by make.py).

    .bench-venv/bin/python Tests/Fixtures/parquet/describe.py [NAME ...]
"""
import sys

sys.dont_write_bytecode = True
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make import HERE, cell  # noqa: E402

PAGE_TYPES = {0: "DATA_PAGE", 1: "INDEX_PAGE", 2: "DICTIONARY_PAGE", 3: "DATA_PAGE_V2"}
ENCODINGS = {0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
             6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY",
             9: "BYTE_STREAM_SPLIT"}


class Compact:
    """Just enough of the Thrift compact protocol to read a PageHeader."""

    def __init__(self, data, pos):
        self.data, self.pos = data, pos

    def byte(self):
        b = self.data[self.pos]
        self.pos += 1
        return b

    def varint(self):
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return result

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, t):
        if t in (1, 2):
            return t == 1
        if t == 3:
            return self.byte()
        if t in (4, 5, 6):
            return self.zigzag()
        if t == 7:
            self.pos += 8
            return None
        if t == 8:
            n = self.varint()
            self.pos += n
            return self.data[self.pos - n:self.pos]
        if t in (9, 10):
            h = self.byte()
            size, et = h >> 4, h & 0x0F
            if size == 15:
                size = self.varint()
            return [self.byte() == 1 if et in (1, 2) else self.value(et) for _ in range(size)]
        if t == 11:
            size = self.varint()
            if size:
                kv = self.byte()
                return [(self.value(kv >> 4), self.value(kv & 0x0F)) for _ in range(size)]
            return []
        if t == 12:
            return self.struct()
        raise ValueError(f"thrift type {t}")

    def struct(self):
        fields, last = {}, 0
        while True:
            h = self.byte()
            if h == 0:
                return fields
            delta, t = h >> 4, h & 0x0F
            fid = last + delta if delta else self.zigzag()
            fields[fid] = self.value(t)
            last = fid


def pages(data, col):
    # pyarrow's empty row group has data_page_offset 0 and only a dictionary page
    offsets = [col.data_page_offset]
    if col.has_dictionary_page and col.dictionary_page_offset:
        offsets.append(col.dictionary_page_offset)
    start = min(o for o in offsets if o > 0)
    pos, end, found = start, start + col.total_compressed_size, []
    while pos < end:
        reader = Compact(data, pos)
        header = reader.struct()
        ptype = PAGE_TYPES[header[1]]
        sub = header.get({"DATA_PAGE": 5, "INDEX_PAGE": 6, "DICTIONARY_PAGE": 7, "DATA_PAGE_V2": 8}[ptype], {})
        enc = sub.get(4 if ptype == "DATA_PAGE_V2" else 2)
        extra = ""
        if ptype == "DATA_PAGE_V2" and sub.get(7) is False:
            extra = " uncompressed"
        found.append(f"{ptype}/{ENCODINGS.get(enc, enc)}{extra}")
        pos = reader.pos + header[3]
    assert pos == end, (col.path_in_schema, pos, end)
    return found


def describe(name):
    path = HERE / f"{name}.parquet"
    data = path.read_bytes()
    pf = pq.ParquetFile(path)
    md = pf.metadata
    print(f"== {name}.parquet  {len(data)} bytes  created_by={md.created_by!r}  format_version={md.format_version}"
          f"  rows={md.num_rows}  row_groups={md.num_row_groups}")
    kv = md.metadata or {}
    if kv:
        print("   key/value metadata: " + ", ".join(k.decode() for k in kv))
    schema = pf.schema
    for j in range(len(schema)):
        c = schema.column(j)
        logical = c.logical_type.to_json() if c.logical_type is not None else "None"
        extra = f" length={c.length}" if c.physical_type == "FIXED_LEN_BYTE_ARRAY" else ""
        print(f"   column {c.path}: physical={c.physical_type}{extra} logical={logical}"
              f" converted={c.converted_type} max_def={c.max_definition_level} max_rep={c.max_repetition_level}")
    for i in range(md.num_row_groups):
        rg = md.row_group(i)
        print(f"   row group {i}: {rg.num_rows} rows")
        for j in range(rg.num_columns):
            col = rg.column(j)
            counts = Counter(pages(data, col))
            page_text = ", ".join(f"{n}x {p}" for p, n in counts.items())
            print(f"     {col.path_in_schema}: {col.compression} encodings={list(col.encodings)}"
                  f" pages: {page_text}")


def cross_check(name):
    expected = (HERE / f"{name}.expected.tsv").read_text(encoding="utf-8").split("\n")
    assert expected[-1] == ""
    names, types = expected[0].split("\t"), expected[1].split("\t")
    table = pq.read_table(HERE / f"{name}.parquet", columns=names)
    got = [expected[0], expected[1]]
    columns = [table.column(c).to_pylist() for c in names]
    for r in range(table.num_rows):
        got.append("\t".join(cell(columns[k][r], types[k]) for k in range(len(names))))
    if got != expected[:-1]:
        for a, b in zip(got, expected):
            if a != b:
                raise AssertionError(f"{name}: read back {a!r} but expected {b!r}")
        raise AssertionError(f"{name}: {len(got)} lines read back, {len(expected) - 1} expected")
    print(f"   read back with pyarrow: {table.num_rows} rows match {name}.expected.tsv")


def main(argv):
    names = argv or sorted(p.name[:-len(".parquet")] for p in HERE.glob("*.parquet"))
    for name in names:
        describe(name)
        cross_check(name)


if __name__ == "__main__":
    main(sys.argv[1:])
