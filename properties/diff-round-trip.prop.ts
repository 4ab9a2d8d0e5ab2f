/**
 * Law (pure, no database): interpreting the creation script of a followed by the migration
 * diff(a, b) yields b. `loadSql(emitCreateSql(a) + emitSql(diff(a, b))) ≅ b`, where ≅ ignores
 * the order of a table's columns: ADD COLUMN appends, PostgreSQL cannot place a column in the
 * middle (the convergence harness compares the same way, test/support/compare.ts).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { ready } from '../src/parse/sql/parser.js'
import { diff } from '../src/diff/index.js'
import { emitCreateSql, emitSql } from '../src/emit/index.js'
import { arbitraryPair } from './arbitrary.js'
import { check, converge, firstDifference, load, params, sameUpToColumnOrder } from './support.js'

test.before(async () => {
  await ready()
})

test('loadSql(emitCreateSql(a) + emitSql(diff(a, b))) ≅ b', () => {
  check(
    fc.property(arbitraryPair(), ({ a, b }) => {
      const migration = emitSql(diff(a, b))
      const sql = `${emitCreateSql(a)}\n${migration}`
      const back = load(sql, a)
      assert.ok(converge(back, b), `differs at ${firstDifference(b, back, sameUpToColumnOrder)}\n--- migration ---\n${migration}`)
    }),
    params(100),
  )
})

test('hostile names: loadSql(emitCreateSql(a) + emitSql(diff(a, b))) ≅ b', () => {
  check(
    fc.property(arbitraryPair({ names: 'hostile' }), ({ a, b }) => {
      const migration = emitSql(diff(a, b))
      const back = load(`${emitCreateSql(a)}\n${migration}`, a)
      assert.ok(converge(back, b), `differs at ${firstDifference(b, back, sameUpToColumnOrder)}\n--- migration ---\n${migration}`)
    }),
    params(40),
  )
})

test.run()
