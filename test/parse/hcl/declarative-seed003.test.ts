/**
 * Seed 003's HCL walkthrough, golden: the migrations the seed shows (statement kinds and targets,
 * in order), run on PGlite, leave the ACLs the seed implies (the expected-acl files of the
 * fixtures/access/seed003-hcl-* cases, which are the same states written in SQL), and the loaded
 * IR equals the IR of those SQL states.
 *
 * The access blocks (permission, default_privileges) go through their lowerers; the function,
 * procedure and schema blocks, owned by other lowerers, are given as the SQL they lower to (the
 * miniature loader of lower-access-fake.ts), until the HCL loader runs the whole files.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { freshCatalog, type Catalog, type PgVersion } from '../../../src/ir/catalog.js'
import { diff } from '../../../src/diff/index.js'
import { emitSql } from '../../../src/emit/index.js'
import { inspect } from '../../../src/inspect/index.js'
import { loadSql, ready } from '../../../src/parse/sql/index.js'
import type { Phase } from '../../../src/parse/hcl/lower/context.js'
import { aclListing, expectedAcl } from '../../support/acl-listing.js'
import { applyStatements, scriptStatements } from '../../support/apply.js'
import { catalogDiff, catalogsConverge } from '../../support/compare.js'
import { fresh, stop } from '../../support/pglite.js'
import { block, kw, list, miniLoad, ref } from './lower-access-fake.js'

await ready()
const test = suite('seed 003 HCL walkthrough')

/** Step 1's blocks other than access control, as the SQL their lowerers give. */
const STEP1_OBJECTS: ReadonlyArray<readonly [Phase, string]> = [
  ['schemas', `COMMENT ON SCHEMA public IS 'standard public schema'`],
  ['functions', `CREATE FUNCTION public.add(a integer, b integer) RETURNS integer LANGUAGE plpgsql AS $$\nBEGIN\nRETURN a + b;\nEND;\n$$`],
  ['functions', `CREATE PROCEDURE public.noop() LANGUAGE plpgsql AS $$\nBEGIN\nEND;\n$$`],
]
const step2Permissions = () => [
  block('permission', { attrs: { to: kw('PUBLIC'), for: ref('function', 'add', 'public'), privileges: list(kw('EXECUTE')) } }),
  block('permission', { attrs: { to: kw('PUBLIC'), for: ref('schema', 'public'), privileges: list(kw('USAGE')) } }),
]
const hardened = () =>
  block('default_privileges', { attrs: { on: kw('FUNCTIONS') }, blocks: [['revoke', block('revoke', { attrs: { from: kw('PUBLIC'), privileges: list(kw('EXECUTE')) } })]] })

const load = (step: 1 | 2 | 3, v: PgVersion): Catalog => {
  const l = miniLoad(step === 2 ? step2Permissions() : step === 3 ? [hardened()] : [], { pgVersion: v, other: STEP1_OBJECTS })
  assert.equal(l.diagnostics, [], `step ${step} loads without diagnostics`)
  return l.catalog
}

/** A statement as `VERB [PRIVILEGE] KIND name`, what the seed's migrations fix. */
const shape = (s: string): string => {
  const one = s.replace(/\s+/g, ' ')
  const name = (q: string | undefined): string => (q ?? '').replace(/"/g, '').replace(/^public\./, '')
  let m = /^(GRANT|REVOKE) (\w+) ON (SCHEMA|FUNCTION|PROCEDURE) ("?[\w]+"?(?:\."?\w+"?)?)(?: ?\([^)]*\))? (?:TO|FROM) PUBLIC;$/.exec(one)
  if (m) return `${m[1]} ${m[2]} ${m[3]} ${name(m[4])}`
  m = /^CREATE (FUNCTION|PROCEDURE) ("?\w+"?\."?\w+"?)/.exec(one)
  if (m) return `CREATE ${m[1]} ${name(m[2])}`
  m = /^ALTER DEFAULT PRIVILEGES .*?(GRANT|REVOKE) (\w+) ON (\w+) (?:TO|FROM) PUBLIC;$/.exec(one)
  if (m) return `DEFAULTS ${m[1]} ${m[2]} ${m[3]}`
  return one
}
const migration = (from: Catalog, to: Catalog): { sql: string; shapes: string[] } => {
  const sql = emitSql(diff(from, to), { pgVersion: to.pgVersion })
  return { sql, shapes: scriptStatements(sql).map((s) => shape(s.text)) }
}

