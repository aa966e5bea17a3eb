#!/usr/bin/env python3
"""Differential test of Carnet's SQL against SQLite (python3's sqlite3 module), standard library only.

  python3 Tests/Differential/differential.py --carnet .build/debug/carnet [--seed N] [--tables 6]
                                             [--queries 400] [--keep DIR]

--tables: table sets; set k holds t1 with 0, 1, 2, 7, 50 or 300 rows (k mod 6) and t2 with another
size; columns i integer, j integer 0..4 (grouping, joins), d decimal(2), t text (small vocabulary:
accents, a quote, a comma), u text (many values), NULL rates 0 %, 30 % or 100 %. Each set is written
as CSV, loaded into SQLite and into ONE carnet process, which runs --queries random queries in
batch mode, each after `echo @@Q<n>@@` and ended by `;`. Each expression is generated in both
dialects with its Carnet result type, which says how to compare cells. Up to 20 failures are shown
(seed, set, query in both dialects, both results, Carnet's error). An error fails unless the query
was generated to fail and the message names the cause; a crash is one failure, then carnet restarts
after that query. Exit status 1 on any failure; the last line is `N passed, M failed`.
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
U_CHARS = 'abcxyzABCZéÉçè01 _%,\'"'  # LIKE wildcards and CSV specials inside values, on purpose
NULL_WORDS = {'', 'na', 'n/a', 'null', '-', '#n/a'}  # what Carnet's loader reads as NULL (note 8)
SCHEMA = [('i', 'int'), ('j', 'int'), ('d', 'dec2'), ('t', 'text'), ('u', 'text')]
LOAD = "load '{path}' as {name} with delimiter=',' decimal='.' header=true " \
       "types=i:integer,j:integer,d:decimal(2),t:text,u:text"  # forced: an all-NULL column stays typed
ALLT = ['int', 'int', 'dec2', 'dec2', 'dec1', 'dec4', 'dec0', 'dbl', 'text', 'text', 'bool']
MAXMAG = 10 ** 15  # far below 2^63 and Carnet's 18 decimal digits (note 11)

def scale(ty): return int(ty[3:]) if ty.startswith('dec') else 0
def sq(s): return "'" + s.replace("'", "''") + "'"

def fmt_dec(v, s):  # integer v * 10^-s as Carnet prints a decimal(s)
    if s == 0: return str(v)
    sign, v = ('-' if v < 0 else ''), abs(v)
    return f'{sign}{v // 10 ** s}.{v % 10 ** s:0{s}d}'

class X:
    """One expression: c = Carnet SQL, q = SQLite SQL, ty = Carnet type (int, decS, dbl, text,
    bool), mag = bound of |value| in SQLite's scaled units, exact = a double both engines must
    compute bit for bit (note 9). Negative numbers are parenthesised: `--` starts a comment."""
    def __init__(self, c, q, ty, mag=0, exact=True):
        self.c, self.q, self.ty, self.mag, self.exact = c, q, ty, mag, exact

def mk(tc, xs, ty, mag=0, exact=True, tq=None):
    """An X from a template filled with the operands' Carnet and SQLite forms."""
    return X(tc.format(*(x.c for x in xs)), (tq or tc).format(*(x.q for x in xs)), ty, mag, exact)

class Ctx:
    """What an expression may name: columns (GROUP BY keys in an aggregate context) and, in an
    aggregate context, the row context that aggregate arguments come from."""
    def __init__(self, cols, row=None, big=False):
        self.cols, self.row, self.big = cols, row, big

def scaled(x, s):  # SQLite integer holding x * 10^s (x integer or decimal)
    k = s - scale(x.ty)
    return x.q if k == 0 else f'({x.q} * {10 ** k})'

def real(x):  # SQLite REAL nearest to x
    if x.ty == 'dbl': return x.q
    return f'CAST({x.q} AS REAL)' if scale(x.ty) == 0 else f'({x.q} / {10 ** scale(x.ty)}.0)'

