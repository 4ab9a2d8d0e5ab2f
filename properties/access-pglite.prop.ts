/**
 * Law, with PostgreSQL as the oracle, on catalogs with access control: applying diff(a, b) to a
 * database in state a yields state b — roles, memberships, ACLs, default ACLs, policies and RLS
 * included. PGlite: one instance, a clone per database (clones isolate roles). Expensive: ~10 runs
 * by default (scaled by FC_RUNS).
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
import { arbitraryAccessPair } from './arbitrary.js'
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

/** Run migrations statement by statement in a fresh clone and read the catalog back. */
const stateAfter = async (scripts: ReadonlyArray<{ label: string; sql: string }>): Promise<Catalog> => {
  const db = (await base.clone()) as PGlite
  try {
    for (const { label, sql } of scripts) {
      try {
        await applyStatements((stmt) => db.exec(stmt), sql)
      } catch (e) {
        const all = scripts.map((x) => `--- ${x.label} ---\n${x.sql}`).join('\n')
        throw new Error(`${label} failed on PostgreSQL: ${e instanceof Error ? e.message : String(e)}\n${all}`)
      }
    }
    await db.exec('RESET ROLE')
    return await inspect(db, { pgVersion: version })
  } finally {
    await db.close()
  }
}

test('applying diff(a, b) with access control to a database in state a yields state b (PGlite)', async () => {
  await checkAsync(
    fc.asyncProperty(arbitraryAccessPair({ versions: [version] }), async ({ a, b }) => {
      const migration = emitSql(diff(a, b), { pgVersion: b.pgVersion })
      const migrated = await stateAfter([
        { label: 'emitCreateSql(a)', sql: emitCreateSql(a) },
        { label: 'emitSql(diff(a, b))', sql: migration },
      ])
      const expected = await stateAfter([{ label: 'emitCreateSql(b)', sql: emitCreateSql(b) }])
      assert.ok(
        converge(migrated, expected),
        `migrated state differs from b at ${firstDifference(expected, migrated, sameUpToColumnOrder)}\n--- migration ---\n${migration}`,
      )
    }),
    { ...params(10), interruptAfterTimeLimit: 40_000 },
  )
})

test.run()
