/**
 * Law: SQL → IR is a left inverse of IR → SQL. The SQL `emitCreateSql(x)` prints, interpreted by the
 * SQL front end, gives back x (spans aside), without error diagnostics — for any names, including
 * names that need quoting, contain quotes, spaces, unicode or are reserved words.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import type { Catalog } from '../src/ir/catalog.js'
import { irEqual } from '../src/ir/equal.js'
import { ready } from '../src/parse/sql/parser.js'
import { emitCreateSql } from '../src/emit/index.js'
import { arbitraryCatalog } from './arbitrary.js'
import { check, firstDifference, load, params } from './support.js'

test.before(async () => {
  await ready()
})

const roundTrips = (x: Catalog): void => {
  const sql = emitCreateSql(x)
  const back = load(sql, x)
  assert.ok(irEqual(back, x), `round trip differs at ${firstDifference(x, back, irEqual)}\n--- SQL ---\n${sql}`)
}

test('loadSql(emitCreateSql(x)) ≅ x', () => {
  check(fc.property(arbitraryCatalog(), roundTrips), params(100))
})

test('plain names round-trip', () => {
  check(fc.property(arbitraryCatalog({ names: 'plain' }), roundTrips), params(30))
})

test('hostile identifiers survive: every name from the hostile pool', () => {
  check(fc.property(arbitraryCatalog({ names: 'hostile' }), roundTrips), params(100))
})

test('emitCreateSql is deterministic', () => {
  check(
    fc.property(arbitraryCatalog(), (x) => {
      assert.is(emitCreateSql(x), emitCreateSql(x))
    }),
    params(30),
  )
})

test.run()
