#!/usr/bin/env python3
"""Differential test of Carnet's SQL against SQLite (python3's sqlite3 module), standard library only.

  python3 Tests/Differential/differential.py --carnet .build/debug/carnet [--seed N] [--tables 6]
                                             [--queries 400] [--keep DIR]

--tables is the number of table sets. Set k holds two tables, t1 with 0, 1, 2, 7, 50 or 300 rows
(k mod 6) and t2 of a random one of these sizes, columns i integer, j integer 0..4 (for grouping
and joins), d decimal(2), t text (small vocabulary, accents, a quote, a comma), u text (many
values), each column NULL at a rate of 0 %, 30 % or 100 %. Each set is written as CSV, loaded into
SQLite and into ONE carnet process, which runs --queries random queries in batch mode
(`echo @@Q<n>@@` before each); results are compared and the last line is `N passed, M failed`.

The generator is typed: each expression is written twice, once in Carnet's SQL (docs/sql.md)
and once in SQLite's, and knows its Carnet result type, which says how to compare the cells.
Known, intentional differences between the two and how each one is handled:
 1. Decimals: Carnet has exact decimal(s), SQLite only binary REAL. SQLite stores d as integer
    cents and every decimal(s) expression is written for SQLite as an integer holding value*10^s
    (rescaled for + - and comparisons; d*d has scale 4; round/floor/ceil in integer arithmetic,
    halves away from zero as PostgreSQL/DuckDB numeric). Decimal cells are compared exactly,
    including the scale Carnet prints (`12.50`, `sum` of decimal(2) → 2 decimals). Assumed from
    the spec: decimal(a) * integer is decimal(a) (an integer counts as decimal(0)), and unary
    minus, abs, CASE, COALESCE, NULLIF keep the type.
 2. Integer `/`: Carnet gives a double, SQLite truncates → SQLite gets CAST(x AS REAL) / y, and
    a decimal quotient is one REAL division of two exact integers. x / 0 and x % 0 are NULL in both.
 3. lower/upper: SQLite folds ASCII only → SQLite calls Python's str.lower/upper (py_lower,
    py_upper); ILIKE (not in SQLite) → py_lower(a) LIKE py_lower(p); strip_accents → Python
    (NFD without combining marks). Data is NFC, so characters = code points for length/substr.
 4. LIKE: SQLite ignores ASCII case by default → PRAGMA case_sensitive_like = ON. Patterns hold
    no backslash (PostgreSQL's default escape character; SQLite has none).
 5. concat(): not in SQLite 3.40 → coalesce(a, '') || coalesce(b, '').
 6. NULL order: Carnet puts NULLs last ascending, SQLite first → every ORDER BY key, also in
    OVER (…), says NULLS FIRST or NULLS LAST.
 7. Booleans: SQLite returns 1/0, Carnet prints true/false → mapped through the result type.
 8. '' and NULL both print as an empty CSV field and Carnet loads an empty field as NULL → the
    data has no empty strings, and an SQLite '' result compares equal to NULL. Carnet also reads
    NA, N/A, null, -, #N/A as NULL and edge spaces are trimmed → text values avoid them.
 9. Doubles: compared with relative tolerance 1e-9. How Carnet rounds a decimal quotient or an
    average may differ by an ulp, so only "exact" doubles (CAST(integer AS double), integer /
    integer, double literals) appear in WHERE/HAVING comparisons (against integers or doubles,
    never decimals), in DISTINCT rows and in window partitions; others are only projected.
    ORDER BY puts double columns last, so an ulp cannot reorder the other columns.
10. Text vs number comparison: SQLite allows it, Carnet refuses with an error naming both
    types → generated only as expected-error queries (as are unknown column and table names).
11. Integer overflow is an error in Carnet and silently REAL in SQLite → every integer and
    scaled-decimal expression carries a magnitude bound and `*` becomes `+` past 10^15.
12. round on REAL/INTEGER returns REAL in SQLite → round(integer) is written as the integer for
    SQLite; round of doubles is not generated. substr starts at 1 or more (SQLite counts a
    negative start from the end).
13. Row order: unordered results (and partial ORDER BY) are compared as multisets; LIMIT/OFFSET
    only follow an ORDER BY over every output column. GROUP BY keys are always output.
14. Window aggregates with ORDER BY use the default RANGE frame (peers included) in both.
"""
import argparse, csv, io, os, random, re, sqlite3, subprocess, sys, tempfile, time, unicodedata

SIZES = [0, 1, 2, 7, 50, 300]
WORDS = ['Dépense', 'Recette', 'école', "Zone d'activités", 'ZAE', 'Ecole', 'recette', 'Émission',
         'Zone "Nord", lot 2', 'ça']
U_CHARS = 'abcxyzABCZéÉçè01 _%,\'"'  # wildcards and CSV specials inside values, on purpose
NULL_WORDS = {'', 'na', 'n/a', 'null', '-', '#n/a'}
SCHEMA = [('i', 'int'), ('j', 'int'), ('d', 'dec2'), ('t', 'text'), ('u', 'text')]
LOAD = "load '{path}' as {name} with delimiter=',' decimal='.' header=true " \
       "types=i:integer,j:integer,d:decimal(2),t:text,u:text"
