import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { diff } from '../../src/diff/index.js'
import { graphOf } from '../../src/diff/graph.js'
import { identity } from '../../src/ir/names.js'
import type { Change } from '../../src/ir/change.js'
import { col, db, fn, table } from './build.js'
import { bare, policy, role } from './acl-build.js'

test.before(async () => {
  await ready()
})

const kinds = (cs: { changes: ReadonlyArray<Change> }): string[] =>
  cs.changes.map((c) => `${c.kind}${c.kind === 'Create' || c.kind === 'Drop' ? ` ${c.object.kind}` : ''}`)
const docs = table('docs', [col('id', 'integer'), col('owner', 'text')], { rowSecurity: true })
const helper = fn('is_owner', 'SELECT $1 = current_user', { language: 'sql', returns: 'boolean', args: [{ mode: 'in', type: 'text' }] })

test('a policy comes after its table, its roles and the functions and tables its expressions use', () => {
  const p = policy('own', 'docs', { roles: ['app'], using: 'public.is_owner(owner)', check: '(id IN ( SELECT audit.id FROM public.audit))' })
  const audit = table('audit', [col('id', 'integer')])
  const cs = diff(db([]), db([p, role('app'), docs, helper, audit]))
  const k = kinds(cs)
  const at = k.indexOf('Create Policy')
  assert.is(at, k.length - 1, k.join(', '))
  assert.ok(k.includes('AlterTable'), 'RLS enabled on the created table')
  const deps = graphOf(db([p, role('app'), docs, helper, audit])).deps.get(identity('Policy', ['public', 'docs', 'own']))
  assert.equal(
    (deps ?? []).map((d) => `${d.id} ${String(d.via)}`).sort(),
    [
      `${identity('Function', ['public', 'is_owner'], ['text'])} ref`,
      `${identity('Role', ['app'])} role`,
      `${identity('Schema', ['public'])} schema`,
      `${identity('Table', ['public', 'audit'])} ref`,
      `${identity('Table', ['public', 'docs'])} on`,
    ].sort(),
  )
  const rls = cs.changes.find((c) => c.kind === 'AlterTable')
  assert.equal(rls?.kind === 'AlterTable' ? rls.actions : [], [{ kind: 'SetRowSecurity', enabled: true }])
})

test('ALTER POLICY for roles and expressions', () => {
  const a = policy('p', 'docs', { roles: ['PUBLIC'], using: '(id > 0)' })
  const b = policy('p', 'docs', { roles: ['app'], using: '(id > 1)', check: '(id > 2)' })
  assert.equal(bare(diff(db([role('app'), docs, a]), db([role('app'), docs, b]))), [
    { kind: 'AlterPolicy', schema: 'public', table: 'docs', name: 'p', roles: ['app'], using: '(id > 1)', check: '(id > 2)' },
  ])
})

test('removing USING or WITH CHECK, or changing the command or mode, recreates the policy', () => {
  const base = policy('p', 'docs', { using: '(id > 0)', check: '(id > 0)' })
  for (const b of [policy('p', 'docs', { check: '(id > 0)' }), policy('p', 'docs', { using: '(id > 0)' }), { ...base, command: 'select' as const, check: undefined }, { ...base, permissive: false }]) {
    const { check: _c, ...clean } = b
    const to = b.check === undefined ? clean : b
    assert.equal(kinds(diff(db([docs, base]), db([docs, to]))), ['Drop Policy', 'Create Policy'])
  }
})

test('a policy on a recreated table is recreated after it; on a dropped table it goes with the table', () => {
  const p = policy('p', 'docs', { using: '(id > 0)' })
  const t0 = { ...docs, partitionBy: { strategy: 'hash' as const, keys: [{ expression: 'id' }] } }
  assert.equal(kinds(diff(db([t0, p]), db([docs, p]))), ['Drop Table', 'Create Table', 'AlterTable', 'Create Policy'])
  assert.equal(kinds(diff(db([docs, p]), db([]))), ['Drop Table'])
})

test('a policy is dropped before the function it uses is recreated', () => {
  const p = policy('p', 'docs', { using: 'public.is_owner(owner)' })
  const h2 = { ...helper, returns: 'integer', body: 'SELECT 1' }
  const p2 = policy('p', 'docs', { using: '(public.is_owner(owner) = 1)' })
  const k = kinds(diff(db([docs, helper, p]), db([docs, h2, p2])))
  assert.ok(k.indexOf('Drop Policy') < k.indexOf('Drop Function') && k.indexOf('Create Function') < k.indexOf('Create Policy'), k.join(', '))
})

test('RLS flags: ENABLE / FORCE in the table alter', () => {
  const t0 = table('docs', [col('id', 'integer'), col('owner', 'text')])
  const cs = diff(db([t0]), db([{ ...t0, forceRowSecurity: true as const }]))
  assert.equal(bare(cs), [{ kind: 'AlterTable', schema: 'public', name: 'docs', actions: [{ kind: 'SetForceRowSecurity', forced: true }] }])
  const cs2 = diff(db([{ ...docs, forceRowSecurity: true as const }]), db([t0]))
  assert.equal(bare(cs2), [{ kind: 'AlterTable', schema: 'public', name: 'docs', actions: [{ kind: 'SetRowSecurity', enabled: false }, { kind: 'SetForceRowSecurity', forced: false }] }])
})

test.run()
