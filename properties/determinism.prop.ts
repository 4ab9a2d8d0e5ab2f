/**
 * Law: output is deterministic — the same objects, whatever the order they were built from or the
 * order of independent statements in the SQL that declares them, give byte-identical migrations.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { catalog, freshCatalog, type Catalog } from '../src/ir/catalog.js'
import { irEqual } from '../src/ir/equal.js'
import { ready, splitStatements } from '../src/parse/sql/parser.js'
import { diff } from '../src/diff/index.js'
import { emitCreateSql, emitSql } from '../src/emit/index.js'
import { arbitraryCatalog, arbitraryPair } from './arbitrary.js'
import { check, firstDifference, load, params, shuffle } from './support.js'

test.before(async () => {
  await ready()
})

const rebuilt = (c: Catalog, seed: number): Catalog => catalog(c.pgVersion, shuffle([...c.objects.values()], seed))

test('emitSql(diff(a, b)) does not depend on the order objects were built in', () => {
  check(
    fc.property(arbitraryPair(), fc.integer(), fc.integer(), ({ a, b }, s1, s2) => {
      const expected = emitSql(diff(a, b))
      assert.is(emitSql(diff(rebuilt(a, s1), rebuilt(b, s2))), expected)
      assert.is(emitSql(diff(a, b)), expected, 'same call twice')
    }),
    params(100),
  )
})

/**
 * Statements of one class within a contiguous run are independent of each other: what they need was
 * declared before the run, what needs them comes after it. COMMENT ON statements, and CREATE TABLE
 * statements without REFERENCES, CREATE SCHEMA, CREATE TYPE … AS ENUM and CREATE SEQUENCE.
 */
const classOf = (stmt: string): string | undefined => {
  const s = stmt.replace(/^(\s|--[^\n]*\n)+/, '')
  if (/^COMMENT ON /i.test(s)) return 'comment'
  if (/^CREATE SCHEMA /i.test(s)) return 'schema'
  if (/^CREATE SEQUENCE /i.test(s)) return 'sequence'
  if (/^CREATE TYPE .* AS ENUM/is.test(s)) return 'enum'
  if (/^CREATE TABLE /i.test(s) && !/REFERENCES/i.test(s)) return 'table'
  return undefined
}

const permuteIndependent = (sql: string, seed: number): { text: string; moved: number } => {
  const stmts = splitStatements(sql).map((s) => s.text)
  const out: string[] = []
  let moved = 0
  for (let i = 0; i < stmts.length; ) {
    const cls = classOf(stmts[i] as string)
    let j = i + 1
    if (cls !== undefined) while (j < stmts.length && classOf(stmts[j] as string) === cls) j++
    const run = stmts.slice(i, j)
    const perm = shuffle(run, seed + i)
    moved += perm.filter((s, k) => s !== run[k]).length
    out.push(...perm)
    i = j
  }
  return { text: out.map((s) => (s.trimEnd().endsWith(';') ? s : `${s};`)).join('\n'), moved }
}

test('permuting independent statements of emitCreateSql(x) gives the same catalog and the same migration', () => {
  check(
    fc.property(arbitraryCatalog(), fc.integer(), (x, seed) => {
      const sql = emitCreateSql(x)
      const original = load(sql, x)
      const { text, moved } = permuteIndependent(sql, seed)
      fc.pre(moved > 0)
      const permuted = load(text, x)
      assert.ok(irEqual(permuted, original), `catalogs differ: ${firstDifference(original, permuted, irEqual)}\n--- permuted SQL ---\n${text}`)
      const fresh = freshCatalog(x.pgVersion)
      assert.is(emitSql(diff(fresh, permuted)), emitSql(diff(fresh, original)))
    }),
    { ...params(60), maxSkipsPerRun: 1000 },
  )
})

test.run()
