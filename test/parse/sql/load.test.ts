import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready, loadSql } from '../../../src/parse/index.js'
import { freshCatalog, irEqual, stripSpans, type DbObject } from '../../../src/ir/index.js'

const load = (text: string, role?: string) => loadSql([{ file: 'f.sql', text }], role ? { role } : {})
const get = (text: string, id: string): DbObject | undefined => load(text).catalog.objects.get(id)
const errors = (text: string) => load(text).diagnostics.filter((d) => d.severity === 'error')

test.before(async () => {
  await ready()
})

test('an empty file gives exactly the fresh catalog, for each version', () => {
  for (const v of [15, 16, 18] as const) {
    const r = loadSql([{ file: 'e.sql', text: '' }], { pgVersion: v })
    assert.equal(r.diagnostics, [])
    assert.ok(irEqual(r.catalog, freshCatalog(v)))
  }
})

test('every syntax error of every file is reported with its position', () => {
  const r = loadSql([
    { file: 'a.sql', text: 'CREATE TABLE t (a int);\nCREATE TABL x ();\nSELECT 1;\nCREATE TABLE (;\n' },
    { file: 'b.sql', text: 'DROP TABLE;' },
  ])
  const e = r.diagnostics.filter((d) => d.code === 'PG-SYNTAX')
  assert.is(e.length, 3)
  assert.equal(e.map((d) => [d.span?.file, d.span?.line]), [['a.sql', 2], ['a.sql', 4], ['b.sql', 1]])
  assert.ok(irEqual(r.catalog, freshCatalog(16)))
})

test('undefined table and column are errors with spans', () => {
  const e = errors('CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (x int REFERENCES missing (id));\nCREATE TABLE c (x int REFERENCES a (nope));\nALTER TABLE zzz ADD COLUMN q int;\nALTER TABLE IF EXISTS zzz ADD COLUMN q int;')
  assert.equal(e.map((d) => [d.code, d.span?.line, d.span?.column]), [
    ['E-UNDEFINED-TABLE', 2, 34],
    ['E-UNDEFINED-COLUMN', 3, 34],
    ['E-UNDEFINED-TABLE', 4, 13],
  ])
})

test('duplicates and missing drops are errors unless IF [NOT] EXISTS', () => {
  const e = errors('CREATE TABLE a (x int);\nCREATE TABLE a (y int);\nCREATE TABLE IF NOT EXISTS a (y int);\nDROP TABLE nope;\nDROP TABLE IF EXISTS nope;\nDROP VIEW a;')
  assert.equal(e.map((d) => d.code), ['E-DUPLICATE-OBJECT', 'E-UNDEFINED-TABLE', 'E-WRONG-OBJECT-TYPE'])
})

test('unsupported statements warn, statements without offline meaning are skipped', () => {
  const r = load("BEGIN;\nINSERT INTO x VALUES (1);\nGRANT USAGE ON LANGUAGE plpgsql TO bob;\nCREATE ROLE bob;\nDO $$ begin perform pg_sleep(1); end $$;\nSET statement_timeout = 0;\nANALYZE;\nCOMMIT;\nCREATE TEMP TABLE tt (a int);")
  assert.equal(r.diagnostics.map((d) => [d.code, d.span?.line]), [
    ['W-UNSUPPORTED', 3],
    ['W-DO-SKIPPED', 5],
    ['W-UNSUPPORTED', 9],
  ])
  assert.ok(r.catalog.objects.has('role:"bob"'))
})

test('search path: set_config empty path, SET search_path, creation schema', () => {
  const r = load("SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE t (a int);\nCREATE SCHEMA s;\nSET search_path = s, public;\nCREATE TABLE u (a int);\nRESET search_path;\nCREATE TABLE v (a int REFERENCES s.u (a));")
  assert.equal(r.diagnostics.map((d) => d.code), ['E-NO-SCHEMA', 'E-INVALID-FOREIGN-KEY'])
  assert.ok(r.catalog.objects.has('table:"s"."u"'))
  assert.ok(r.catalog.objects.has('table:"public"."v"'))
})

