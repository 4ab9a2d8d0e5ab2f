/**
 * The arbitrary itself is lawful: the SQL interpreter reads the reference SQL of a generated catalog
 * back as exactly that catalog (that the same SQL runs on PostgreSQL is checked in pglite.prop.ts).
 * This checks the generator and the interpreter, independently of src/emit and src/diff.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { freshCatalog } from '../src/ir/catalog.js'
import { irEqual } from '../src/ir/equal.js'
import { ready } from '../src/parse/sql/parser.js'
import { arbitraryCatalog } from './arbitrary.js'
import { referenceSql } from './reference-sql.js'
import { check, firstDifference, load, params } from './support.js'

test.before(async () => {
  await ready()
})

test('the SQL interpreter reads the reference SQL of x back as x', () => {
  check(
    fc.property(arbitraryCatalog(), (x) => {
      const sql = `${referenceSql(x)}-- end (the empty file is its own test below)\n`
      const back = load(sql, x)
      assert.ok(irEqual(back, x), `differs at ${firstDifference(x, back, irEqual)}\n--- SQL ---\n${sql}`)
    }),
    params(100),
  )
})

test('an empty file is the fresh catalog', () => {
  for (const v of [15, 16, 17, 18] as const) {
    const back = load('', { pgVersion: v })
    assert.ok(irEqual(back, freshCatalog(v)), firstDifference(freshCatalog(v), back, irEqual))
  }
})

test.run()
