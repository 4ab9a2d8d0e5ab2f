/**
 * The HCL oracle: for every fixtures/hcl case, on PGlite and on the server in PGCHARTER_PG_URL
 * when set, the checks of test/support/hcl-checks.ts — the HCL loads without error, equals its
 * equivalent SQL, diffs empty against itself, converges when applied from an empty database (by
 * inspection and by the server's own ACL/role listing against equivalent.sql), and round-trips
 * through emitCreateSql and emitHcl.
 *
 * Known failures are listed in hcl-known.ts with a reason; a listed check that passes fails the
 * suite. PGCHARTER_CASES=<regex> filters cases; PGCHARTER_KNOWN_OUT=<file> writes every failure's
 * summary there as JSON (to refresh the list). Prints a tally per backend and check.
 */
import { writeFileSync } from 'node:fs'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { backends } from '../support/backends.js'
import { versionAdmits } from '../support/fixtures.js'
import { CHECK_IDS, CHECKS, runHclChecks, type CheckId, type CheckResult, type HclTools } from '../support/hcl-checks.js'
import { hclCases } from '../support/hcl-fixtures.js'
import { hclEmitter, hclLoader } from '../support/hcl-pipeline.js'
import { stop, useExtensions } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'
import { ready } from '../support/pipeline.js'
import { KNOWN } from './hcl-known.js'

const only = process.env['PGCHARTER_CASES']
const cases = hclCases().filter((c) => only === undefined || new RegExp(only).test(c.name))
useExtensions(cases.flatMap((c) => c.extensions))
await ready()
const loadHcl = await hclLoader()
const emitHcl = await hclEmitter()

type Count = Record<CheckId | 'case', { pass: number; fail: number; known: number; skip: number }>
const tally = new Map<string, Count & { versionSkipped: number }>()
const failures: Record<string, string> = {}

const knownReason = (backend: string, name: string, check: CheckId): string | undefined =>
  KNOWN[`${backend}:${name}#${check}`] ?? KNOWN[`${name}#${check}`] ?? KNOWN[`${backend}:${name}`] ?? KNOWN[name]
/** Entries naming the whole case (no `#check`): they hold when at least one check fails. */
const caseKnown = (backend: string, name: string): string | undefined => KNOWN[`${backend}:${name}`] ?? KNOWN[name]

const fail = (what: string, detail: string): never => {
  const e = new assert.Assertion({ message: what, details: detail, operator: 'hcl', expects: undefined, actual: undefined })
  e.stack = `${e.name}: ${what}`
  throw e
}

const test = suite('hcl convergence')

if (typeof loadHcl === 'string') {
  test('loadHcl is available', () => {
    assert.unreachable(`${loadHcl}: the HCL harness cannot run yet`)
  })
} else {
  const tools: HclTools = { loadHcl, emitHcl }
  for (const b of backends()) {
    const empty = () => ({ pass: 0, fail: 0, known: 0, skip: 0 })
    const t = { ...(Object.fromEntries([...CHECK_IDS, 'case'].map((k) => [k, empty()])) as Count), versionSkipped: 0 }
    tally.set(b.label, t)
    for (const c of cases) {
      test(`${b.label}: ${c.name}`, async () => {
        const version = await b.version()
        if (!versionAdmits(c.versions, version)) {
          t.versionSkipped++
          return
        }
        const results: CheckResult[] = await runHclChecks(b, version, tools, c)
        const unexpected: string[] = []
        const details: string[] = []
        const stale: string[] = []
        for (const r of results) {
          const known = knownReason(b.label, c.name, r.check)
          if (r.status === 'skip') {
            t[r.check].skip++
            continue
          }
          if (r.status === 'pass') {
            t[r.check].pass++
            if (known !== undefined && known !== caseKnown(b.label, c.name)) stale.push(`${c.name}#${r.check}`)
            continue
          }
          failures[`${b.label}:${c.name}#${r.check}`] = r.what
          if (known !== undefined) {
            t[r.check].known++
            continue
          }
          t[r.check].fail++
          unexpected.push(`(${r.check}) ${CHECKS[r.check]}: ${r.what}`)
          details.push(`── (${r.check}) ${r.what}\n${r.detail}`)
        }
        const anyFail = results.some((r) => r.status === 'fail')
        t.case[anyFail ? (unexpected.length ? 'fail' : 'known') : 'pass']++
        if (!anyFail && caseKnown(b.label, c.name) !== undefined) stale.push(c.name)
        if (unexpected.length) fail(`${c.name} on ${b.label}: ${unexpected.join(' | ')}`, details.join('\n'))
        if (stale.length) fail(`${stale.join(', ')} pass(es) on ${b.label} but are listed in hcl-known.ts: remove them`, '')
      })
    }
  }
}

test.after(async () => {
  for (const [label, t] of tally) {
    console.log(`\nhcl convergence on ${label}: ${t.case.pass}/${t.case.pass + t.case.fail + t.case.known} cases pass every check, ${t.case.known} with known failures only, ${t.versionSkipped} skipped (versions)`)
    for (const k of CHECK_IDS) {
      const n = t[k]
      console.log(`  (${k}) ${CHECKS[k]}: ${n.pass} pass, ${n.fail} fail, ${n.known} known, ${n.skip} skipped`)
    }
  }
  if (typeof emitHcl === 'string') console.log(`  (h) skipped: ${emitHcl}`)
  const out = process.env['PGCHARTER_KNOWN_OUT']
  if (out) writeFileSync(out, JSON.stringify(failures, null, 1) + '\n')
  await stop()
  await stopServer()
})

test.run()
