/**
 * Names and values the emitter prints as SQL, executed on PostgreSQL (PGlite): collation and
 * operator class references (stored in SQL form, printed as is), namespaced storage options
 * (`toast.…`), and function SET values (search_path keeps its quoting; other values are not split).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { diff } from '../../src/diff/index.js'
import { emitSql } from '../../src/emit/index.js'
import { optionList, optionName, optionValue } from '../../src/emit/options.js'
import { inspect } from '../../src/inspect/index.js'
import type { Catalog } from '../../src/ir/catalog.js'
import type { DbObject } from '../../src/ir/objects.js'
import { catalogDiff, catalogsConverge } from '../support/compare.js'
import { fresh, stop } from '../support/pglite.js'
import { load, ready } from '../support/pipeline.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

/** Objects the interpreter does not model, created on the database before the migration. */
const SETUP = `CREATE COLLATION public."MyColl" FROM "C";
CREATE OPERATOR CLASS public."MyOps" FOR TYPE text USING btree AS
  OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >, FUNCTION 1 bttextcmp(text, text);`

const catalogOf = (sql: string): Catalog => {
  const r = load(sql, 'x.sql', 18)
  assert.equal(r.errors, [])
  return r.catalog
}

const find = <K extends DbObject['kind']>(c: Catalog, kind: K, name: string): Extract<DbObject, { kind: K }> => {
  const o = [...c.objects.values()].find((x) => x.kind === kind && 'name' in x && x.name === name)
  if (!o) throw new Error(`no ${kind} ${name}`)
  return o as Extract<DbObject, { kind: K }>
}

/** Migrate `a` → `b` on PGlite (after SETUP), then inspect: the live catalog must equal `b`'s. */
const migrateAndInspect = async (a: string, b: string): Promise<{ sql: string; live: Catalog; to: Catalog; rows: (q: string) => Promise<unknown[]> }> => {
  const from = catalogOf(a)
  const to = catalogOf(b)
  const sql = emitSql(diff(from, to))
  const db = await fresh()
  try {
    await db.exec(SETUP)
    if (a.trim() !== '') await db.exec(a)
    await db.exec(sql)
    const live = await inspect(db.db, { pgVersion: 18 })
    const snapshot = new Map<string, unknown[]>()
    for (const q of QUERIES) snapshot.set(q, (await db.db.query(q)).rows as unknown[])
    return { sql, live, to, rows: async (q) => snapshot.get(q) ?? [] }
  } finally {
    await db.close()
  }
}

const TOAST_OPTIONS = `SELECT t.reloptions FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.relname = 'o'`
const PROCONFIG = `SELECT proname, proconfig FROM pg_proc WHERE proname IN ('f', 'g') ORDER BY proname`
const QUERIES = [TOAST_OPTIONS, PROCONFIG]

const COLLATIONS = `CREATE TABLE t (
  a text COLLATE "en_US.utf8", b text COLLATE "C.utf8", c text COLLATE public."MyColl", d text COLLATE "C",
  e text COLLATE pg_catalog."POSIX"
);
CREATE INDEX t_a ON t (a COLLATE "C" text_pattern_ops, c public."MyOps", b COLLATE public."MyColl");
CREATE TABLE p (k text) PARTITION BY RANGE (k COLLATE "en_US.utf8" public."MyOps");
CREATE TYPE comp AS (x text COLLATE public."MyColl", y text COLLATE "C.utf8");
CREATE DOMAIN dom AS text COLLATE "en_US.utf8";`

test('collations and operator classes are stored in SQL form, emitted as is, and inspect back equal', async () => {
  const to = catalogOf(COLLATIONS)
  const t = find(to, 'Table', 't')
  assert.equal(
    t.columns.map((c) => c.collation),
    ['"en_US.utf8"', '"C.utf8"', 'public."MyColl"', '"C"', '"POSIX"'],
  )
  const i = find(to, 'Index', 't_a')
  assert.equal(
    i.keys.map((k) => [k.collation, k.opclass]),
    [['"C"', 'text_pattern_ops'], [undefined, 'public."MyOps"'], ['public."MyColl"', undefined]],
  )
  const p = find(to, 'Table', 'p')
  assert.equal(p.partitionBy?.keys.map((k) => [k.collation, k.opclass]), [['"en_US.utf8"', 'public."MyOps"']])
  assert.equal(find(to, 'CompositeType', 'comp').attributes.map((x) => x.collation), ['public."MyColl"', '"C.utf8"'])
  assert.is(find(to, 'Domain', 'dom').collation, '"en_US.utf8"')

  const r = await migrateAndInspect('', COLLATIONS)
  assert.match(r.sql, 'COLLATE "en_US.utf8"')
  assert.match(r.sql, 'COLLATE public."MyColl"')
  assert.match(r.sql, 'public."MyOps"')
  assert.ok(catalogsConverge(r.live, r.to), catalogDiff(r.live, r.to, ['live', 'file']))
})