test('serial expands to an owned sequence and a nextval default', () => {
  const r = load('CREATE SCHEMA "My S";\nCREATE TABLE "My S".t (id bigserial PRIMARY KEY);')
  const seq = r.catalog.objects.get('sequence:"My S"."t_id_seq"')
  assert.equal(stripSpans(seq), {
    kind: 'Sequence', schema: 'My S', name: 't_id_seq', owner: 'postgres', dataType: 'bigint', start: '1', increment: '1',
    minValue: '1', maxValue: '9223372036854775807', cache: '1', cycle: false, persistence: 'permanent',
    ownedBy: { schema: 'My S', table: 't', column: 'id' },
  })
  const t = r.catalog.objects.get('table:"My S"."t"')
  assert.ok(t?.kind === 'Table')
  if (t?.kind === 'Table') assert.equal(stripSpans(t.columns[0]), { name: 'id', type: 'bigint', notNull: true, default: `nextval(CAST('"My S".t_id_seq' AS regclass))` })
})

test('descending sequence defaults', () => {
  const s = get('CREATE SEQUENCE s AS integer INCREMENT BY -2 CYCLE;', 'sequence:"public"."s"')
  assert.ok(s?.kind === 'Sequence' && s.minValue === '-2147483648' && s.maxValue === '-1' && s.start === '-1' && s.increment === '-2' && s.cycle)
})

test('DROP without CASCADE fails on dependents; CASCADE removes them', () => {
  const base = 'CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id serial, a int REFERENCES a);\nCREATE INDEX ON a (id);\nCREATE VIEW va AS SELECT * FROM a;\n'
  assert.equal(errors(`${base}DROP TABLE a;`).map((d) => d.code), ['E-DEPENDENT-OBJECTS'])
  const r = load(`${base}DROP TABLE a CASCADE;\nDROP TABLE b;`)
  assert.equal(r.diagnostics, [])
  assert.equal([...r.catalog.objects.keys()].filter((k) => !k.startsWith('schema') && !k.startsWith('extension')), [])
})

test('renaming a table keeps dependent names but references follow', () => {
  const r = load(`CREATE TABLE a (id serial PRIMARY KEY);
CREATE TABLE b (a_id int REFERENCES a);
CREATE INDEX a_idx ON a (id);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;
CREATE TRIGGER tr AFTER INSERT ON a FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE a RENAME TO z;
ALTER TABLE z RENAME COLUMN id TO zid;`)
  assert.equal(r.diagnostics, [])
  const z = r.catalog.objects.get('table:"public"."z"')
  assert.ok(z?.kind === 'Table' && z.constraints[0]!.name === 'a_pkey' && z.columns[0]!.name === 'zid')
  const b = r.catalog.objects.get('table:"public"."b"')
  assert.ok(b?.kind === 'Table')
  if (b?.kind === 'Table') {
    const fk = b.constraints[0]
    assert.ok(fk?.kind === 'ForeignKey' && fk.references.name === 'z' && fk.referencedColumns[0] === 'zid')
  }
  const idx = r.catalog.objects.get('index:"public"."a_idx"')
  assert.ok(idx?.kind === 'Index' && idx.table === 'z' && idx.keys[0]!.expression === 'zid')
  const seq = r.catalog.objects.get('sequence:"public"."a_id_seq"')
  assert.ok(seq?.kind === 'Sequence' && seq.ownedBy?.table === 'z' && seq.ownedBy.column === 'zid')
  assert.ok(r.catalog.objects.has('trigger:"public"."z"."tr"'))
})

test('owners: current role, SET ROLE, OWNER TO cascades to owned sequences', () => {
  const r = load('SET ROLE alice;\nCREATE TABLE t (id serial);\nRESET ROLE;\nCREATE TABLE u (x int);\nALTER TABLE t OWNER TO bob;\nCREATE SCHEMA s AUTHORIZATION carol;\nALTER TABLE u OWNER TO CURRENT_USER;', 'admin')
  const o = (id: string) => (r.catalog.objects.get(id) as { owner?: string } | undefined)?.owner
  assert.is(o('table:"public"."t"'), 'bob')
  assert.is(o('sequence:"public"."t_id_seq"'), 'bob')
  assert.is(o('table:"public"."u"'), 'admin')
  assert.is(o('schema:"s"'), 'carol')
})

