/**
 * Law, with PostgreSQL itself as the oracle: applying diff(a, b) to a database in state a yields state b.
 * On embedded PostgreSQL (PGlite; one instance, a clone per case): run emitCreateSql(a) then
 * emitSql(diff(a, b)) (statement by statement) in one clone, emitCreateSql(b) in another, and compare
 * what `inspect` reads back, ignoring column order (ADD COLUMN appends, so a migrated table may order
 * its columns differently; test/support/compare.ts).
 *
 * Expensive: ~15 runs by default (scaled by FC_RUNS).
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import { PGlite } from '@electric-sql/pglite'
import type { Catalog, PgVersion } from '../src/ir/catalog.js'
import { ready } from '../src/parse/sql/parser.js'
import { diff } from '../src/diff/index.js'
import { emitCreateSql, emitSql } from '../src/emit/index.js'
import { inspect, serverVersion } from '../src/inspect/index.js'
import { arbitraryPair } from './arbitrary.js'
import { referenceSql } from './reference-sql.js'
import { applyStatements } from '../test/support/apply.js'
import { checkAsync, converge, firstDifference, params, sameUpToColumnOrder } from './support.js'

let base: PGlite
let version: PgVersion

test.before(async () => {
  await ready()
  base = new PGlite()
  await base.waitReady
  version = await serverVersion(base)
})

test.after(async () => {
  await base.close()
})

/**
 * Run scripts in a fresh clone and read the catalog back; the error names which script failed. A
 * script marked `each` (a migration) runs statement by statement, as apply tools run it.
 */
const stateAfter = async (scripts: ReadonlyArray<{ label: string; sql: string; each?: boolean }>): Promise<Catalog> => {
  const db = (await base.clone()) as PGlite
  try {
    for (const { label, sql, each } of scripts) {
      try {
        if (each) await applyStatements((stmt) => db.exec(stmt), sql)
        else await db.exec(sql)
      } catch (e) {
        const all = scripts.map((x) => `--- ${x.label} ---\n${x.sql}`).join('\n')
        throw new Error(`${label} failed on PostgreSQL: ${e instanceof Error ? e.message : String(e)}\n${all}`)
      }
    }
    return await inspect(db, { pgVersion: version })
  } finally {
    await db.close()
  }
}

test('the arbitrary is valid PostgreSQL: both sides of generated pairs run (reference SQL)', async () => {
  await checkAsync(
    fc.asyncProperty(arbitraryPair({ versions: [version] }), async ({ a, b }) => {
      for (const x of [a, b]) {
        const db = (await base.clone()) as PGlite
        try {
          await db.exec(referenceSql(x))
        } catch (e) {
          throw new Error(`${e instanceof Error ? e.message : String(e)}\n--- SQL ---\n${referenceSql(x)}`)
        } finally {
          await db.close()
        }
      }
    }),
    { ...params(4), interruptAfterTimeLimit: 15_000 },
  )
})

test('applying diff(a, b) to a database in state a yields state b (PGlite)', async () => {
  await checkAsync(
    fc.asyncProperty(arbitraryPair({ versions: [version] }), async ({ a, b }) => {
      const createA = emitCreateSql(a)
      const migration = emitSql(diff(a, b))
      const migrated = await stateAfter([
        { label: 'emitCreateSql(a)', sql: createA },
        { label: 'emitSql(diff(a, b))', sql: migration, each: true },
      ])
      const expected = await stateAfter([{ label: 'emitCreateSql(b)', sql: emitCreateSql(b) }])
      assert.ok(
        converge(migrated, expected),
        `migrated state differs from b at ${firstDifference(expected, migrated, sameUpToColumnOrder)}\n--- migration ---\n${migration}`,
      )
    }),
    // a failing case shrinks through many clones: cap the whole property (shrinking included)
    { ...params(15), interruptAfterTimeLimit: 40_000 },
  )
})

test.run()
