/**
 * SQL → IR → HCL → IR is the identity: for every fixture side (fixtures/diff/* and
 * fixtures/access/*, a.sql and b.sql), loadSql, emitHcl, loadHcl gives the same catalog
 * (irEqual, spans aside); so do the emitter's golden SQL files (test/emit/hcl-golden). Cases that do not are listed with their reason in hcl-roundtrip-known.ts;
 * a listed case that passes fails the suite, so the list only shrinks honestly.
 * PGCHARTER_CASES=<regex> filters cases; PGCHARTER_KNOWN_OUT=<file> writes every failure's reason.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Catalog } from '../../src/ir/catalog.js'
import { irEqual, stripSpans } from '../../src/ir/equal.js'
import { loadSql, ready } from '../../src/parse/sql/index.js'
import { loadHcl } from '../../src/parse/hcl/index.js'
import { emitHcl } from '../../src/emit/index.js'
import { KNOWN } from './hcl-roundtrip-known.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const filter = process.env['PGCHARTER_CASES'] === undefined ? undefined : new RegExp(process.env['PGCHARTER_CASES'])

/** Every fixture side (`diff/001-schema-create/a`, …), and the emitter's golden SQL files (`golden/tables`, …). */
const sides = (): Array<{ key: string; file: string }> =>
  [
    ...['diff', 'access'].flatMap((d) =>
      readdirSync(join(root, 'fixtures', d))
        .sort()
        .flatMap((c) => ['a', 'b'].map((s) => ({ key: `${d}/${c}/${s}`, file: join(root, 'fixtures', d, c, `${s}.sql`) }))),
    ),
    ...readdirSync(join(root, 'test/emit/hcl-golden'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => ({ key: `golden/${f.replace(/\.sql$/, '')}`, file: join(root, 'test/emit/hcl-golden', f) })),
  ].filter((x) => existsSync(x.file) && (filter === undefined || filter.test(x.key)))

/** The first difference between two catalogs, as one line. */
const firstDifference = (want: Catalog, got: Catalog): string | undefined => {
  for (const [id, o] of want.objects) {
    const g = got.objects.get(id)
    if (g === undefined) return `missing after the round trip: ${id}`
    if (!irEqual(o, g)) {
      const a = stripSpans(o) as Record<string, unknown>
      const b = stripSpans(g) as Record<string, unknown>
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !irEqual(a[k], b[k]))
      return `${id} differs in ${keys.map((k) => `${k}: ${JSON.stringify(a[k])} → ${JSON.stringify(b[k])}`).join('; ')}`.slice(0, 400)
    }
  }
  for (const id of got.objects.keys()) if (!want.objects.has(id)) return `extra after the round trip: ${id}`
  return undefined
}

/** Why a side does not round-trip, or undefined when it does (or when its SQL does not load). */
const roundTrip = (file: string): string | undefined => {
  const sql = loadSql([{ file, text: readFileSync(file, 'utf8') }], { pgVersion: 16 })
  if (sql.diagnostics.some((d) => d.severity === 'error')) return undefined
  const text = emitHcl(sql.catalog)
  const hcl = loadHcl([{ file: 'schema.hcl', text }], { pgVersion: 16, role: 'postgres', vars: {}, env: {} })
  const errors = hcl.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length) {
    const e = errors[0]!
    const line = e.span ? text.split('\n')[e.span.line - 1]?.trim() : undefined
    return `loadHcl: ${e.code}: ${e.message}${line === undefined ? '' : ` at \`${line}\``}`.slice(0, 400)
  }
  return firstDifference(sql.catalog, hcl.catalog)
}

test.before(async () => {
  await ready()
})

test('SQL → HCL → IR is the identity for every fixture side (known failures listed)', () => {
  const failures = new Map<string, string>()
  const unexpected: string[] = []
  const fixed: string[] = []
  const all = sides()
  if (filter === undefined) assert.ok(all.length > 1000, `every fixture side is checked (${all.length})`)
  for (const { key, file } of all) {
    let reason: string | undefined
    try {
      reason = roundTrip(file)
    } catch (e) {
      reason = `crash: ${e instanceof Error ? e.message : String(e)}`.slice(0, 400)
    }
    if (reason !== undefined) failures.set(key, reason)
    if (reason !== undefined && KNOWN[key] === undefined) unexpected.push(`${key}: ${reason}`)
    if (reason === undefined && KNOWN[key] !== undefined) fixed.push(key)
  }
  const out = process.env['PGCHARTER_KNOWN_OUT']
  if (out !== undefined) writeFileSync(out, JSON.stringify(Object.fromEntries(failures), null, 2))
  assert.equal(unexpected, [], 'sides that do not round-trip and are not known')
  if (filter === undefined) assert.equal(fixed, [], 'known failures that now pass: remove them from hcl-roundtrip-known.ts')
})

test.run()