test('functions: canonical signature, OR REPLACE, DROP by signature, comments', () => {
  const r = load(`CREATE FUNCTION f(a int4, b varchar(10) DEFAULT 'x', OUT c text) RETURNS text LANGUAGE sql STABLE AS 'select 1';
CREATE OR REPLACE FUNCTION f(a integer, b character varying, OUT c text) RETURNS text LANGUAGE sql IMMUTABLE AS 'select 2';
CREATE FUNCTION f(a text) RETURNS SETOF int LANGUAGE sql SET search_path = public, pg_temp AS 'select 1';
COMMENT ON FUNCTION f(int, varchar) IS 'two';
DROP FUNCTION f(text);
CREATE FUNCTION g() RETURNS int LANGUAGE sql RETURN 1;`)
  assert.equal(r.diagnostics, [])
  const f = r.catalog.objects.get('function:"public"."f"(integer,character varying)')
  assert.ok(f?.kind === 'Function')
  if (f?.kind !== 'Function') return
  assert.is(f.volatility, 'immutable')
  assert.is(f.body, 'select 2')
  assert.is(f.comment, 'two')
  assert.equal(f.args.map((a) => a.mode), ['in', 'in', 'out'])
  assert.not.ok(r.catalog.objects.has('function:"public"."f"(text)'))
  const g = r.catalog.objects.get('function:"public"."g"()')
  assert.ok(g?.kind === 'Function' && g.sqlBody === true && g.body === 'RETURN 1')
})

test('views: output columns with * expansion, options, comments', () => {
  const r = load(`CREATE TABLE t (a int, b text);
CREATE VIEW v WITH (security_barrier) AS SELECT t.*, b AS bb, a + 1, lower(b) FROM t WITH LOCAL CHECK OPTION;
CREATE VIEW w (x, y) AS SELECT a, b FROM t;
COMMENT ON COLUMN w.x IS 'ex';`)
  assert.equal(r.diagnostics, [])
  const v = r.catalog.objects.get('view:"public"."v"')
  assert.ok(v?.kind === 'View')
  if (v?.kind === 'View') {
    assert.equal(v.columns, ['a', 'b', 'bb', '?column?', 'lower'])
    assert.is(v.checkOption, 'local')
    assert.is(v.securityBarrier, true)
  }
  const w = r.catalog.objects.get('view:"public"."w"')
  assert.ok(w?.kind === 'View' && w.columns.join() === 'x,y' && w.columnComments?.['x'] === 'ex')
})

test('enum, domain, composite and their ALTERs', () => {
  const r = load(`CREATE TYPE m AS ENUM ('a', 'c');
ALTER TYPE m ADD VALUE 'b' BEFORE 'c';
ALTER TYPE m RENAME VALUE 'a' TO 'z';
CREATE DOMAIN d AS varchar(5) DEFAULT 'x' CHECK (VALUE <> '') CHECK (length(VALUE) < 5);
ALTER DOMAIN d SET NOT NULL;
ALTER DOMAIN d DROP CONSTRAINT d_check;
CREATE TYPE c AS (x int, y m);`)
  assert.equal(r.diagnostics, [])
  const m = r.catalog.objects.get('type:"public"."m"')
  assert.ok(m?.kind === 'Enum' && m.values.join() === 'z,b,c')
  const d = r.catalog.objects.get('type:"public"."d"')
  assert.ok(d?.kind === 'Domain' && d.notNull && d.baseType === 'character varying(5)' && d.checks.map((k) => k.name).join() === 'd_check1')
  const c = r.catalog.objects.get('type:"public"."c"')
  assert.ok(c?.kind === 'CompositeType' && c.attributes[1]!.type === 'public.m')
})

test('indexes: keys, ordering, include, where, method', () => {
  const i = get('CREATE TABLE t (a int, b text);\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ti ON t USING btree (a DESC, lower(b) text_pattern_ops NULLS FIRST) INCLUDE (b) WHERE a > 0;', 'index:"public"."ti"')
  assert.equal(stripSpans(i), {
    kind: 'Index', schema: 'public', name: 'ti', table: 't', unique: true, method: 'btree',
    keys: [
      { expression: 'a', descending: true, nullsFirst: true },
      { expression: '(lower(b))', descending: false, nullsFirst: true, opclass: 'text_pattern_ops' },
    ],
    include: ['b'], nullsNotDistinct: false, where: 'a > 0',
  })
})