ALLT = ['int', 'int', 'dec2', 'dec2', 'dec1', 'dec4', 'dec0', 'dbl', 'text', 'text', 'bool']
MAXMAG = 10 ** 15


def scale(ty): return int(ty[3:]) if ty.startswith('dec') else 0
def is_num(ty): return ty == 'int' or ty.startswith('dec')
def sq(s): return "'" + s.replace("'", "''") + "'"


def fmt_dec(v, s):
    if s == 0: return str(v)
    sign, v = ('-' if v < 0 else ''), abs(v)
    return f'{sign}{v // 10 ** s}.{v % 10 ** s:0{s}d}'


class X:
    """One expression: c = Carnet SQL, q = SQLite SQL, ty = Carnet type, mag = bound of |value|
    in SQLite's scaled units, exact = a double both engines compute identically (note 9)."""
    def __init__(self, c, q, ty, mag=0, exact=True):
        self.c, self.q, self.ty, self.mag, self.exact = c, q, ty, mag, exact


class Ctx:
    """Names an expression may use: columns (or GROUP BY keys), and in an aggregate context the
    row context that aggregate arguments are drawn from."""
    def __init__(self, cols, row=None, big=False):
        self.cols, self.row, self.big = cols, row, big


def scaled(x, s):  # SQLite integer holding x * 10^s
    k = s - scale(x.ty)
    return x.q if k == 0 else f'({x.q} * {10 ** k})'


def real(x):
    if x.ty == 'dbl': return x.q
    if x.ty == 'int' or x.ty == 'dec0': return f'CAST({x.q} AS REAL)'
    return f'({x.q} / {10 ** scale(x.ty)}.0)'


