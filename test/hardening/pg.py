"""Shared by the hardening tests: psql batches and the extension's catalog.

Every check here is generic: it enumerates the extension's objects from
pg_depend (deptype 'e'), so objects other branches add join automatically.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "differential"))
from tap import Tap  # noqa: E402,F401  (re-exported)

EXT = "socialcare"
PSQL = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1"]

# The extension's members of one catalog, e.g. member_oids('pg_proc').
MEMBERS = """
    SELECT d.objid FROM pg_catalog.pg_depend d
    WHERE d.classid = '{cls}'::pg_catalog.regclass
      AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = '{ext}')
      AND d.deptype = 'e'
"""


def members(cls):
    return MEMBERS.format(cls=cls, ext=EXT)


def psql(sql, db=None, check=True, extra=()):
    """Run SQL (a script) in one session; stdout as text."""
    cmd = PSQL + list(extra) + (["-d", db] if db else [])
    r = subprocess.run(cmd, input=sql, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"psql failed ({r.returncode}): {r.stderr.strip()}")
    return r


def json_rows(sql, db=None):
    """Rows of a query as a list of dicts (the query's rows become JSON)."""
    out = psql(f"SELECT coalesce(pg_catalog.json_agg(q), '[]') FROM ({sql}) AS q;", db).stdout
    return json.loads(out)


FUNCTIONS = f"""
    SELECT p.oid::int AS oid, p.oid::pg_catalog.regprocedure::text AS sig,
           pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(p.proname) AS qname,
           p.prokind AS kind, p.proretset AS retset, p.proisstrict AS strict,
           p.prosecdef AS secdef, l.lanname AS lang, p.provolatile AS volatility,
           p.proparallel AS parallel,
           pg_catalog.format_type(p.prorettype, NULL) AS rettype,
           p.prorettype IN ('pg_catalog.trigger'::pg_catalog.regtype,
                            'pg_catalog.event_trigger'::pg_catalog.regtype) AS is_trigger,
           ARRAY(SELECT pg_catalog.format_type(t, NULL)
                 FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS a (t, i) ORDER BY i) AS argtypes,
           ARRAY(SELECT t::int FROM pg_catalog.unnest(p.proargtypes) WITH ORDINALITY AS a (t, i) ORDER BY i)
               AS argtypeoids,
           p.provariadic <> 0 AS variadic,
           coalesce(a.aggkind, '') AS aggkind, coalesce(a.aggnumdirectargs, 0) AS ndirect,
           coalesce(a.aggcombinefn::text, '-') AS combinefn,
           coalesce(a.aggtranstype::pg_catalog.regtype::text, '') AS transtype,
           coalesce(a.aggmtransfn::text, '-') AS mtransfn
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_catalog.pg_language l ON l.oid = p.prolang
    LEFT JOIN pg_catalog.pg_aggregate a ON a.aggfnoid = p.oid
    WHERE p.oid IN ({members('pg_catalog.pg_proc')})
    ORDER BY 2
"""


def functions(db=None):
    """Every function, aggregate, window function and procedure of the extension."""
    return json_rows(FUNCTIONS, db)


TABLES = f"""
    SELECT c.oid::int AS oid, c.oid::pg_catalog.regclass::text AS qname, c.relkind AS kind,
           c.oid = ANY (coalesce(e.extconfig, '{{}}')) AS config_dump
    FROM pg_catalog.pg_class c, pg_catalog.pg_extension e
    WHERE e.extname = '{EXT}' AND c.oid IN ({members('pg_catalog.pg_class')})
      AND c.relkind IN ('r', 'p', 'v', 'm')
    ORDER BY 2
"""


def tables(db=None):
    """The extension's tables and views, with whether pg_dump keeps their rows."""
    return json_rows(TABLES, db)
