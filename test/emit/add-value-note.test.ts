/**
 * `ALTER TYPE … ADD VALUE` cannot be used in the transaction that added it: a migration that adds
 * enum values and then runs anything else carries a note, once, before the first ADD VALUE; and it
 * does run on PostgreSQL statement by statement (while it fails as one transaction).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { diff } from '../../src/diff/index.js'
import { emitSql } from '../../src/emit/index.js'
import { ADD_VALUE_NOTE } from '../../src/emit/sql.js'
import { applyStatements, scriptStatements } from '../support/apply.js'
import { fresh, stop } from '../support/pglite.js'
import { load, ready } from '../support/pipeline.js'

test.before(async () => {
  await ready()
})
test.after(async () => {
  await stop()
})

const A = `CREATE TYPE weekday AS ENUM ('mon', 'fri');
CREATE DOMAIN workday AS weekday NOT NULL;
CREATE TABLE standups (id integer PRIMARY KEY, day workday);`
const B = `CREATE TYPE weekday AS ENUM ('mon', 'tue', 'fri', 'sat');
CREATE DOMAIN workday AS weekday NOT NULL CHECK (VALUE < 'sat');
CREATE TABLE standups (id integer PRIMARY KEY, day workday);`

const migration = (a: string, b: string): string => {
  const from = load(a, 'a.sql', 18)
  const to = load(b, 'b.sql', 18)
  assert.equal([...from.errors, ...to.errors], [])
  return emitSql(diff(from.catalog, to.catalog))
}

const count = (text: string, part: string): number => text.split(part).length - 1

test('ADD VALUE followed by other statements: one note, right before the first ADD VALUE', () => {
  const sql = migration(A, B)
  assert.is(count(sql, ADD_VALUE_NOTE), 1, sql)
  const lines = sql.split('\n')
  const at = lines.indexOf(ADD_VALUE_NOTE)
  assert.is(lines[at + 1], '-- Add value to enum type: "weekday"', sql)
  assert.match(lines[at + 2] ?? '', /^ALTER TYPE public\.weekday ADD VALUE /)
  assert.not.ok(lines.slice(0, at).some((l) => /ADD VALUE/.test(l)), 'no ADD VALUE before the note')
  assert.ok(lines.slice(at + 3).some((l) => /^ALTER DOMAIN /.test(l)), sql)
})

test('only ADD VALUEs (they may refer to each other in one transaction): no note', () => {
  const sql = migration(`CREATE TYPE e AS ENUM ('a');`, `CREATE TYPE e AS ENUM ('a', 'b', 'c');`)
  assert.is(count(sql, 'ADD VALUE'), 2, sql)
  assert.not.ok(sql.includes('-- note:'), sql)
})

test('no ADD VALUE: no note', () => {
  const sql = migration(B, A)
  assert.ok(sql.length > 0)
  assert.not.ok(sql.includes('-- note:'), sql)
})

test('the noted migration fails as one transaction and runs statement by statement (PGlite)', async () => {
  const sql = migration(A, B)
  const once = await fresh()
  try {
    await once.exec(A)
    await once.exec(sql).then(
      () => assert.unreachable('ADD VALUE then a use of the value in one transaction must fail'),
      (e: unknown) => assert.match(String(e), /unsafe use of new value/),
    )
  } finally {
    await once.close()
  }
  const each = await fresh()
  try {
    await each.exec(A)
    assert.is(await applyStatements(each.exec, sql), scriptStatements(sql).length)
    const r = await each.db.query<{ v: string }>(`SELECT unnest(enum_range(NULL::weekday))::text AS v`)
    assert.equal(r.rows.map((x) => x.v), ['mon', 'tue', 'fri', 'sat'])
  } finally {
    await each.close()
  }
})

test.run()
