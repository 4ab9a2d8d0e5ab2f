import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/sql/index.js'
import { loadBodies, type HclOptions } from '../../../src/parse/hcl/load/load.js'
import type { BlockLowerer, BlockView } from '../../../src/parse/hcl/lower/context.js'
import type { Value } from '../../../src/parse/hcl/eval/value.js'
import type { Block } from '../../../src/parse/hcl/syntax.js'
import { attr, block, body, call, list, num, obj, show, sp, str, tpl, tr } from './eval-build.js'

test.before(async () => {
  await ready()
})

/** A registry that records what lowerers read: every attribute of every block and nested block. */
const recording = (seen: string[], types: ReadonlyArray<string>): Record<string, BlockLowerer> => {
  const dump = (b: BlockView, depth: string): void => {
    const a = b.address
    const addr = (x: typeof a): string => `${x.parent ? addr(x.parent) + '/' : ''}${x.type}:${x.schema !== undefined ? x.schema + '.' : ''}${x.name}`
    seen.push(`${depth}${b.type}[${b.labels.join(',')}] ${addr(a)}`)
    for (const n of b.attributeNames) {
      const v: Value | undefined = b.attr(n)
      seen.push(`${depth}  ${n} = ${v === undefined ? '<error>' : show(v)}`)
    }
    for (const t of b.blockTypes) for (const c of b.blocks(t)) dump(c, depth + '  ')
  }
  return Object.fromEntries(types.map((t) => [t, (b: BlockView) => dump(b, '')]))
}

const TYPES = ['schema', 'table', 'view', 'role', 'user', 'policy', 'permission', 'thing']
const run = (blocks: ReadonlyArray<Block>, options: HclOptions = {}) => {
  const seen: string[] = []
  const r = loadBodies([{ file: 't.hcl', body: body(...blocks) }], options, recording(seen, TYPES))
  return { seen, codes: r.diagnostics.map((d) => d.code), diagnostics: r.diagnostics, catalog: r.catalog }
}

test('variables: --var, then PGCHARTER_VAR_, then default; typed; missing only when used', () => {
  const r = run(
    [
      block('variable', ['a'], attr('type', tr('string'))),
      block('variable', ['n'], attr('type', tr('number'))),
      block('variable', ['d'], attr('default', list(str('x')))),
      block('variable', ['missing']),
      block('thing', ['t'], attr('a', tr('var.a')), attr('n', tr('var.n')), attr('d', tr('var.d'))),
    ],
    { vars: { a: 'from-cli' }, env: { PGCHARTER_VAR_a: 'from-env', PGCHARTER_VAR_n: '12345678901234567890' } },
  )
  assert.equal(r.codes, [])
  assert.equal(r.seen, ['thing[t] thing:t', '  a = "from-cli"', '  n = 12345678901234567890', '  d = ["x"]'])
  const m = run([block('variable', ['missing']), block('thing', ['t'], attr('x', tr('var.missing')), attr('y', tr('var.mising')))])
  assert.equal(m.codes, ['E-UNRESOLVED', 'E-UNRESOLVED'])
  assert.match(m.diagnostics[0]!.message, /variable "missing" has no value: pass --var missing=/)
  assert.match(m.diagnostics[1]!.message, /Did you mean "missing"\?/)
})

test('locals are lazy, chain, and cycles are E-CYCLE; getenv errors only where used', () => {
  const ok = run([
    block('locals', [], attr('prefix', str('app')), attr('full', tpl(tr('local.prefix'), '_', call('getenv', str('ENV'))))),
    block('locals', [], attr('unused', call('getenv', str('UNSET')))),
    block('thing', ['t'], attr('name', tr('local.full'))),
  ], { env: { ENV: 'prod' } })
  assert.equal(ok.codes, [])
  assert.equal(ok.seen, ['thing[t] thing:t', '  name = "app_prod"'])
  const cyc = run([block('locals', [], attr('a', tr('local.b')), attr('b', tr('local.a'))), block('thing', ['t'], attr('x', tr('local.a')))])
  assert.equal(cyc.codes, ['E-CYCLE'])
  assert.match(cyc.diagnostics[0]!.message, /local\.a → local\.b → local\.a/)
  const env = run([block('thing', ['t'], attr('password', call('getenv', str('PW'))))])
  assert.equal(env.codes, ['E-GETENV'])
})