test('pg_dump-style input loads without diagnostics', () => {
  const dump = `--
-- PostgreSQL database dump
--
\\restrict abc
SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
\\connect app
CREATE SCHEMA app;
ALTER SCHEMA app OWNER TO owner1;
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';
SET default_tablespace = '';
SET default_table_access_method = heap;
CREATE TABLE app.items (
    id integer NOT NULL,
    name text,
    parent_id integer
);
ALTER TABLE app.items OWNER TO owner1;
CREATE SEQUENCE app.items_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE app.items_id_seq OWNER TO owner1;
ALTER SEQUENCE app.items_id_seq OWNED BY app.items.id;
ALTER TABLE ONLY app.items ALTER COLUMN id SET DEFAULT nextval('app.items_id_seq'::regclass);
COPY app.items (id, name, parent_id) FROM stdin;
1\tfoo\t\\N
\\.
SELECT pg_catalog.setval('app.items_id_seq', 1, true);
ALTER TABLE ONLY app.items
    ADD CONSTRAINT items_pkey PRIMARY KEY (id);
ALTER TABLE ONLY app.items
    ADD CONSTRAINT items_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES app.items(id) NOT VALID;
COMMENT ON TABLE app.items IS 'things';
\\unrestrict abc
`
  const r = load(dump)
  assert.equal(r.diagnostics, [])
  const t = r.catalog.objects.get('table:"app"."items"')
  assert.ok(t?.kind === 'Table')
  if (t?.kind !== 'Table') return
  assert.is(t.owner, 'owner1')
  assert.is(t.comment, 'things')
  assert.equal(t.constraints.map((c) => c.name), ['items_parent_id_fkey', 'items_pkey'])
  const fk = t.constraints[0]
  assert.ok(fk?.kind === 'ForeignKey' && fk.notValid)
  assert.is(t.columns[0]!.default, `nextval(CAST('app.items_id_seq' AS regclass))`)
  const s = r.catalog.objects.get('sequence:"app"."items_id_seq"')
  assert.ok(s?.kind === 'Sequence' && s.owner === 'owner1' && s.dataType === 'integer' && s.ownedBy?.table === 'items')
  const e = r.catalog.objects.get('extension:"pgcrypto"')
  assert.ok(e?.kind === 'Extension' && e.schema === 'public' && e.comment === 'cryptographic functions')
})

test('partitions and triggers', () => {
  const r = load(`CREATE TABLE p (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ begin return null; end $$;
CREATE TRIGGER t AFTER INSERT OR DELETE ON p REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE PROCEDURE tf('x');
ALTER TABLE p DISABLE TRIGGER t;`)
  assert.equal(r.diagnostics, [])
  const p1 = r.catalog.objects.get('table:"public"."p1"')
  assert.ok(p1?.kind === 'Table' && p1.partitionOf?.bound === "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')" && p1.columns.length === 2)
  const t = r.catalog.objects.get('trigger:"public"."p"."t"')
  assert.ok(t?.kind === 'Trigger' && t.events.join() === 'insert,delete' && t.forEach === 'statement' && t.enabled === 'disabled' && t.referencingNew === 'nt' && t.arguments[0] === 'x')
})

test('several dependents are updated (no iteration over a mutating set)', () => {
  const r = load(`CREATE TABLE t (a int, b int);
CREATE INDEX i1 ON t (a);
CREATE INDEX i2 ON t (a, b);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;
CREATE TRIGGER x1 AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
CREATE TRIGGER x2 AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE t DISABLE TRIGGER ALL;
ALTER TABLE t RENAME COLUMN a TO c;`)
  assert.equal(r.diagnostics, [])
  const i2 = r.catalog.objects.get('index:"public"."i2"')
  assert.ok(i2?.kind === 'Index' && i2.keys[0]!.expression === 'c')
  const x2 = r.catalog.objects.get('trigger:"public"."t"."x2"')
  assert.ok(x2?.kind === 'Trigger' && x2.enabled === 'disabled')
})

test('comments on composite attributes and domain constraints', () => {
  const r = load(`CREATE TYPE address AS (street text, city text);
COMMENT ON COLUMN address.city IS 'City';
CREATE DOMAIN pos AS numeric CONSTRAINT pos_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT pos_check ON DOMAIN pos IS 'no zero';`)
  assert.equal(r.diagnostics, [])
  const a = r.catalog.objects.get('type:"public"."address"')
  assert.ok(a?.kind === 'CompositeType' && a.attributes[1]!.comment === 'City')
  const d = r.catalog.objects.get('type:"public"."pos"')
  assert.ok(d?.kind === 'Domain' && d.checks[0]!.comment === 'no zero')
})

test.run()