class Gen:
    def __init__(self, rng, sizes):
        self.r, self.sizes = rng, sizes

    # ---- leaves -------------------------------------------------------------------------
    def lit(self, ty):
        r = self.r
        if ty == 'int':
            n = r.choice([r.randint(-20, 20), r.randint(0, 4), r.randint(-1000, 1000)])
            s = str(n) if n >= 0 else f'({n})'
            return X(s, s, ty, abs(n))
        if ty.startswith('dec'):
            s = scale(ty)
            if s == 0: return self.rounding(Ctx([]), 0)  # a literal like 12 is an integer
            v = r.choice([r.randint(-99999, 99999), r.randint(-50, 50) * 10 ** s // 2])
            c, q = fmt_dec(v, s), str(v)
            return X(c, q, ty, abs(v)) if v >= 0 else X(f'({c})', f'({q})', ty, abs(v))
        if ty == 'dbl':
            c = f'{r.randint(1, 99)}e{r.choice([-1, 0, 1])}'
            return X(c, c, ty)
        if ty == 'text':
            s = r.choice(WORDS + [self.word(), r.choice(['Z', 'é', 'e', 'Zone', 'a'])])
            return X(sq(s), sq(s), ty)
        b = r.choice(['TRUE', 'FALSE'])
        return X(b, b, 'bool')

    def word(self):
        while True:
            w = ''.join(self.r.choice(U_CHARS) for _ in range(self.r.randint(1, 5))).strip(' ')
            if w.lower() not in NULL_WORDS: return w

    def leaf(self, ty, cx):
        r = self.r
        if cx.row is not None and ty != 'bool' and r.random() < 0.55: return self.agg(ty, cx.row)
        cols = [c for c in cx.cols if c.ty == ty]
        if cols and r.random() < 0.8: return r.choice(cols)
        return self.lit(ty)

    def agg(self, ty, row):
        r = self.r
        big = 10 ** 5  # most rows an aggregate sees (300 x 300 join)
        if ty == 'int' and r.random() < 0.5:
            k = r.randrange(3)
            if k == 0: return X('count(*)', 'count(*)', 'int', big)
            a = self.gen(r.choice(['int', 'dec2', 'text', 'bool']), row, 1)
            dist = 'DISTINCT ' if k == 2 else ''
            return X(f'count({dist}{a.c})', f'count({dist}{a.q})', 'int', big)
        if ty == 'dbl':
            a = self.gen(r.choice(['int', 'dec2', 'dec1']), row, 1)
            q = f'avg({a.q})' if a.ty == 'int' else f'(avg({a.q}) / {10 ** scale(a.ty)}.0)'
            return X(f'avg({a.c})', q, 'dbl', exact=False)
        a = self.gen(ty, row, 1)
        fn = r.choice(['min', 'max'] if ty == 'text' or a.mag * big > MAXMAG else ['sum', 'min', 'max'])
        return X(f'{fn}({a.c})', f'{fn}({a.q})', ty, a.mag * (big if fn == 'sum' else 1))

    # ---- expressions --------------------------------------------------------------------
    def gen(self, ty, cx, depth=2):
        if ty == 'dec0' and (depth <= 0 or self.r.random() < 0.6): return self.rounding(cx, depth)
        if depth <= 0 or self.r.random() < 0.25: return self.leaf(ty, cx)
        if ty != 'bool' and self.r.random() < 0.12: return self.generic(ty, cx, depth - 1)
        kind = 'dec' if ty.startswith('dec') else ty
        return getattr(self, 'g_' + kind)(ty, cx, depth - 1)

    def generic(self, ty, cx, d):
        r, k = self.r, self.r.randrange(3)
        a, b = self.gen(ty, cx, d), self.gen(ty, cx, d)
        mag, ex = max(a.mag, b.mag), a.exact and b.exact
        if k == 0 or ty == 'dbl':
            w = self.gen('bool', cx, d)
            if r.random() < 0.3:
                return X(f'CASE WHEN {w.c} THEN {a.c} END', f'CASE WHEN {w.q} THEN {a.q} END', ty, a.mag, a.exact)
            return X(f'CASE WHEN {w.c} THEN {a.c} ELSE {b.c} END', f'CASE WHEN {w.q} THEN {a.q} ELSE {b.q} END', ty, mag, ex)
        fn = 'coalesce' if k == 1 else 'nullif'
        return X(f'{fn}({a.c}, {b.c})', f'{fn}({a.q}, {b.q})', ty, mag, ex)

    def arith(self, a, b, op, ty):
        if op == '*' and a.mag * b.mag > MAXMAG:  # keep the scale: multiply by a small literal
            v = 2 if b.ty == 'int' else 5 * 10 ** (scale(b.ty) - 1)
            b = X(str(v) if b.ty == 'int' else fmt_dec(v, scale(b.ty)), str(v), b.ty, v)
        if ty == 'int' or op == '*':
            return X(f'({a.c} {op} {b.c})', f'({a.q} {op} {b.q})', ty,
                     a.mag * b.mag if op == '*' else a.mag + b.mag)
        s = scale(ty)
        return X(f'({a.c} {op} {b.c})', f'({scaled(a, s)} {op} {scaled(b, s)})', ty,
                 (a.mag + b.mag) * 10 ** s)

    def unary(self, a):
        fn = self.r.choice(['-', 'abs'])
        if fn == '-': return X(f'(-{a.c})', f'(-{a.q})', a.ty, a.mag, a.exact)
        return X(f'abs({a.c})', f'abs({a.q})', a.ty, a.mag, a.exact)

    def g_int(self, ty, cx, d):
        r, k = self.r, self.r.randrange(6)
        if k <= 1: return self.arith(self.gen('int', cx, d), self.gen('int', cx, d), r.choice('+-*'), 'int')
        if k == 2:
            a, b = self.gen('int', cx, d), self.gen('int', cx, 0)
            return X(f'({a.c} % {b.c})', f'({a.q} % {b.q})', 'int', a.mag)
        if k == 3: return self.unary(self.gen('int', cx, d))
        if k == 4:
            a = self.gen('int', cx, d)
            return X(f'round({a.c})', a.q, 'int', a.mag)
        a = self.gen('text', cx, d)
        return X(f'length({a.c})', f'length({a.q})', 'int', 100)

    def rounding(self, cx, d, s=0):
        """round(x[, s]) with s < scale(x), floor(x), ceil(x), in SQLite's integer arithmetic."""
        a = self.gen(self.r.choice(['dec2', 'dec2', 'dec1'][:3 - s]), cx, d)
        f = 10 ** (scale(a.ty) - s)
        fn = self.r.choice(['round', 'floor', 'ceil'] if s == 0 else ['round'])
        if fn == 'round':
            c = f'round({a.c})' if s == 0 and self.r.random() < 0.5 else f'round({a.c}, {s})'
            q = f'(CASE WHEN {a.q} >= 0 THEN ({a.q} + {f // 2}) / {f} ELSE -((-{a.q} + {f // 2}) / {f}) END)'
        else:
            v = a.q if fn == 'floor' else f'(-{a.q})'
            q = f'(({v} - (({v} % {f} + {f}) % {f})) / {f})'
            c, q = f'{fn}({a.c})', q if fn == 'floor' else f'(-{q})'
        return X(c, q, f'dec{s}', a.mag // f + 1)

    def g_dec(self, ty, cx, d):
        r, s, k = self.r, scale(ty), self.r.randrange(6)
        if k <= 1:  # + - with the same scale, an integer, or a smaller scale
            other = r.choice([ty, 'int'] + ([f'dec{s - 1}'] if s > 1 else []))
            a, b = self.gen(ty, cx, d), self.gen(other, cx, d)
            if r.random() < 0.5: a, b = b, a
            return self.arith(a, b, r.choice('+-'), ty)
        if k == 2 and s >= 1:  # decimal(a) * decimal(b) -> decimal(a + b); * integer keeps a
            sa = r.choice([x for x in (s, s // 2) if x >= 1])
            a = self.gen(f'dec{sa}', cx, d)
            b = self.gen('int' if sa == s else f'dec{s - sa}', cx, d)
            return self.arith(a, b, '*', ty)
        if k == 3 and s <= 1: return self.rounding(cx, d, s)
        if k == 4:
            a = self.gen('int', cx, d)
            return X(f'CAST({a.c} AS decimal({s}))', f'({a.q} * {10 ** s})', ty, a.mag * 10 ** s)
        return self.unary(self.gen(ty, cx, d))

    def exact_dbl(self, cx):
        a, b = self.gen('int', cx, 1), self.gen('int', cx, 0)
        if self.r.random() < 0.4: return X(f'CAST({a.c} AS double)', f'CAST({a.q} AS REAL)', 'dbl')
        return X(f'({a.c} / {b.c})', f'(CAST({a.q} AS REAL) / {b.q})', 'dbl')

    def div(self, a, b):
        c = f'({a.c} / {b.c})'
        if a.ty == 'int' and b.ty == 'int': return X(c, f'(CAST({a.q} AS REAL) / {b.q})', 'dbl')
        sa, sb = scale(a.ty), scale(b.ty)
        if 'dbl' in (a.ty, b.ty) or a.mag * 10 ** sb >= 2 ** 53 or b.mag * 10 ** sa >= 2 ** 53:
            return X(c, f'({real(a)} / {real(b)})', 'dbl', exact=False)
        num, den = f'({a.q} * {10 ** sb})', f'({b.q} * {10 ** sa})'
        return X(c, f'(CAST({num} AS REAL) / {den})', 'dbl', exact=False)

    def g_dbl(self, ty, cx, d):
        r, k = self.r, self.r.randrange(4)
        nums = ['int', 'int', 'dec2', 'dec1', 'dbl']
        if k == 0:
            a = self.gen(r.choice(['int', 'dec2', 'dec1']), cx, d)
            return X(f'CAST({a.c} AS double)', real(a), 'dbl', exact=a.ty == 'int')
        if k == 1: return self.div(self.gen(r.choice(nums), cx, d), self.gen(r.choice(nums), cx, d))
        if k == 2:
            a, b, op = self.gen('dbl', cx, d), self.gen(r.choice(nums), cx, d), r.choice('+-*')
            if r.random() < 0.5: a, b = b, a
            return X(f'({a.c} {op} {b.c})', f'({real(a)} {op} {real(b)})', 'dbl', exact=False)
        return self.unary(self.gen('dbl', cx, d))

    def g_text(self, ty, cx, d):
        r, k = self.r, self.r.randrange(8)
        a = self.gen('text', cx, d)
        if k == 0:
            fn = r.choice(['lower', 'upper', 'strip_accents'])
            return X(f'{fn}({a.c})', f'py_{fn}({a.q})', ty)
        if k == 1: return X(f"trim(('  ' || {a.c} || ' '))", f"trim(('  ' || {a.q} || ' '))", ty)
        if k == 2:
            args = f'{r.randint(1, 4)}' + (f', {r.randint(0, 4)}' if r.random() < 0.6 else '')
            return X(f'substr({a.c}, {args})', f'substr({a.q}, {args})', ty)
        if k == 3:
            f, t = sq(r.choice(['e', 'é', 'Zone', 'a', 'ZAE', "'", ' '])), sq(r.choice(['', 'x', 'É', 'ab']))
            return X(f'replace({a.c}, {f}, {t})', f'replace({a.q}, {f}, {t})', ty)
        b = self.gen('text', cx, d)
        if k == 4: return X(f'({a.c} || {b.c})', f'({a.q} || {b.q})', ty)
        if k == 5: return X(f'concat({a.c}, {b.c})', f"(coalesce({a.q}, '') || coalesce({b.q}, ''))", ty)
        if k == 6:
            n = self.gen('int', cx, d)
            return X(f'CAST({n.c} AS text)', f'CAST({n.q} AS TEXT)', ty)
        return a

    def operands(self, cx, d, n):
        """n operands that may be compared: all numeric (exact doubles only with integers and
        doubles, note 9) or all text; returns them and their SQLite forms on a common scale."""
        r = self.r
        kind = r.choice(['int', 'dec2', 'dec1', 'dbl', 'text'])
        pool = {'int': ['int', 'int', 'dbl'], 'dbl': ['int', 'dbl'], 'text': ['text']}.get(kind, ['int', 'dec2', 'dec1'])
        xs = []
        for i in range(n):
            ty = kind if i == 0 else r.choice(pool)
            lit = i > 0 and r.random() < 0.6
            xs.append(self.exact_dbl(cx) if ty == 'dbl' and not lit else self.lit(ty) if lit else self.gen(ty, cx, d))
        if kind == 'text' or not any(x.ty == 'dbl' for x in xs):
            s = max(scale(x.ty) for x in xs)
            return xs, [scaled(x, s) if kind != 'text' else x.q for x in xs]
        return xs, [real(x) for x in xs]

    def pattern(self):
        r = self.r
        w = r.choice(WORDS + [self.word()])
        k = r.randrange(5)
        if k == 0: w = w[:r.randint(1, 3)] + '%'
        elif k == 1: w = '%' + w[-r.randint(1, 3):]
        elif k == 2: w = '%' + w[1:3] + '%'
        elif k == 3:
            p = r.randrange(len(w))
            w = w[:p] + '_' + w[p + 1:]
        return sq(w)

    def g_bool(self, ty, cx, d):
        r, k = self.r, self.r.randrange(10)
        if k <= 2:
            (a, b), (qa, qb) = self.operands(cx, d, 2)
            op = r.choice(['=', '<>', '<', '<=', '>', '>='])
            return X(f'({a.c} {op} {b.c})', f'({qa} {op} {qb})', ty)
        if k == 3:
            xs, qs = self.operands(cx, d, r.randint(2, 5))
            no = r.choice(['', 'NOT '])
            return X(f"({xs[0].c} {no}IN ({', '.join(x.c for x in xs[1:])}))",
                     f"({qs[0]} {no}IN ({', '.join(qs[1:])}))", ty)
        if k == 4:
            xs, qs = self.operands(cx, d, 3)
            no = r.choice(['', 'NOT '])
            return X(f'({xs[0].c} {no}BETWEEN {xs[1].c} AND {xs[2].c})', f'({qs[0]} {no}BETWEEN {qs[1]} AND {qs[2]})', ty)
        if k == 5:
            a, p, op = self.gen('text', cx, d), self.pattern(), r.choice(['LIKE', 'NOT LIKE', 'ILIKE'])
            q = f'(py_lower({a.q}) LIKE py_lower({p}))' if op == 'ILIKE' else f'({a.q} {op} {p})'
            return X(f'({a.c} {op} {p})', q, ty)
        if k == 6:
            a, op = self.gen(r.choice(ALLT), cx, d), r.choice(['IS NULL', 'IS NOT NULL'])
            return X(f'({a.c} {op})', f'({a.q} {op})', ty)
        if k == 7:
            a = self.gen('bool', cx, d)
            return X(f'(NOT {a.c})', f'(NOT {a.q})', ty)
        a, b, op = self.gen('bool', cx, d), self.gen('bool', cx, d), r.choice(['AND', 'OR'])
        return X(f'({a.c} {op} {b.c})', f'({a.q} {op} {b.q})', ty)

    # ---- queries ------------------------------------------------------------------------
    def base(self, alias=''):
        pre = alias + '.' if alias else ''
        mags = {'i': 1000, 'j': 4, 'd': 500000}
        return [X(pre + n, pre + n, ty, mags.get(n, 0)) for n, ty in SCHEMA]

    def source(self):
        """(Carnet WITH prefix + FROM, SQLite's, context)."""
        r, k = self.r, self.r.randrange(10)
        name = 't1' if r.random() < 0.8 else 't2'
        if k <= 5: return ('', f'FROM {name}'), ('', f'FROM {name}'), Ctx(self.base(), big=False)
        if k <= 7:  # a subquery or CTE keeping the schema, with computed columns
            b = Ctx(self.base())
            cols = [self.gen('int', b, 1), X('j', 'j', 'int', 4), self.gen('dec2', b, 1), self.gen('text', b, 1), X('u', 'u', 'text')]
            w = self.gen('bool', b, 2) if r.random() < 0.5 else None
            def inner(a):
                sel = ', '.join(f'{getattr(x, a)} AS {n}' for x, (n, _) in zip(cols, SCHEMA))
                return f'SELECT {sel} FROM {name}' + (f' WHERE {getattr(w, a)}' if w else '')
            out = Ctx([X(n, n, ty, x.mag) for x, (n, ty) in zip(cols, SCHEMA)])
            if k == 6: return ('', f'FROM ({inner("c")}) AS s'), ('', f'FROM ({inner("q")}) AS s'), out
            return (f'WITH s AS ({inner("c")}) ', 'FROM s'), (f'WITH s AS ({inner("q")}) ', 'FROM s'), out
        kind = r.choice(['JOIN', 'INNER JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'CROSS JOIN'])
        on = '' if kind == 'CROSS JOIN' else r.choice([' ON x.j = y.j', ' ON x.j = y.j AND x.i < y.i'] +
                                                      ([' USING (j)'] if 'LEFT' not in kind else []))
        f = f'FROM t1 AS x {kind} t2 AS y{on}'
        n1, n2 = self.sizes['t1'], self.sizes['t2']
        return ('', f), ('', f), Ctx(self.base('x') + self.base('y'), big=n1 * n2 > 4000)

    def order_by(self, types, total):
        r, n = self.r, len(types)
        keys = [k for k in range(n) if types[k] != 'dbl']
        r.shuffle(keys)
        keys = keys + [k for k in range(n) if types[k] == 'dbl'] if total else r.sample(range(n), r.randint(1, n))
        parts = [f"{k + 1 if r.random() < 0.7 else f'c{k + 1}'}{r.choice(['', ' ASC', ' DESC'])} NULLS {r.choice(['FIRST', 'LAST'])}" for k in keys]
        return ' ORDER BY ' + ', '.join(parts)

    def tail(self, types, can_order=True):
        """ORDER BY / LIMIT text and whether the result is totally ordered."""
        r, k = self.r, self.r.random()
        if not can_order or k < 0.35: return '', False
        total = k < 0.85
        t = self.order_by(types, total)
        if total and r.random() < 0.4:
            t += f' LIMIT {r.randint(0, 8)}' + (f' OFFSET {r.randint(0, 5)}' if r.random() < 0.5 else '')
        return t, total

    def window(self, cx):
        r = self.r
        col = lambda ty: r.choice([c for c in cx.cols if c.ty == ty])
        part = r.choice([None, col('int'), col('text')])
        order = r.choice([None, col('int'), col('text'), col('dec2')])
        fn = r.choice(['count(*)', 'sum', 'sum', 'min', 'max', 'avg'] + (['rank()'] * 2 if order else []))
        arg = col('int') if fn == 'avg' else col(r.choice(['int', 'dec2'] + (['text'] if fn in ('min', 'max') else [])))
        direction, nulls = r.choice(['', ' DESC']), r.choice(['FIRST', 'LAST'])
        def over(a):
            p = f'PARTITION BY {getattr(part, a)}' if part else ''
            o = f'ORDER BY {getattr(order, a)}{direction} NULLS {nulls}' if order else ''
            return f'OVER ({" ".join(x for x in (p, o) if x)})'
        if fn in ('count(*)', 'rank()'): return X(f'{fn} {over("c")}', f'{fn} {over("q")}', 'int')
        if fn == 'avg': return X(f'avg({arg.c}) {over("c")}', f'avg({arg.q}) {over("q")}', 'dbl', exact=False)
        return X(f'{fn}({arg.c}) {over("c")}', f'{fn}({arg.q}) {over("q")}', arg.ty)

    def query(self):
        """Returns (carnet SQL, SQLite SQL, result types, totally ordered, expected error words)."""
        r, k = self.r, self.r.random()
        if k < 0.03: return self.error_query()
        if k < 0.07:  # SELECT without FROM
            items = [self.gen(r.choice(ALLT), Ctx([]), 3) for _ in range(r.randint(1, 3))]
            sel = lambda a: 'SELECT ' + ', '.join(f'{getattr(x, a)} AS c{n + 1}' for n, x in enumerate(items))
            return sel('c'), sel('q'), [x.ty for x in items], True, None
        if k < 0.14: return self.union()
        (pc, fc), (pq, fq), cx = self.source()
        if k < 0.55 and not cx.big: return self.simple(pc, fc, pq, fq, cx)
        return self.aggregate(pc, fc, pq, fq, cx)

    def select(self, items, distinct, a):
        return f"SELECT {'DISTINCT ' if distinct else ''}" + ', '.join(f'{getattr(x, a)} AS c{n + 1}' for n, x in enumerate(items))

    def simple(self, pc, fc, pq, fq, cx):
        r = self.r
        items = [self.gen(r.choice(ALLT), cx, r.randint(0, 2)) for _ in range(r.randint(1, 4))]
        distinct = r.random() < 0.15 and all(x.exact for x in items)
        if not distinct and r.random() < 0.2: items += [self.window(cx) for _ in range(r.randint(1, 2))]
        w = self.gen('bool', cx, r.randint(1, 3)) if r.random() < 0.6 else None
        types = [x.ty for x in items]
        tail, total = self.tail(types)
        def sql(pre, frm, a):
            return f'{pre}{self.select(items, distinct, a)} {frm}' + (f' WHERE {getattr(w, a)}' if w else '') + tail
        return sql(pc, fc, 'c'), sql(pq, fq, 'q'), types, total, None

    def key_expr(self, x):
        """A GROUP BY expression over column x (a bare literal would be read as a position)."""
        r = self.r
        if x.ty == 'int': return r.choice([X(f'({x.c} % 3)', f'({x.q} % 3)', 'int', 3), X(f'({x.c} > 0)', f'({x.q} > 0)', 'bool')])
        if x.ty == 'text':
            return r.choice([X(f'substr({x.c}, 1, 2)', f'substr({x.q}, 1, 2)', 'text'), X(f'length({x.c})', f'length({x.q})', 'int', 100),
                             X(f'lower({x.c})', f'py_lower({x.q})', 'text')])
        return r.choice([X(f'abs({x.c})', f'abs({x.q})', x.ty, x.mag), X(f'({x.c} IS NULL)', f'({x.q} IS NULL)', 'bool')])

    def aggregate(self, pc, fc, pq, fq, cx):
        r = self.r
        lowcard = [c for c in cx.cols if c.c.split('.')[-1] in ('j', 't')]
        keys = {}
        for _ in range(r.choice([0, 1, 1, 2, 2, 3])):
            x = r.choice(lowcard if cx.big else cx.cols)
            if not cx.big and r.random() < 0.4: x = self.key_expr(x)
            keys.setdefault(x.c, x)
        keys = list(keys.values())
        actx = Ctx(keys, row=cx)
        aggs = [self.gen(r.choice(ALLT), actx, r.randint(0, 2)) for _ in range(r.randint(1, 3))]
        items = keys + aggs
        having = self.gen('bool', actx, 2) if keys and r.random() < 0.3 else None
        w = self.gen('bool', cx, r.randint(1, 2)) if r.random() < 0.4 else None
        pos = r.random() < 0.4
        types = [x.ty for x in items]
        tail, total = self.tail(types)
        def sql(pre, frm, a):
            s = f'{pre}{self.select(items, False, a)} {frm}' + (f' WHERE {getattr(w, a)}' if w else '')
            if keys: s += ' GROUP BY ' + ', '.join(str(n + 1) if pos else getattr(x, a) for n, x in enumerate(keys))
            return s + (f' HAVING {getattr(having, a)}' if having else '') + tail
        return sql(pc, fc, 'c'), sql(pq, fq, 'q'), types, total, None

    def union(self):
        r, cx = self.r, Ctx(self.base())
        items = [self.gen(r.choice(ALLT), cx, r.randint(0, 2)) for _ in range(r.randint(1, 3))]
        ws = [self.gen('bool', cx, 2) if r.random() < 0.5 else None for _ in range(2)]
        def sql(a):
            return ' UNION ALL '.join(f'{self.select(items, False, a)} FROM {t}' + (f' WHERE {getattr(w, a)}' if w else '')
                                      for t, w in zip(('t1', 't2'), ws))
        return sql('c'), sql('q'), [x.ty for x in items], False, None

    def error_query(self):
        r, k = self.r, self.r.randrange(3)
        if k == 0:
            ty = r.choice(['int', 'dec2'])  # the error names both types (docs/sql.md)
            n, col = self.lit(ty), r.choice(['t', 'u'])
            return (f'SELECT i AS c1 FROM t1 WHERE ({col} {r.choice(["=", "<", ">="])} {n.c})', '', ['int'], False,
                    ['text', 'integer' if ty == 'int' else 'decimal'])
        if k == 1: return 'SELECT nosuch AS c1 FROM t1', '', ['int'], False, ['nosuch']
        return 'SELECT i AS c1 FROM nosuch', '', ['int'], False, ['nosuch']


# ---- data -------------------------------------------------------------------------------
def make_rows(rng, n):
    rate = {c: rng.choice([0.0, 0.0, 0.3, 0.3, 1.0]) for c, _ in SCHEMA}
    def val(c):
        if rng.random() < rate[c]: return None
        if c == 'i': return rng.choice([rng.randint(-1000, 1000), rng.randint(-3, 3)])
        if c == 'j': return rng.randint(0, 4)
        if c == 'd': return rng.choice([rng.randint(-500000, 500000), rng.randint(-10000, 10000) * 50, rng.randint(-300, 300)])
        if c == 't': return rng.choice(WORDS)
        return Gen(rng, {}).word()
    return [tuple(val(c) for c, _ in SCHEMA) for _ in range(n)]


def write_csv(path, rows):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow([c for c, _ in SCHEMA])
        for row in rows:
            w.writerow(['' if v is None else fmt_dec(v, 2) if c == 'd' else v for v, (c, _) in zip(row, SCHEMA)])


def strip_accents(s):
    return None if s is None else ''.join(ch for ch in unicodedata.normalize('NFD', s) if not unicodedata.combining(ch))


def sqlite_db(tables):
    con = sqlite3.connect(':memory:')
    con.execute('PRAGMA case_sensitive_like = ON')
    for name, fn in (('py_lower', str.lower), ('py_upper', str.upper), ('py_strip_accents', strip_accents)):
        con.create_function(name, 1, lambda s, fn=fn: None if s is None else fn(s), deterministic=True)
    for name, rows in tables.items():
        con.execute(f'CREATE TABLE {name} (i INTEGER, j INTEGER, d INTEGER, t TEXT, u TEXT)')  # d in cents
        con.executemany(f'INSERT INTO {name} VALUES (?, ?, ?, ?, ?)', rows)
    return con


# ---- comparison -------------------------------------------------------------------------
def from_sqlite(v, ty):
    if v is None or v == '': return None
    if ty == 'bool': return 'true' if v else 'false'
    if ty == 'dbl': return float(v)
    if ty == 'int' or ty.startswith('dec'):
        return fmt_dec(v, scale(ty)) if isinstance(v, int) else f'<SQLite gave {v!r}: generator bug>'
    return v


def from_carnet(cell, ty):
    if cell == '': return None
    if ty == 'dbl':
        try: return float(cell)
        except ValueError: return cell
    return cell


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def sort_key(row, types):
    """Non-double cells first, doubles last: an ulp apart never reorders the other cells."""
    head = tuple((0, '') if v is None else (1, str(v)) for v, t in zip(row, types) if t != 'dbl')
    tail = tuple((0, 0.0) if v is None else (1, v) if isinstance(v, float) else (2, 0.0) for v, t in zip(row, types) if t == 'dbl')
    return head + tail


def compare(got, want, types, ordered):
    if len(got) != len(want): return f'{len(got)} rows, SQLite has {len(want)}'
    if any(len(row) != len(types) for row in got): return f'rows do not have {len(types)} columns'
    if not ordered:
        got, want = sorted(got, key=lambda r: sort_key(r, types)), sorted(want, key=lambda r: sort_key(r, types))
    for n, (g, w) in enumerate(zip(got, want)):
        if not all(same(a, b) for a, b in zip(g, w)): return f'row {n + 1} differs'
    return None


# ---- running ----------------------------------------------------------------------------
def run_carnet(carnet, script):
    env = dict(os.environ, NO_COLOR='1')
    try:
        p = subprocess.run([carnet, '--csv'], input=script.encode(), capture_output=True, timeout=300, env=env)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b'').decode('utf-8', 'replace'), (e.stderr or b'').decode('utf-8', 'replace') + '\n[timed out after 300 s]', None
    return p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace'), p.returncode


def parse_stdout(out):
    """{query number: rows without the header, or None when nothing was printed}."""
    parts = re.split(r'^@@Q(\d+)@@\r?\n', out, flags=re.M)
    res = {}
    for n, chunk in zip(parts[1::2], parts[2::2]):
        rows = [row or [''] for row in csv.reader(io.StringIO(chunk, newline=''))]  # a lone NULL is an empty line
        res[int(n)] = rows[1:] if rows else None
    return res


def parse_stderr(err):
    """{input line: the error message with its continuation lines}."""
    errs, cur = {}, None
    for line in re.sub(r'\x1b\[[0-9;]*m', '', err).splitlines():
        m = re.match(r'error \(line (\d+)\)', line)
        if m: cur = int(m.group(1)); errs[cur] = line
        elif cur is not None and line.startswith(' '): errs[cur] += '\n' + line
        else: cur = None
    return errs


def run_set(args, k, workdir):
    rng = random.Random(args.seed * 1000003 + k)
    sizes = {'t1': SIZES[k % len(SIZES)], 't2': rng.choice(SIZES)}
    tables = {name: make_rows(rng, n) for name, n in sizes.items()}
    lines = []
    for name, rows in tables.items():
        path = os.path.abspath(os.path.join(workdir, f'set{k}-{name}.csv'))
        write_csv(path, rows)
        lines.append(LOAD.format(path=path.replace("'", "''"), name=name))
    con = sqlite_db(tables)
    gen = Gen(rng, sizes)
    queries, qline = [], {}
    for n in range(1, args.queries + 1):
        queries.append(gen.query())
        lines.append(f'echo @@Q{n}@@')
        lines.append(queries[-1][0])
        qline[len(lines)] = n
    script = '\n'.join(lines) + '\n'
    if args.keep:
        with open(os.path.join(workdir, f'set{k}.carnet'), 'w', encoding='utf-8') as f: f.write(script)
        with open(os.path.join(workdir, f'set{k}.sqlite.sql'), 'w', encoding='utf-8') as f:
            f.write(''.join(f'-- Q{n}\n{q[1]};\n' for n, q in enumerate(queries, 1)))
    out, err, code = run_carnet(args.carnet, script)
    results, errs = parse_stdout(out), parse_stderr(err)
    failures = [dict(set=k, n=0, c=lines[i - 1], q='', why='load failed', got=None, want=None, err=errs[i])
                for i in range(1, len(tables) + 1) if i in errs]
    passed = 0
    for line, n in qline.items():
        c, q, types, ordered, expect = queries[n - 1]
        got, msg = results.get(n), errs.get(line)
        f = dict(set=k, n=n, c=c, q=q, got=got, want=None, err=msg)
        if expect is not None:
            low = (msg or '').lower()
            if got is None and msg and all(w in low for w in expect): passed += 1
            else: failures.append(dict(f, why=f'expected an error mentioning {expect}'))
            continue
        try:
            f['want'] = [tuple(from_sqlite(v, t) for v, t in zip(row, types)) for row in con.execute(q)]
        except sqlite3.Error as e:
            failures.append(dict(f, why=f'SQLite rejected the generated query (generator bug): {e}'))
            continue
        if got is None:
            why = 'Carnet failed' if msg else f'no output from Carnet (exit status {code})'
            failures.append(dict(f, why=why))
            continue
        f['got'] = [tuple(from_carnet(v, t) for v, t in zip(row, types)) for row in got]
        why = compare(f['got'], f['want'], types, ordered)
        if why: failures.append(dict(f, why=why))
        else: passed += 1
    return passed, failures, code, err


def show_rows(rows):
    if rows is None: return '    (no result)'
    fmt = lambda v: '' if v is None else repr(v) if isinstance(v, float) else str(v)
    text = [f'    {",".join(fmt(v) for v in row)}' for row in rows[:10]]
    return '\n'.join([f'    ({len(rows)} rows)'] + text + (['    …'] if len(rows) > 10 else []))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--carnet', required=True, help='path of the carnet executable')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--tables', type=int, default=6, help='number of table sets (one carnet process each)')
    ap.add_argument('--queries', type=int, default=400, help='queries per table set')
    ap.add_argument('--keep', help='write the CSVs, the batch scripts and the SQLite queries here')
    args = ap.parse_args()
    if args.keep: os.makedirs(args.keep, exist_ok=True)
    started, passed, failures = time.monotonic(), 0, []
    with tempfile.TemporaryDirectory(prefix='carnet-diff-') as tmp:
        for k in range(args.tables):
            p, f, code, err = run_set(args, k, args.keep or tmp)
            passed += p
            failures += f
            if code is None or code < 0 or code > 1:
                print(f'table set {k}: carnet ended with status {code}; stderr ends with:\n{err[-2000:]}')
    for n, f in enumerate(failures[:20], 1):
        print(f"--- failure {n}: seed {args.seed}, table set {f['set']}, query {f['n']}: {f['why']}")
        print(f"  carnet query: {f['c']}\n  sqlite query: {f['q']}")
        print(f"  carnet result:\n{show_rows(f['got'])}\n  sqlite result:\n{show_rows(f['want'])}")
        if f['err']: print('  carnet stderr: ' + f['err'].replace('\n', '\n  '))
    if len(failures) > 20: print(f'… and {len(failures) - 20} more failures')
    total = args.tables * args.queries
    print(f'seed {args.seed}: {total} queries on {args.tables} table sets in {time.monotonic() - started:.1f} s; '
          f'{passed} equal to SQLite (or the expected error)' + (f'; rerun with --keep DIR to get the files' if failures and not args.keep else ''))
    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