test('for_each: lists, objects, nested, label templates, each in attributes', () => {
  const r = run([
    block('schema', ['public']),
    block('table', ['t_${each.key}'], attr('for_each', list(str('a'), str('b'))), attr('schema', tr('schema.public')),
      block('column', ['${each.value}_id'], attr('for_each', obj(['x', num('1')], ['w', num('2')])), attr('n', tr('each.value'))),
      block('column', ['plain'], attr('outer', tr('each.key')))),
    block('thing', ['${each.key}'], attr('for_each', obj(['k2', str('v2')], ['k1', str('v1')])), attr('v', tpl(tr('self.name'), '=', tr('each.value')))),
  ])
  assert.equal(r.codes, [])
  assert.equal(r.seen, [
    'schema[public] schema:public',
    'table[t_a] table:public.t_a',
    '  schema = ref(schema:public)',
    '  column[2_id] table:public.t_a/column:2_id', '    n = 2',
    '  column[1_id] table:public.t_a/column:1_id', '    n = 1',
    '  column[plain] table:public.t_a/column:plain', '    outer = "a"',
    'table[t_b] table:public.t_b',
    '  schema = ref(schema:public)',
    '  column[2_id] table:public.t_b/column:2_id', '    n = 2',
    '  column[1_id] table:public.t_b/column:1_id', '    n = 1',
    '  column[plain] table:public.t_b/column:plain', '    outer = "b"',
    'thing[k1] thing:k1', '  v = "k1=v1"',
    'thing[k2] thing:k2', '  v = "k2=v2"',
  ])
  const bad = run([block('thing', ['x'], attr('for_each', str('nope')))])
  assert.equal(bad.codes, ['E-TYPE'])
  const noEach = run([block('thing', ['x'], attr('v', tr('each.key')))])
  assert.equal(noEach.codes, ['E-UNRESOLVED'])
})

test('references: qualified, unqualified, ambiguous, unresolved, nested columns, users are roles', () => {
  const decl = [
    block('schema', ['a']),
    block('schema', ['b']),
    block('table', ['dup'], attr('schema', tr('schema.a'))),
    block('table', ['b', 'dup']),
    block('table', ['users'], attr('schema', tr('schema.a')), block('column', ['id']), block('column', ['email']),
      block('thing', ['pk'], attr('columns', list(tr('column.id'))))),
    block('user', ['app']),
  ]
  const r = run([...decl, block('thing', ['refs'],
    attr('q', tr('table.b.dup')),
    attr('u', tr('table.users')),
    attr('c', tr('table.users.column.email')),
    attr('qc', tr('table.a.users.column.id')),
    attr('role', tr('role.app')),
    attr('user', tr('user.app')),
    attr('ext', call('ref', str('role.pg_read_all_data'))),
    attr('reft', call('ref', str('table.users'))),
    attr('kw', tr('SELECT')),
  )])
  assert.equal(r.codes, [])
  const refs = r.seen.slice(r.seen.indexOf('thing[refs] thing:refs') + 1)
  assert.equal(refs, [
    '  q = ref(table:b.dup)',
    '  u = ref(table:a.users)',
    '  c = ref(table:a.users/column:email)',
    '  qc = ref(table:a.users/column:id)',
    '  role = ref(role:app)',
    '  user = ref(role:app)',
    '  ext = ref(role:pg_read_all_data)',
    '  reft = ref(table:a.users)',
    '  kw = kw(SELECT)',
  ])
  assert.ok(r.seen.includes('    columns = [ref(table:a.users/column:id)]'), 'column.id inside the table')

  const e = run([...decl, block('thing', ['bad'],
    attr('amb', tr('table.dup')),
    attr('unres', tr('table.user')),
    attr('col', tr('table.users.column.emial')),
    attr('loose', tr('column.id')),
  )])
  assert.equal(e.codes, ['E-AMBIGUOUS', 'E-UNRESOLVED', 'E-UNRESOLVED', 'E-UNRESOLVED'])
  assert.match(e.diagnostics[0]!.message, /write table\.a\.dup or table\.b\.dup/)
  assert.match(e.diagnostics[1]!.message, /table\.user is not declared; did you mean table\.users\?/)
  assert.match(e.diagnostics[2]!.message, /has no column "emial"; did you mean column\.email\?/)
  assert.match(e.diagnostics[3]!.message, /only be used inside a table/)
})