class Gen:
    def __init__(self, rng, sizes):
        self.r, self.sizes = rng, sizes
    # ---- leaves ------------------------------------------------------------------------------
    def lit(self, ty):
        r = self.r
        if ty == 'int':
            n = r.choice([r.randint(-20, 20), r.randint(0, 4), r.randint(-1000, 1000)])
            return X(str(n), str(n), ty, abs(n)) if n >= 0 else X(f'({n})', f'({n})', ty, -n)
        if ty.startswith('dec'):
            s = scale(ty)
            if s == 0: return self.rounding(Ctx([]), 0)  # `12` would be an integer
            v = r.choice([r.randint(-99999, 99999), r.randint(-50, 50) * 10 ** s // 2])
            c, q = fmt_dec(v, s), str(v)
            return X(c, q, ty, v) if v >= 0 else X(f'({c})', f'({q})', ty, -v)
        c = f'{r.randint(1, 99)}e{r.choice([-1, 0, 1])}' if ty == 'dbl' else r.choice(['TRUE', 'FALSE']) if ty == 'bool' \
            else sq(r.choice(WORDS + [self.word(), r.choice(['Z', 'é', 'e', 'Zone', 'a'])]))
        return X(c, c, ty)
    def word(self):
        while True:
            w = ''.join(self.r.choice(U_CHARS) for _ in range(self.r.randint(1, 5))).strip(' ')
            if w.lower() not in NULL_WORDS: return w
    def leaf(self, ty, cx):
        if ty == 'bool' and self.r.random() < 0.8: return self.g_bool(ty, cx, 0, atom=True)  # not just TRUE
        if cx.row is not None and ty != 'bool' and self.r.random() < 0.55: return self.agg(ty, cx.row)
        cols = [c for c in cx.cols if c.ty == ty]
        if cols and self.r.random() < 0.8: return self.r.choice(cols)
        if cols or not cx.cols or ty in ('int', 'text', 'bool') or self.r.random() < 0.4: return self.lit(ty)
        if ty == 'dbl': return self.exact_dbl(cx)  # no such column: build one from columns
        if scale(ty) <= 1: return self.rounding(cx, 0, scale(ty))
        return self.arith(self.leaf('dec2', cx), self.leaf(f'dec{scale(ty) - 2}', cx), '*', ty) if scale(ty) > 2 else self.lit(ty)
    def agg(self, ty, row):
        r, rows = self.r, 10 ** 5  # the most rows an aggregate sees (a 300 x 300 join)
        if ty == 'int' and r.random() < 0.5:
            k = r.randrange(3)
            if k == 0: return X('count(*)', 'count(*)', 'int', rows)
            return mk('count(' + 'DISTINCT ' * (k == 2) + '{0})', [self.gen(r.choice(['int', 'dec2', 'text', 'bool']), row, 1)], 'int', rows)
        if ty == 'dbl':
            a = self.gen(r.choice(['int', 'dec2', 'dec1']), row, 1)
            return mk('avg({0})', [a], 'dbl', exact=False, tq=None if a.ty == 'int' else f'(avg({{0}}) / {10 ** scale(a.ty)}.0)')
        a = self.gen(ty, row, 1)
        fn = r.choice(['min', 'max'] if ty == 'text' or a.mag * rows > MAXMAG else ['sum', 'min', 'max'])
        return mk(fn + '({0})', [a], ty, a.mag * (rows if fn == 'sum' else 1))
    # ---- expressions of each type ------------------------------------------------------------
    def gen(self, ty, cx, depth=2):
        if ty == 'dec0' and (depth <= 0 or self.r.random() < 0.6): return self.rounding(cx, depth)
        if depth <= 0 or self.r.random() < 0.25: return self.leaf(ty, cx)
        if ty != 'bool' and self.r.random() < 0.12: return self.generic(ty, cx, depth - 1)
        return getattr(self, 'g_' + ('dec' if ty.startswith('dec') else ty))(ty, cx, depth - 1)
    def generic(self, ty, cx, d):  # CASE, coalesce, nullif: operands and result of one type
        r, k = self.r, self.r.randrange(3)
        a, b = self.gen(ty, cx, d), self.gen(ty, cx, d)
        mag, ex = max(a.mag, b.mag), a.exact and b.exact
        if k == 0 or ty == 'dbl':  # no nullif on doubles: equality of doubles (note 9)
            w = self.gen('bool', cx, d)
            if r.random() < 0.3: return mk('CASE WHEN {0} THEN {1} END', [w, a], ty, a.mag, a.exact)
            return mk('CASE WHEN {0} THEN {1} ELSE {2} END', [w, a, b], ty, mag, ex)
        return mk(('coalesce' if k == 1 else 'nullif') + '({0}, {1})', [a, b], ty, mag, ex)
    def arith(self, a, b, op, ty):
        if op == '*' and a.mag * b.mag > MAXMAG:  # keep the scale, multiply by a small literal
            sb = scale(b.ty)
            b = X(fmt_dec(5 * 10 ** (sb - 1), sb), str(5 * 10 ** (sb - 1)), b.ty, 10 ** sb) if sb else X('2', '2', 'int', 2)
        if ty == 'int' or op == '*':  # scales add up under *, as in Carnet
            return mk(f'({{0}} {op} {{1}})', [a, b], ty, a.mag * b.mag if op == '*' else a.mag + b.mag)
        s = scale(ty)
        return X(f'({a.c} {op} {b.c})', f'({scaled(a, s)} {op} {scaled(b, s)})', ty, (a.mag + b.mag) * 10 ** s)
    def unary(self, a):
        return mk(self.r.choice(['(-{0})', 'abs({0})']), [a], a.ty, a.mag, a.exact)
    def g_int(self, ty, cx, d):
        r, k = self.r, self.r.randrange(6)
        if k <= 1: return self.arith(self.gen('int', cx, d), self.gen('int', cx, d), r.choice('+-*'), 'int')
        a = self.gen('int', cx, d)
        if k == 2: return mk('({0} % {1})', [a, self.gen('int', cx, 0)], 'int', a.mag)
        if k == 3: return self.unary(a)
        if k == 4: return mk('round({0})', [a], 'int', a.mag, tq='{0}')  # SQLite's round gives a REAL
        return mk('length({0})', [self.gen('text', cx, d)], 'int', 100)
    def rounding(self, cx, d, s=0):
        """round(x[, s]) with s < scale(x), floor(x), ceil(x): decimal(s), in integer arithmetic."""
        a = self.gen(self.r.choice(['dec2', 'dec2', 'dec1'][:3 - s]), cx, d)
        f = 10 ** (scale(a.ty) - s)
        fn = self.r.choice(['round', 'floor', 'ceil'] if s == 0 else ['round'])
        if fn == 'round':  # halves away from zero
            c = 'round({0})' if s == 0 and self.r.random() < 0.5 else f'round({{0}}, {s})'
            q = f'(CASE WHEN {{0}} >= 0 THEN ({{0}} + {f // 2}) / {f} ELSE -((-{{0}} + {f // 2}) / {f}) END)'
        else:  # floor(v) = (v - (v mod f)) / f with a non-negative mod; ceil(v) = -floor(-v)
            v = '{0}' if fn == 'floor' else '(-{0})'
            q = f'(({v} - (({v} % {f} + {f}) % {f})) / {f})'
            c, q = fn + '({0})', q if fn == 'floor' else f'(-{q})'
        return mk(c, [a], f'dec{s}', a.mag // f + 1, tq=q)
    def g_dec(self, ty, cx, d):
        r, s, k = self.r, scale(ty), self.r.randrange(6)
        if k <= 1:  # + - with the same scale, an integer, or a smaller scale
            other = r.choice([ty, 'int'] + ([f'dec{s - 1}'] if s > 1 else []))
            a, b = self.gen(ty, cx, d), self.gen(other, cx, d)
            return self.arith(*((a, b) if r.random() < 0.5 else (b, a)), r.choice('+-'), ty)
        if k == 2 and s >= 1:  # decimal(a) * decimal(b) -> decimal(a + b); * integer keeps a
            sa = r.choice([x for x in (s, s // 2) if x >= 1])
            return self.arith(self.gen(f'dec{sa}', cx, d), self.gen('int' if sa == s else f'dec{s - sa}', cx, d), '*', ty)
        if k == 3 and s <= 1: return self.rounding(cx, d, s)
        a = self.gen('int' if k == 4 else ty, cx, d)
        if k == 4: return mk(f'CAST({{0}} AS decimal({s}))', [a], ty, a.mag * 10 ** s, tq=f'({{0}} * {10 ** s})')
        return self.unary(a)
    def exact_dbl(self, cx):  # a double both engines compute bit for bit (note 9)
        a = self.gen('int', cx, 1)
        if self.r.random() < 0.4: return mk('CAST({0} AS double)', [a], 'dbl', tq='CAST({0} AS REAL)')
        return mk('({0} / {1})', [a, self.gen('int', cx, 0)], 'dbl', tq='(CAST({0} AS REAL) / {1})')
    def div(self, a, b):
        c = f'({a.c} / {b.c})'
        if a.ty == 'int' and b.ty == 'int': return X(c, f'(CAST({a.q} AS REAL) / {b.q})', 'dbl')
        sa, sb = scale(a.ty), scale(b.ty)
        if 'dbl' in (a.ty, b.ty) or a.mag * 10 ** sb >= 2 ** 53 or b.mag * 10 ** sa >= 2 ** 53:
            return X(c, f'({real(a)} / {real(b)})', 'dbl', exact=False)
        # (A / 10^sa) / (B / 10^sb) as one division of exact integers: correctly rounded
        return X(c, f'(CAST(({a.q} * {10 ** sb}) AS REAL) / ({b.q} * {10 ** sa}))', 'dbl', exact=False)
    def g_dbl(self, ty, cx, d):
        r, k = self.r, self.r.randrange(4)
        nums = ['int', 'int', 'dec2', 'dec1', 'dbl']
        if k == 0:
            a = self.gen(r.choice(['int', 'dec2', 'dec1']), cx, d)
            return X(f'CAST({a.c} AS double)', real(a), 'dbl', exact=a.ty == 'int')
        if k == 1: return self.div(self.gen(r.choice(nums), cx, d), self.gen(r.choice(nums), cx, d))
        if k == 2:
            a, b, op = self.gen('dbl', cx, d), self.gen(r.choice(nums), cx, d), r.choice('+-*')
            a, b = (a, b) if r.random() < 0.5 else (b, a)
            return X(f'({a.c} {op} {b.c})', f'({real(a)} {op} {real(b)})', 'dbl', exact=False)
        return self.unary(self.gen('dbl', cx, d))
    def g_text(self, ty, cx, d):
        r, k = self.r, self.r.randrange(8)
        a = self.gen('text', cx, d)
        if k == 0:
            fn = r.choice(['lower', 'upper', 'strip_accents'])
            return mk(fn + '({0})', [a], ty, tq=f'py_{fn}({{0}})')  # note 3
        if k == 1: return mk("trim(('  ' || {0} || ' '))", [a], ty)
        if k == 2: return mk(f'substr({{0}}, {r.randint(1, 4)}' + f', {r.randint(0, 4)}' * (r.random() < 0.6) + ')', [a], ty)
        if k == 3:
            f, t = sq(r.choice(['e', 'é', 'Zone', 'a', 'ZAE', "'", ' '])), sq(r.choice(['', 'x', 'É', 'ab']))
            return mk(f'replace({{0}}, {f}, {t})', [a], ty)
        if k == 4: return mk('({0} || {1})', [a, self.gen('text', cx, d)], ty)
        if k == 5: return mk('concat({0}, {1})', [a, self.gen('text', cx, d)], ty, tq="(coalesce({0}, '') || coalesce({1}, ''))")
        if k == 6: return mk('CAST({0} AS text)', [self.gen('int', cx, d)], ty, tq='CAST({0} AS TEXT)')
        return a
    def operands(self, cx, d, n):
        """n comparable operands, all numeric (exact doubles only with integers and doubles, note
        9) or all text, with their SQLite forms brought to a common scale or to REAL."""
        r = self.r
        kind = r.choice(['int', 'dec2', 'dec1', 'dbl', 'text'])
        pool = {'int': ['int', 'int', 'dbl'], 'dbl': ['int', 'dbl'], 'text': ['text']}.get(kind, ['int', 'dec2', 'dec1'])
        xs = []
        for i in range(n):
            ty, lit = (kind, False) if i == 0 else (r.choice(pool), r.random() < 0.6)
            xs.append(self.lit(ty) if lit else self.exact_dbl(cx) if ty == 'dbl' else self.gen(ty, cx, d))
        if kind == 'text': return xs, [x.q for x in xs]
        if any(x.ty == 'dbl' for x in xs): return xs, [real(x) for x in xs]
        return xs, [scaled(x, max(scale(x.ty) for x in xs)) for x in xs]
    def pattern(self):  # a LIKE pattern that matches some of the data
        r, w = self.r, self.r.choice(WORDS + [self.word()])
        k, p = r.randrange(5), r.randrange(len(w))
        w = [w[:p + 1] + '%', '%' + w[p:], '%' + w[1:3] + '%', w[:p] + '_' + w[p + 1:], w][k]
        return sq(w)
    def g_bool(self, ty, cx, d, atom=False):
        r, k = self.r, self.r.randrange(7 if atom else 12)
        if k <= 2:
            (a, b), (qa, qb) = self.operands(cx, d, 2)
            op = r.choice(['=', '<>', '<', '<=', '>', '>='])
            return X(f'({a.c} {op} {b.c})', f'({qa} {op} {qb})', ty)
        if k == 3:
            xs, qs = self.operands(cx, d, r.randint(2, 5))
            no = r.choice(['', 'NOT '])
            return X(f"({xs[0].c} {no}IN ({', '.join(x.c for x in xs[1:])}))", f"({qs[0]} {no}IN ({', '.join(qs[1:])}))", ty)
        if k == 4:
            (a, lo, hi), (qa, ql, qh) = self.operands(cx, d, 3)
            no = r.choice(['', 'NOT '])
            return X(f'({a.c} {no}BETWEEN {lo.c} AND {hi.c})', f'({qa} {no}BETWEEN {ql} AND {qh})', ty)
        if k == 5:
            a, p, op = self.gen('text', cx, d), self.pattern(), r.choice(['LIKE', 'NOT LIKE', 'ILIKE'])
            return mk(f'({{0}} {op} {p})', [a], ty, tq=f'(py_lower({{0}}) LIKE py_lower({p}))' if op == 'ILIKE' else None)
        if k == 6: return mk('({0} ' + r.choice(['IS NULL)', 'IS NOT NULL)']), [self.gen(r.choice(ALLT), cx, d)], ty)
        if k == 7: return mk('(NOT {0})', [self.gen('bool', cx, d)], ty)
        if k == 10:  # x [NOT] IN (SELECT col FROM t [WHERE j <> n]): a set that may hold NULLs
            col, cty = r.choice([('j', 'int'), ('i', 'int'), ('t', 'text'), ('u', 'text')])
            where = f' WHERE j <> {r.randint(0, 4)}' if r.random() < 0.5 else ''
            a, no, t = self.gen(cty, cx, d), r.choice(['', 'NOT ']), r.choice(['t1', 't2'])
            return X(f'({a.c} {no}IN (SELECT {col} FROM {t}{where}))', f'({a.q} {no}IN (SELECT {col} FROM {t}{where}))', ty)
        if k == 11:  # x op (SELECT max|min|count(col) FROM t): one value, NULL over no rows
            agg, op, t = r.choice(['max', 'min', 'count']), r.choice(['=', '<', '>=']), r.choice(['t1', 't2'])
            a = self.gen('int', cx, d)
            sub = f'(SELECT {agg}({r.choice(["i", "j"])}) FROM {t})'
            return X(f'({a.c} {op} {sub})', f'({a.q} {op} {sub})', ty)
        return mk('({0} ' + r.choice(['AND', 'OR']) + ' {1})', [self.gen('bool', cx, d), self.gen('bool', cx, d)], ty)
    # ---- queries: each returns (Carnet SQL, SQLite SQL, types, totally ordered, error words) -----
    def base(self, alias=''):
        mags = {'i': 1000, 'j': 4, 'd': 500000}
        return [X(alias + n, alias + n, ty, mags.get(n, 0)) for n, ty in SCHEMA]
    def source(self):
        """([Carnet WITH prefix, FROM], [SQLite's], context): a table, a subquery or CTE with
        computed columns under the same names and types, or a join (qualified names)."""
        r, k = self.r, self.r.randrange(12)
        name = 't1' if r.random() < 0.8 else 't2'
        if k <= 5:
            if r.random() < 0.3:  # a correlated EXISTS / NOT EXISTS / IN: a semi or anti join
                c = self.correlated(name)
                return ['', f'FROM {name}', c], ['', f'FROM {name}', c], Ctx(self.base())
            return ['', f'FROM {name}'], ['', f'FROM {name}'], Ctx(self.base())
        if k <= 7:
            b = Ctx(self.base())
            cols = [self.gen('int', b, 1), X('j', 'j', 'int', 4), self.gen('dec2', b, 1), self.gen('text', b, 1), X('u', 'u', 'text')]
            w = self.gen('bool', b, 2) if r.random() < 0.5 else None
            def inner(a):
                sel = ', '.join(f'{getattr(x, a)} AS {n}' for x, (n, _) in zip(cols, SCHEMA))
                return f'SELECT {sel} FROM {name}' + (f' WHERE {getattr(w, a)}' if w else '')
            out = Ctx([X(n, n, ty, x.mag) for x, (n, ty) in zip(cols, SCHEMA)])
            if k == 6: return ['', f'FROM ({inner("c")}) AS s'], ['', f'FROM ({inner("q")}) AS s'], out
            return [f'WITH s AS ({inner("c")}) ', 'FROM s'], [f'WITH s AS ({inner("q")}) ', 'FROM s'], out
        if k >= 10: return self.comma_join()
        kind = r.choice(['JOIN', 'INNER JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'CROSS JOIN', 'RIGHT JOIN', 'RIGHT OUTER JOIN', 'FULL JOIN', 'FULL OUTER JOIN'])
        outer = any(w in kind for w in ('LEFT', 'RIGHT', 'FULL'))
        on = '' if kind == 'CROSS JOIN' else r.choice([' ON x.j = y.j', ' ON x.j = y.j AND x.i < y.i', ' ON x.j = y.j AND y.d > 0'] + [' USING (j)'] * (not outer))
        f = f'FROM t1 AS x {kind} t2 AS y{on}'
        return ['', f], ['', f], Ctx(self.base('x.') + self.base('y.'), big=self.sizes['t1'] * self.sizes['t2'] > 4000)
    def correlated(self, outer):
        """A condition with a subquery that reads the outer row (TPC-H's Q4, Q21, Q22 forms):
        numbers only, so that NULL and collation rules are SQLite's too."""
        r, o = self.r, outer
        inner = r.choice(['t1', 't2'])
        return r.choice([
            f'EXISTS (SELECT * FROM {inner} AS q WHERE q.j = {o}.j AND q.i > {o}.i)',
            f'NOT EXISTS (SELECT * FROM {inner} AS q WHERE q.i = {o}.i AND q.j <> {o}.j)',
            f'{o}.i IN (SELECT q.i FROM {inner} AS q WHERE q.j = {o}.j)',
            f'EXISTS (SELECT 1 FROM {inner} AS q WHERE q.d > {o}.d)',
            f'NOT EXISTS (SELECT * FROM {inner} AS q WHERE q.j = {o}.j AND q.d IS NULL)',
            f'EXISTS (SELECT * FROM {inner} AS q WHERE q.j = {o}.j AND q.j = 2 AND {o}.i < 0)',
            # compared with an aggregate over the rows that share the outer row's j (and i)
            f'{o}.i >= (SELECT max(q.i) FROM {inner} AS q WHERE q.j = {o}.j)',
            f'{o}.d < (SELECT min(q.d) FROM {inner} AS q WHERE q.j = {o}.j AND q.i <> 0)',
            f'{o}.d <= (SELECT max(q.d) FROM {inner} AS q WHERE q.j = {o}.j AND q.i = {o}.i) AND {o}.i > 0',
        ])
    def comma_join(self):
        """FROM a, b, c [, d] with the join's equalities in WHERE (TPC-H's style): each table is
        tied to an earlier one, mostly on i, at most once on j; the FROM order is shuffled, so a
        table may come before the one it is tied to. Conditions on one table, and on no equality,
        go with them. The optimizer must make hash joins of it, and the answers must not move."""
        r = self.r
        # Joins on i multiply the rows that share one of its small values: four tables of 300
        # rows would be millions of rows, so big tables are joined three at a time.
        n = r.choice([3, 3, 4]) if max(self.sizes.values()) <= 50 else 3
        aliases = ['x', 'y', 'z', 'w'][:n]
        small = min(self.sizes, key=self.sizes.get)
        tables = {a: r.choice(['t1', 't2']) if m < 2 else small for m, a in enumerate(aliases)}
        conds, used_j = [], False
        for m in range(1, n):
            other = aliases[r.randrange(m)]
            col = 'j' if not used_j and r.random() < 0.25 else 'i'
            used_j |= col == 'j'
            conds.append(f'{aliases[m]}.{col} = {other}.{col}')
        if r.random() < 0.4:
            a = r.choice(aliases)
            conds.append(r.choice([f'{a}.j < 3', f'{a}.t IS NOT NULL', f'{a}.d > 0', f'{a}.i <> {r.choice(aliases)}.j']))
        r.shuffle(conds)
        order = aliases[:]
        r.shuffle(order)
        f = 'FROM ' + ', '.join(f'{tables[a]} AS {a}' for a in order)
        where = ' AND '.join(conds)
        cols = [c for a in aliases for c in self.base(a + '.')]
        return ['', f, where], ['', f, where], Ctx(cols, big=True)
    def tail(self, types):
        """ORDER BY [LIMIT] text, and whether it orders totally: by every output column, doubles
        last (note 9). A partial ORDER BY is compared as a multiset."""
        r, k, n = self.r, self.r.random(), len(types)
        if k < 0.35: return '', False
        keys = [i for i in range(n) if types[i] != 'dbl']
        r.shuffle(keys)
        keys = keys + [i for i in range(n) if types[i] == 'dbl'] if k < 0.85 else r.sample(range(n), r.randint(1, n))
        t = ' ORDER BY ' + ', '.join(f"{i + 1 if r.random() < 0.7 else f'c{i + 1}'}{r.choice(['', ' ASC', ' DESC'])} "
                                     f"NULLS {r.choice(['FIRST', 'LAST'])}" for i in keys)
        if k < 0.85 and r.random() < 0.4:
            t += f' LIMIT {r.randint(0, 8)}' + (f' OFFSET {r.randint(0, 5)}' if r.random() < 0.5 else '')
        return t, k < 0.85
    def window(self, cx):
        r = self.r
        col = lambda ty: r.choice([c for c in cx.cols if c.ty == ty])
        part, order = r.choice([None, col('int'), col('text')]), r.choice([None, col('int'), col('text'), col('dec2')])
        fn = r.choice(['count(*)', 'sum', 'sum', 'min', 'max', 'avg'] + ['rank()'] * 2 * bool(order))
        arg = col('int') if fn == 'avg' else col(r.choice(['int', 'dec2'] + ['text'] * (fn in ('min', 'max'))))
        direction, nulls = r.choice(['', ' DESC']), r.choice(['FIRST', 'LAST'])
        over = 'OVER (' + ' '.join(x for x in ('PARTITION BY {1}' * bool(part), f'ORDER BY {{2}}{direction} NULLS {nulls}' * bool(order)) if x) + ')'
        xs = [arg, part or arg, order or arg]
        if fn in ('count(*)', 'rank()'): return mk(f'{fn} {over}', xs, 'int')
        if fn == 'avg': return mk(f'avg({{0}}) {over}', xs, 'dbl', exact=False)
        return mk(f'{fn}({{0}}) {over}', xs, arg.ty, arg.mag * 300)
    def query(self):
        r, k = self.r, self.r.random()
        if k < 0.03: return self.error_query()
        if k < 0.07:  # SELECT without FROM: one row
            items = [self.gen(r.choice(ALLT), Ctx([]), 3) for _ in range(r.randint(1, 3))]
            return self.select(items, '', 'c'), self.select(items, '', 'q'), [x.ty for x in items], True, None
        if k < 0.14: return self.union()
        if k < 0.18: return self.correlated_select()
        pre_c, pre_q, cx = self.source()
        return (self.simple if k < 0.55 and not cx.big else self.aggregate)(pre_c, pre_q, cx)
    def select(self, items, distinct, a):
        return 'SELECT ' + distinct + ', '.join(f'{getattr(x, a)} AS c{n + 1}' for n, x in enumerate(items))
    def assemble(self, items, pre_c, pre_q, where, distinct='', group='', having=None, keys=()):
        types = [x.ty for x in items]
        tail, total = self.tail(types)
        def sql(pre, a):
            # A comma join brings its equalities (pre[2]), ANDed with the generated condition.
            conds = ([f'({pre[2]})'] if len(pre) > 2 else []) + ([f'({getattr(where, a)})'] if where else [])
            s = f'{pre[0]}{self.select(items, distinct, a)} {pre[1]}' + (f' WHERE {" AND ".join(conds)}' if conds else '')
            if keys: s += ' GROUP BY ' + ', '.join(str(n + 1) if group == 'pos' else getattr(x, a) for n, x in enumerate(keys))
            return s + (f' HAVING {getattr(having, a)}' if having else '') + tail
        return sql(pre_c, 'c'), sql(pre_q, 'q'), types, total, None
    def simple(self, pre_c, pre_q, cx):
        r = self.r
        items = [self.gen(r.choice(ALLT), cx, r.randint(0, 2)) for _ in range(r.randint(1, 4))]
        distinct = 'DISTINCT ' if r.random() < 0.15 and all(x.exact for x in items) else ''
        if not distinct and r.random() < 0.2: items += [self.window(cx) for _ in range(r.randint(1, 2))]
        where = self.gen('bool', cx, r.randint(1, 2)) if r.random() < 0.5 else None
        return self.assemble(items, pre_c, pre_q, where, distinct)
    def key_expr(self, x):  # a GROUP BY expression on column x (a bare literal would be a position)
        r = self.r
        if x.ty == 'int': return r.choice([mk('({0} % 3)', [x], 'int', 3), mk('({0} > 0)', [x], 'bool')])
        if x.ty == 'text': return r.choice([mk('substr({0}, 1, 2)', [x], 'text'), mk('length({0})', [x], 'int', 100),
                                            mk('lower({0})', [x], 'text', tq='py_lower({0})')])
        return r.choice([mk('abs({0})', [x], x.ty, x.mag), mk('({0} IS NULL)', [x], 'bool')])
    def aggregate(self, pre_c, pre_q, cx):
        """GROUP BY keys (all output first, so ORDER BY over the outputs is total) and aggregates;
        a join too big to print is grouped on its low-cardinality columns j and t."""
        r, keys = self.r, {}
        lowcard = [c for c in cx.cols if c.c.split('.')[-1] in ('j', 't')]
        for _ in range(r.choice([0, 1, 1, 2, 2, 3])):
            x = r.choice(lowcard if cx.big else cx.cols)
            x = self.key_expr(x) if not cx.big and r.random() < 0.4 else x
            keys.setdefault(x.c, x)
        keys = list(keys.values())
        actx = Ctx(keys, row=cx)
        items = keys + [self.gen(r.choice(ALLT), actx, r.randint(0, 2)) for _ in range(r.randint(1, 3))]
        having = self.gen('bool', actx, 2) if keys and r.random() < 0.3 else None
        where = self.gen('bool', cx, r.randint(1, 2)) if r.random() < 0.4 else None
        return self.assemble(items, pre_c, pre_q, where, '', 'pos' if r.random() < 0.4 else 'expr', having, keys)
    def union(self):
        r, cx = self.r, Ctx(self.base())
        items = [self.gen(r.choice(ALLT), cx, r.randint(0, 2)) for _ in range(r.randint(1, 3))]
        ws = [self.gen('bool', cx, 2) if r.random() < 0.5 else None for _ in range(2)]
        sql = lambda a: ' UNION ALL '.join(f'{self.select(items, "", a)} FROM {t}' + (f' WHERE {getattr(w, a)}' if w else '')
                                           for t, w in zip(('t1', 't2'), ws))
        return sql('c'), sql('q'), [x.ty for x in items], False, None
    def correlated_select(self):
        """A select-list subquery that reads the outer row through equalities (a LEFT join on a
        grouped subquery in Carnet; SQLite runs it per row): NULL, or 0 for count, without rows."""
        r = self.r
        inner, outer = r.choice(['t1', 't2']), r.choice(['t1', 't2'])
        agg, ty = r.choice([('max(q.i)', 'int'), ('min(q.d)', 'dec2'), ('count(*)', 'int'), ('sum(q.i)', 'int'), ('count(q.d)', 'int')])
        keys = r.choice(['q.j = o.j', 'o.j = q.j AND q.u = o.u', 'q.i = o.i'])
        local = r.choice(['', ' AND q.i > 0', ' AND q.d IS NOT NULL'])
        where = r.choice(['', f' WHERE o.i > {r.randint(-500, 500)}'])
        sql = f'SELECT o.i AS c1, (SELECT {agg} FROM {inner} AS q WHERE {keys}{local}) AS c2 FROM {outer} AS o{where}'
        return sql, sql, ['int', ty], False, None
    def error_query(self):  # note 10: Carnet must refuse these; SQLite is not asked
        r, k = self.r, self.r.randrange(3)
        if k == 0:
            ty = r.choice(['int', 'dec2'])
            sql = f'SELECT i AS c1 FROM t1 WHERE ({r.choice("tu")} {r.choice(["=", "<", ">="])} {self.lit(ty).c})'
            return sql, '', ['int'], False, ['text', 'integer' if ty == 'int' else 'decimal']
        return ['SELECT nosuch AS c1 FROM t1', 'SELECT i AS c1 FROM nosuch'][k - 1], '', ['int'], False, ['nosuch']

# ---- data ------------------------------------------------------------------------------------
def make_rows(rng, n):
    rate = {c: rng.choice([0.0, 0.0, 0.0, 0.3, 0.3, 1.0]) for c, _ in SCHEMA}
    def val(c):
        if rng.random() < rate[c]: return None
        if c == 'i': return rng.choice([rng.randint(-1000, 1000), rng.randint(-3, 3)])
        if c == 'j': return rng.randint(0, 4)
        if c == 'd': return rng.choice([rng.randint(-500000, 500000), rng.randint(-10000, 10000) * 50, rng.randint(-300, 300)])
        return rng.choice(WORDS) if c == 't' else Gen(rng, {}).word()
    return [tuple(val(c) for c, _ in SCHEMA) for _ in range(n)]

def write_csv(path, rows):  # comma, header, NULL = empty field, quotes only where needed
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow([c for c, _ in SCHEMA])
        w.writerows(['' if v is None else fmt_dec(v, 2) if c == 'd' else v for v, (c, _) in zip(row, SCHEMA)] for row in rows)

def sqlite_db(tables):
    con = sqlite3.connect(':memory:')
    con.execute('PRAGMA case_sensitive_like = ON')  # note 4
    strip_accents = lambda s: ''.join(ch for ch in unicodedata.normalize('NFD', s) if not unicodedata.combining(ch))
    for name, fn in (('py_lower', str.lower), ('py_upper', str.upper), ('py_strip_accents', strip_accents)):
        con.create_function(name, 1, lambda s, fn=fn: None if s is None else fn(s), deterministic=True)
    for name, rows in tables.items():
        con.execute(f'CREATE TABLE {name} (i INTEGER, j INTEGER, d INTEGER, t TEXT, u TEXT)')  # d in cents
        con.executemany(f'INSERT INTO {name} VALUES (?, ?, ?, ?, ?)', rows)
    return con

# ---- comparison ------------------------------------------------------------------------------
def from_sqlite(v, ty):  # a SQLite value as the text Carnet prints (doubles as floats)
    if v is None or v == '': return None
    if ty == 'bool': return 'true' if v else 'false'
    if ty == 'dbl': return float(v)
    if ty == 'text': return v
    return fmt_dec(v, scale(ty)) if isinstance(v, int) else f'<SQLite gave {v!r}: generator bug>'

def from_carnet(cell, ty):
    if cell == '': return None
    try: return float(cell) if ty == 'dbl' else cell
    except ValueError: return cell

def same(a, b):
    if isinstance(a, float) and isinstance(b, float): return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b

def sort_key(row, types):  # doubles last: cells an ulp apart never reorder the other cells
    head = tuple((0, '') if v is None else (1, str(v)) for v, t in zip(row, types) if t != 'dbl')
    return head + tuple((0, 0.0) if v is None else (1, v) if isinstance(v, float) else (2, 0.0) for v, t in zip(row, types) if t == 'dbl')

def compare(got, want, types, ordered):
    if len(got) != len(want): return f'{len(got)} rows, SQLite has {len(want)}'
    if any(len(row) != len(types) for row in got): return f'rows do not have {len(types)} columns'
    if not ordered: got, want = (sorted(x, key=lambda row: sort_key(row, types)) for x in (got, want))
    for n, (g, w) in enumerate(zip(got, want)):
        if not all(same(a, b) for a, b in zip(g, w)): return f'row {n + 1} differs'
    return None

# ---- running ---------------------------------------------------------------------------------
def run_carnet(carnet, script):
    try:
        p = subprocess.run([carnet, '--csv'], input=script.encode(), capture_output=True, timeout=300, env=dict(os.environ, NO_COLOR='1'))
        out, err, code = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, err, code = e.stdout or b'', (e.stderr or b'') + b'\n[timed out after 300 s]', None
    except OSError as e:  # no such binary: every query fails, with the reason shown once per set
        out, err, code = b'', str(e).encode(), None
    return out.decode('utf-8', 'replace'), err.decode('utf-8', 'replace'), code

def parse_stdout(out):
    """{query number: rows after the header, None when nothing was printed}."""
    parts = re.split(r'^@@Q(\d+)@@[ \t]*\r?\n', out, flags=re.M)
    res = {}
    for n, chunk in zip(parts[1::2], parts[2::2]):
        rows = [row or [''] for row in csv.reader(io.StringIO(chunk, newline=''))]  # a lone NULL is an empty line
        res[int(n)] = rows[1:] if rows else None
    return res

def parse_stderr(err):
    """{input line: `error (line N): …` with its indented continuation lines}."""
    errs, cur = {}, None
    for line in re.sub(r'\x1b\[[0-9;]*m', '', err).splitlines():
        m = re.match(r'error \(line (\d+)\)', line)
        if m: cur = int(m.group(1)); errs[cur] = line
        elif cur is not None and line.startswith(' '): errs[cur] += '\n' + line
        else: cur = None
    return errs

def run_batches(carnet, loads, queries):
    """Runs the queries through carnet; when it crashes, starts a new process after the query
    that crashed it (at most 30 times), so that one crash does not hide the other results.
    Returns {query: rows or None}, {query: error text}, {query: crash text}, load errors, and the
    number of the last query run."""
    results, errors, crashes, load_errors, start = {}, {}, {}, {}, 0
    while start < len(queries):
        lines = loads + [x for n in range(start + 1, len(queries) + 1) for x in (f'echo @@Q{n}@@', queries[n - 1][0] + ';')]
        out, err, code = run_carnet(carnet, '\n'.join(lines) + '\n')
        res, errs = parse_stdout(out), parse_stderr(err)
        load_errors.update((i, errs[i]) for i in range(1, len(loads) + 1) if i in errs and not start)
        for n in range(start + 1, len(queries) + 1):
            results[n], errors[n] = res.get(n), errs.get(len(loads) + 2 * (n - start))  # errors are reported by input line
        if code in (0, 1): return results, errors, crashes, load_errors, len(queries)
        last = max(res, default=start)  # the query that was running when carnet stopped
        why = next((x for x in err.splitlines() if 'Fatal error' in x or 'timed out' in x or 'Errno' in x), f'exit status {code}')
        if last == start:  # it stopped before reaching any query of this run (a load?): report it once
            crashes[start + 1] = f'carnet stopped before this query ({why.strip()})'
            break
        crashes[last] = f'carnet stopped on this query ({why.strip()})'
        if len(crashes) >= 30: break
        start = last
    return results, errors, crashes, load_errors, max(crashes, default=0)

def run_set(args, k, workdir):
    rng = random.Random(args.seed * 1000003 + k)
    sizes = {'t1': SIZES[k % 6], 't2': SIZES[(5 * k + 3 + k // 6) % 6]}  # every size on each side; 50 x 300
    tables = {name: make_rows(rng, n) for name, n in sizes.items()}
    loads = []
    for name, rows in tables.items():
        path = os.path.abspath(os.path.join(workdir, f'set{k}-{name}.csv'))
        write_csv(path, rows)
        loads.append(LOAD.format(path=path.replace("'", "''"), name=name))
    con, gen = sqlite_db(tables), Gen(rng, sizes)
    queries = [gen.query() for _ in range(args.queries)]
    if args.keep:
        with open(os.path.join(workdir, f'set{k}.carnet'), 'w', encoding='utf-8') as f:
            f.write('\n'.join(loads + [x for n, q in enumerate(queries, 1) for x in (f'echo @@Q{n}@@', q[0] + ';')]) + '\n')
        with open(os.path.join(workdir, f'set{k}.sqlite.sql'), 'w', encoding='utf-8') as f:
            f.write(''.join(f'-- Q{n}\n{q[1]};\n' for n, q in enumerate(queries, 1)))
    results, errors, crashes, load_errors, ran = run_batches(args.carnet, loads, queries)
    failures = [dict(set=k, n=0, c=loads[i - 1], q='', why='load failed', got=None, want=None, err=e) for i, e in load_errors.items()]
    passed = 0
    for n, (c, q, types, ordered, expect) in enumerate(queries, 1):
        got, msg = results.get(n), errors.get(n)
        f = dict(set=k, n=n, c=c, q=q, got=got, want=None, err=msg)
        try:
            f['want'] = None if expect else [tuple(from_sqlite(v, t) for v, t in zip(row, types)) for row in con.execute(q)]
        except sqlite3.Error as e:
            failures.append(dict(f, why=f'SQLite rejected the generated query (generator bug): {e}'))
            continue
        if n in crashes or n > ran:
            failures.append(dict(f, why=crashes.get(n, 'not run: carnet stopped earlier (see the first failure of this set)')))
            continue
        if expect is not None:  # an expected error must come, and say what it is about
            if got is None and msg and all(w in msg.lower() for w in expect): passed += 1
            else: failures.append(dict(f, why=f'expected an error mentioning {expect}'))
            continue
        if got is None:
            failures.append(dict(f, why='Carnet failed' if msg else 'no output from Carnet'))
            continue
        f['got'] = [tuple(from_carnet(v, t) for v, t in zip(row, types)) for row in got]
        why = compare(f['got'], f['want'], types, ordered)
        if why: failures.append(dict(f, why=why))
        else: passed += 1
    return passed, failures

def show_rows(rows):
    if rows is None: return '    (no result)'
    text = [f'    {",".join("" if v is None else repr(v) if isinstance(v, float) else str(v) for v in row)}' for row in rows[:10]]
    return '\n'.join([f'    ({len(rows)} rows)'] + text + ['    …'] * (len(rows) > 10))

def main():
    ap = argparse.ArgumentParser(description='Differential test of Carnet\'s SQL against SQLite (see the top of this file).')
    ap.add_argument('--carnet', required=True, help='path of the carnet executable')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--tables', type=int, default=6, help='table sets, one carnet process each (default 6)')
    ap.add_argument('--queries', type=int, default=400, help='queries per table set (default 400)')
    ap.add_argument('--keep', help='write the CSVs, the batch scripts and the SQLite queries in this folder')
    args = ap.parse_args()
    if args.keep: os.makedirs(args.keep, exist_ok=True)
    started, passed, failures = time.monotonic(), 0, []
    with tempfile.TemporaryDirectory(prefix='carnet-diff-') as tmp:
        for k in range(args.tables):
            p, f = run_set(args, k, args.keep or tmp)
            passed, failures = passed + p, failures + f
    for n, f in enumerate(failures[:20], 1):
        print(f"--- failure {n}: seed {args.seed}, table set {f['set']}, query {f['n']}: {f['why']}")
        print(f"  carnet query: {f['c']}\n  sqlite query: {f['q']}")
        print(f"  carnet result:\n{show_rows(f['got'])}\n  sqlite result:\n{show_rows(f['want'])}")
        if f['err']: print('  carnet stderr: ' + f['err'].replace('\n', '\n  '))
    if len(failures) > 20: print(f'… and {len(failures) - 20} more failures')
    print(f'seed {args.seed}: {args.tables * args.queries} queries on {args.tables} table sets in {time.monotonic() - started:.1f} s, '
          f'{passed} equal to SQLite or the expected error' + ('; rerun with --keep DIR for the files' if failures and not args.keep else ''))
    print(f'{passed} passed, {len(failures)} failed')
    return 1 if failures else 0

if __name__ == '__main__':
    sys.exit(main())
