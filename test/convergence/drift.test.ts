/**
 * Drift-freedom: for every fixture file, the catalog `loadSql` builds offline equals the catalog
 * inspected from a database where the file was loaded. Files that cannot agree yet are listed,
 * with the reason, in drift-known.ts; any other disagreement fails, and so does a listed file
 * that now agrees (so that the list only shrinks).
 * `PGCHARTER_CASES=<regex>` filters cases; `PGCHARTER_DRIFT_REPORT=<file>` writes every difference there.
 */
import { writeFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { inspect } from '../../src/inspect/index.js'
import { loadSql, ready } from '../../src/parse/sql/index.js'
import { catalogDiff, catalogsConverge } from '../support/compare.js'
import { diffCases } from '../support/fixtures.js'
import { fresh, stop, useExtensions } from '../support/pglite.js'
import { DRIFT_KNOWN } from './drift-known.js'

const only = process.env['PGCHARTER_CASES']
const report = process.env['PGCHARTER_DRIFT_REPORT']
const cases = diffCases().filter((c) => only === undefined || new RegExp(only).test(c.name))
useExtensions(cases.flatMap((c) => c.extensions))
await ready()

const test = suite('drift')

test.after(async () => {
  await stop()
})

test('a file loaded into PGlite inspects to the catalog loadSql builds from it', async () => {
  let agree = 0
  let total = 0
  const unexpected: string[] = []
  const fixed: string[] = []
  const details: string[] = []
  for (const c of cases) {
    for (const side of ['a', 'b'] as const) {
      const file = `${c.name}/${side}.sql`
      const text = c[side]
      total++
      const db = await fresh()
      let diff: string
      try {
        await db.exec(text)
        const live = await inspect(db.db, { pgVersion: 18 })
        const offline = loadSql([{ file, text }], { pgVersion: 18 }).catalog
        diff = catalogsConverge(live, offline) ? '' : catalogDiff(live, offline, ['live', 'file'])
      } catch (e) {
        diff = `does not load: ${e instanceof Error ? e.message : String(e)}`
      } finally {
        await db.close()
      }
      const known = DRIFT_KNOWN[file] !== undefined
      if (diff === '') {
        agree++
        if (known) fixed.push(file)
      } else {
        details.push(`── ${file}\n${diff}`)
        if (!known) unexpected.push(`── ${file}\n${diff}`)
      }
    }
  }
  console.log(`drift: ${agree}/${total} files agree`)
  if (report) writeFileSync(report, details.join('\n') + '\n')
  assert.equal(fixed, [], `files in drift-known.ts that now agree (remove them): ${fixed.join(', ')}`)
  if (unexpected.length) assert.unreachable(`${unexpected.length} files drift:\n${unexpected.join('\n').slice(0, 20000)}`)
})

test.run()