test('policies attach to their table: nested and top-level forms have one address', () => {
  const r = run([
    block('schema', ['public']),
    block('table', ['t1'], block('column', ['tenant'])),
    block('table', ['t2'], block('column', ['tenant'])),
    block('policy', ['iso'], attr('for_each', list(tr('table.t1'), tr('table.t2'))), attr('on', tr('each.value')), attr('c', tr('column.tenant'))),
  ])
  assert.equal(r.codes, [])
  assert.ok(r.seen.includes('policy[iso] table:public.t1/policy:iso'))
  assert.ok(r.seen.includes('  c = ref(table:public.t2/column:tenant)'))
  const amb = run([
    block('schema', ['public']),
    block('table', ['t1'], block('policy', ['p'])),
    block('table', ['t2'], block('policy', ['p'])),
    block('thing', ['x'], attr('p', tr('policy.p'))),
  ])
  assert.equal(amb.codes, ['E-AMBIGUOUS'])
})

test('duplicates name both places; role and user share names', () => {
  const first = sp(10)
  const second = sp(20)
  const t1 = { ...block('table', ['t']), labels: [{ value: 't', span: first }] }
  const t2 = { ...block('table', ['t']), labels: [{ value: 't', span: second }] }
  const r = run([block('schema', ['public']), t1, t2, block('role', ['x']), block('user', ['x']), block('table', ['u'], block('column', ['c']), block('column', ['c']))])
  assert.equal(r.codes, ['E-DUPLICATE', 'E-DUPLICATE', 'E-DUPLICATE'])
  const d = r.diagnostics.find((x) => x.message.startsWith('table "public"."t"'))!
  assert.is(d.span!.line, 20)
  assert.match(d.message, /declared twice \(first at t\.hcl:10:1\)/)
  assert.ok(r.diagnostics.some((x) => /role "x" is declared twice/.test(x.message)))
  assert.ok(r.diagnostics.some((x) => /column "c" of table "public"."u" is declared twice/.test(x.message)))
})

test('unknown top-level blocks, attributes and nested blocks: allowed names and a did-you-mean', () => {
  const strict: BlockLowerer = (b, ctx) => ctx.allow(b, ['name', 'comment'], ['column'])
  const r = loadBodies([{ file: 't.hcl', body: body(
    block('tabel', ['x']),
    block('thing', ['y'], attr('coment', str('c')), attr('for_each', list(str('a'))), block('colum', ['c'])),
  ) }], {}, { thing: strict })
  assert.equal(r.diagnostics.map((d) => d.code), ['E-UNKNOWN-BLOCK', 'E-UNKNOWN-ATTRIBUTE', 'E-UNKNOWN-BLOCK'])
  assert.match(r.diagnostics[0]!.message, /unknown block type "tabel"\. Known: thing, variable, locals\./)
  assert.is(r.diagnostics[1]!.message, 'unknown attribute "coment" in thing "y". Did you mean "comment"? Allowed: name, comment.')
  assert.is(r.diagnostics[2]!.message, 'unknown block "colum" in thing "y". Did you mean "column"? Allowed: column.')
  const near = loadBodies([{ file: 't.hcl', body: body(block('thnig', [])) }], {}, { thing: strict })
  assert.match(near.diagnostics[0]!.message, /Did you mean "thing"\?/)
})

test.run()
