/**
 * The access-control oracle: for every fixtures/access case, in both directions, applying the
 * emitted migration to a database loaded with one side yields exactly the catalog of a database
 * loaded with the other — roles, memberships, ACLs, default ACLs, policies and RLS flags included.
 * PGlite always (a clone per database: roles are isolated), and the server in PGCHARTER_PG_URL when
 * set (a database per side, and the roles a side created are dropped after it).
 *
 * Cases known not to converge are listed in access-known.ts with a reason; a listed case that
 * passes fails the suite. PGCHARTER_CASES=<regex> filters cases; PGCHARTER_KNOWN_OUT=<file> writes
 * every failure's summary there as JSON (to refresh the list).
 */
import { writeFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { runCase, CaseFailure } from '../support/access-case.js'
import { backends } from '../support/backends.js'
import { fixtureCases, versionAdmits } from '../support/fixtures.js'
import { stop } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { migrator, ready } from '../support/pipeline.js'
import { KNOWN } from './access-known.js'

const only = process.env['PGCHARTER_CASES']
const cases = fixtureCases('access').filter((c) => only === undefined || new RegExp(only).test(c.name))
await ready()

interface Tally {
  passed: number
  total: number
  known: number
  skipped: number
}
const tally = new Map<string, Tally>()
const failures: Record<string, string> = {}

const knownReason = (backend: string, name: string): string | undefined => KNOWN[`${backend}:${name}`] ?? KNOWN[name]

/** Fail a case: a one-line message, then the details once. */
const fail = (what: string, detail: string): never => {
  const e = new assert.Assertion({ message: what, details: detail, operator: 'converge', expects: undefined, actual: undefined })
  e.stack = `${e.name}: ${what}`
  throw e
}

const test = suite('access convergence')

for (const b of backends()) {
  const t: Tally = { passed: 0, total: 0, known: 0, skipped: 0 }
  tally.set(b.label, t)
  for (const c of cases) {
    test(`${b.label}: ${c.name}`, async () => {
      const version = await b.version()
      if (!versionAdmits(c.versions, version)) {
        t.skipped++
        return
      }
      t.total++
      const known = knownReason(b.label, c.name)
      let failure: CaseFailure | undefined
      try {
        await runCase(b, migrator, version, c)
      } catch (e) {
        failure = e instanceof CaseFailure ? e : new CaseFailure(`harness error: ${e instanceof Error ? e.message : String(e)}`, e instanceof Error ? (e.stack ?? '') : '')
      }
      if (failure === undefined) {
        t.passed++
        if (known !== undefined) fail(`${c.name} converges on ${b.label} but is listed in access-known.ts: remove it`, `listed reason: ${known}`)
        return
      }
      failures[`${b.label}:${c.name}`] = failure.what
      if (known !== undefined) {
        t.known++
        return
      }
      fail(`${c.name} on ${b.label}: ${failure.what}`, failure.detail)
    })
  }
}

test.after(async () => {
  for (const [label, t] of tally)
    console.log(`\naccess convergence on ${label}: ${t.passed}/${t.total} passed, ${t.known} known failures, ${t.skipped} skipped (versions)`)
  const out = process.env['PGCHARTER_KNOWN_OUT']
  if (out) writeFileSync(out, JSON.stringify(failures, null, 1) + '\n')
  await stop()
  await stopServer()
})

test.run()