test('changing a column collation to a dotted one migrates', async () => {
  const r = await migrateAndInspect(`CREATE TABLE t (a text);`, `CREATE TABLE t (a text COLLATE "en_US.utf8");`)
  assert.match(r.sql, 'COLLATE "en_US.utf8"')
  assert.ok(catalogsConverge(r.live, r.to), catalogDiff(r.live, r.to, ['live', 'file']))
})

test('option names: each dotted part quoted as needed; values: numbers and lower-case words bare', () => {
  assert.is(optionName('toast.autovacuum_enabled'), 'toast.autovacuum_enabled')
  assert.is(optionName('Odd.Name'), '"Odd"."Name"')
  assert.is(optionValue('70'), '70')
  assert.is(optionValue('0.5'), '0.5')
  assert.is(optionValue('false'), 'false')
  assert.is(optionValue('Foo'), "'Foo'")
  assert.is(optionValue('a b'), "'a b'")
  assert.is(optionList({ b: '1', 'toast.a': 'x-y' }), "b = 1, toast.a = 'x-y'")
})

test('toast.* storage options: created, changed and reset on PostgreSQL', async () => {
  const created = await migrateAndInspect('', `CREATE TABLE o (id int, t text) WITH (toast.autovacuum_enabled = false, fillfactor = 70);`)
  assert.match(created.sql, 'toast.autovacuum_enabled = false')
  assert.equal(await created.rows(TOAST_OPTIONS), [{ reloptions: ['autovacuum_enabled=false'] }])

  const changed = await migrateAndInspect(
    `CREATE TABLE o (id int, t text) WITH (toast.autovacuum_enabled = false, fillfactor = 70);`,
    `CREATE TABLE o (id int, t text) WITH (toast.autovacuum_enabled = true);`,
  )
  assert.equal(await changed.rows(TOAST_OPTIONS), [{ reloptions: ['autovacuum_enabled=true'] }])

  const reset = await migrateAndInspect(
    `CREATE TABLE o (id int, t text) WITH (toast.autovacuum_enabled = false);`,
    `CREATE TABLE o (id int, t text);`,
  )
  assert.match(reset.sql, 'RESET (toast.autovacuum_enabled)')
  assert.equal(await reset.rows(TOAST_OPTIONS), [{ reloptions: null }])
})

const FUNCTIONS = `CREATE SCHEMA "MySchema";
CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = "MySchema", public, "$user" SET application_name = 'a, b' AS 'SELECT 1';
CREATE FUNCTION g() RETURNS int LANGUAGE sql SET search_path = '' SET work_mem = '64MB' SET statement_timeout = 0 AS 'SELECT 1';`

test('function SET values: stored as proconfig has them, emitted so that PostgreSQL reads them back identically', async () => {
  const to = catalogOf(FUNCTIONS)
  assert.equal(find(to, 'Function', 'f').config, [
    { name: 'search_path', value: '"MySchema", public, "$user"' },
    { name: 'application_name', value: 'a, b' },
  ])
  assert.equal(find(to, 'Function', 'g').config, [
    { name: 'search_path', value: '""' },
    { name: 'work_mem', value: '64MB' },
    { name: 'statement_timeout', value: '0' },
  ])
  const r = await migrateAndInspect('', FUNCTIONS)
  assert.equal(await r.rows(PROCONFIG), [
    { proname: 'f', proconfig: ['search_path="MySchema", public, "$user"', 'application_name=a, b'] },
    { proname: 'g', proconfig: ['search_path=""', 'work_mem=64MB', 'statement_timeout=0'] },
  ])
  assert.ok(catalogsConverge(r.live, r.to), catalogDiff(r.live, r.to, ['live', 'file']))
})

test.run()
