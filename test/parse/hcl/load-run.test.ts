import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/sql/index.js'
import { quoteIdent } from '../../../src/ir/names.js'
import { loadBodies } from '../../../src/parse/hcl/load/load.js'
import type { BlockLowerer } from '../../../src/parse/hcl/lower/context.js'
import { readString } from '../../../src/parse/hcl/lower/read.js'
import { attr, block, body, list, sp, str, tr } from './eval-build.js'

test.before(async () => {
  await ready()
})

// test-only lowerers: a view's statement queued in the views phase, a schema's in schemas
const LOWERERS: Record<string, BlockLowerer> = {
  schema: (b, ctx) => ctx.sql('schemas', `CREATE SCHEMA ${quoteIdent(b.address.name)}`, b.span),
  view: (b, ctx) => {
    ctx.allow(b, ['schema', 'as'], [])
    const q = readString(ctx, b, 'as')
    if (q !== undefined) ctx.sql('views', `CREATE VIEW ${quoteIdent(b.address.schema!)}.${quoteIdent(b.address.name)} AS ${q}`, b.nameSpan)
  },
  table: (b, ctx) => ctx.sql('tables', `CREATE TABLE ${quoteIdent(b.address.schema!)}.${quoteIdent(b.address.name)} (id integer)`, b.span),
}

const view = (name: string, query: string, line: number) => ({ ...block('view', [name], attr('schema', tr('schema.app')), attr('as', str(query))), labels: [{ value: name, span: sp(line) }] })

test('statements written in reverse dependency order still load (retries within a phase)', () => {
  const blocks = [
    view('v3', 'SELECT id FROM app.v2', 1),
    view('v2', 'SELECT id FROM app.v1', 2),
    view('v1', 'SELECT id FROM app.t', 3),
    block('table', ['t'], attr('schema', tr('schema.app'))),
    block('schema', ['app']),
  ]
  const r = loadBodies([{ file: 't.hcl', body: body(...blocks) }], {}, LOWERERS)
  assert.equal(r.diagnostics, [])
  const keys = [...r.catalog.objects.keys()].filter((k) => k.includes('"app"'))
  assert.is(keys.length, 5, keys.join(' '))
  // deterministic: the same inputs give the same catalog and diagnostics
  const again = loadBodies([{ file: 't.hcl', body: body(...blocks) }], {}, LOWERERS)
  assert.equal([...again.catalog.objects.entries()], [...r.catalog.objects.entries()])
})

test('a statement that never finds what it needs is reported once, at its block', () => {
  const r = loadBodies([{ file: 't.hcl', body: body(block('schema', ['app']), view('v', 'SELECT id FROM app.missing', 42), view('w', 'SELECT 1 AS x', 43)) }], {}, LOWERERS)
  assert.equal(r.diagnostics.map((d) => d.code), ['E-UNDEFINED-TABLE'])
  assert.is(r.diagnostics[0]!.span!.line, 42)
  assert.ok([...r.catalog.objects.keys()].some((k) => k === 'view:"app"."w"'), 'the other view loaded')
})

test('a dependency from a later phase is found by the final retry round', () => {
  // a comment on a view queued in phase tables, which runs before views
  const lowerers: Record<string, BlockLowerer> = {
    ...LOWERERS,
    table: (b, ctx) => ctx.sql('tables', `COMMENT ON VIEW app.v IS 'early'`, b.span),
  }
  const r = loadBodies([{ file: 't.hcl', body: body(block('schema', ['app']), block('table', ['t'], attr('schema', tr('schema.app'))), view('v', 'SELECT 1 AS id', 5)) }], {}, lowerers)
  assert.equal(r.diagnostics.map((d) => `${d.code} ${d.message}`), [])
  const v = r.catalog.objects.get('view:"app"."v"')
  assert.is(v && 'comment' in v ? v.comment : undefined, 'early')
})

test('syntax-level loader errors and lowering errors are all reported together; depends_on must resolve', () => {
  const r = loadBodies(
    [{ file: 't.hcl', body: body(block('schema', ['app']), block('view', ['v'], attr('schema', tr('schema.app')), attr('as', list()), attr('depends_on', list(tr('table.nope'))))) }],
    {},
    LOWERERS,
  )
  // both, in source order (the list() of `as` comes before depends_on)
  assert.equal(r.diagnostics.map((d) => d.code), ['E-TYPE', 'E-UNRESOLVED'])
})

test.run()