const fixture = (name: string): string => join(process.cwd(), 'fixtures', 'access', name)
const sqlState = (name: string, v: PgVersion): Catalog => {
  const r = loadSql([{ file: `${name}/b.sql`, text: readFileSync(join(fixture(name), 'b.sql'), 'utf8') }], { pgVersion: v })
  return r.catalog
}

const STEP1 = ['REVOKE USAGE SCHEMA public', 'CREATE FUNCTION add', 'REVOKE EXECUTE FUNCTION add', 'CREATE PROCEDURE noop', 'REVOKE EXECUTE PROCEDURE noop']

/** Apply migrations in turn on a fresh PGlite database; its ACL listing and inspected catalog. */
const apply = async (scripts: ReadonlyArray<string>, v: PgVersion): Promise<{ acl: string[]; inspected: Catalog }> => {
  const db = await fresh()
  try {
    for (const s of scripts) await applyStatements(db.exec, s)
    return { acl: await aclListing(db.db), inspected: await inspect(db.db, { pgVersion: v }) }
  } finally {
    await db.close()
  }
}

const sameAcl = (got: ReadonlyArray<string>, fixtureName: string, v: number, sql: string): void =>
  assert.equal(got, expectedAcl(fixture(fixtureName), v), `ACL listing after:\n${sql}`)

let V: PgVersion = 16
test.before(async () => {
  const db = await fresh()
  try {
    V = (await inspect(db.db)).pgVersion
  } finally {
    await db.close()
  }
})

test('step 1: REVOKE USAGE on public, then each routine created and its PUBLIC EXECUTE revoked', async () => {
  const s1 = load(1, V)
  const m = migration(freshCatalog(V), s1)
  assert.equal(m.shapes, STEP1, m.sql)
  assert.ok(catalogsConverge(s1, sqlState('seed003-hcl-step1-as-sql', V)), catalogDiff(s1, sqlState('seed003-hcl-step1-as-sql', V)))
  const r = await apply([m.sql], V)
  sameAcl(r.acl, 'seed003-hcl-step1-as-sql', V, m.sql)
  assert.ok(catalogsConverge(r.inspected, s1), catalogDiff(r.inspected, s1, ['inspected', 'hcl']))
})

test('step 2 from step 1: exactly the two GRANTs to PUBLIC', async () => {
  const s1 = load(1, V)
  const s2 = load(2, V)
  const m = migration(s1, s2)
  assert.equal([...m.shapes].sort(), ['GRANT EXECUTE FUNCTION add', 'GRANT USAGE SCHEMA public'], m.sql)
  assert.ok(catalogsConverge(s2, sqlState('seed003-hcl-step2-as-sql', V)), catalogDiff(s2, sqlState('seed003-hcl-step2-as-sql', V)))
  const r = await apply([migration(freshCatalog(V), s1).sql, m.sql], V)
  sameAcl(r.acl, 'seed003-hcl-step2-as-sql', V, m.sql)
  assert.ok(catalogsConverge(r.inspected, s2), catalogDiff(r.inspected, s2, ['inspected', 'hcl']))
  // and from the empty database straight to step 2: same end state
  const direct = await apply([migration(freshCatalog(V), s2).sql], V)
  sameAcl(direct.acl, 'seed003-hcl-step2-as-sql', V, migration(freshCatalog(V), s2).sql)
})

test('step 3 (hardened baseline declared): no REVOKE EXECUTE on the routines', async () => {
  const s3 = load(3, V)
  const m = migration(freshCatalog(V), s3)
  assert.ok(!m.shapes.some((s) => s.startsWith('REVOKE EXECUTE')), m.sql)
  assert.equal(m.shapes.filter((s) => !s.startsWith('DEFAULTS')), ['REVOKE USAGE SCHEMA public', 'CREATE FUNCTION add', 'CREATE PROCEDURE noop'], m.sql)
  const d = m.shapes.indexOf('DEFAULTS REVOKE EXECUTE FUNCTIONS')
  assert.ok(d >= 0 && d < m.shapes.indexOf('CREATE FUNCTION add'), `the default comes before the CREATEs:\n${m.sql}`)
  assert.ok(catalogsConverge(s3, sqlState('seed003-hcl-step3-hardened-baseline', V)), catalogDiff(s3, sqlState('seed003-hcl-step3-hardened-baseline', V)))
  const r = await apply([m.sql], V)
  sameAcl(r.acl, 'seed003-hcl-step3-hardened-baseline', V, m.sql)
  assert.ok(catalogsConverge(r.inspected, s3), catalogDiff(r.inspected, s3, ['inspected', 'hcl']))
})

test.after(async () => {
  await stop()
})

test.run()
