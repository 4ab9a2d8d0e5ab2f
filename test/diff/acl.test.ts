import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { diff } from '../../src/diff/index.js'
import type { Change } from '../../src/ir/change.js'
import { aclDefault } from '../../src/normalize/acl.js'
import { col, db, fn, sequence, table } from './build.js'
import { bare, defaultAcl, item, member, minus, plus, policy, role } from './acl-build.js'

test.before(async () => {
  await ready()
})

const T = { on: 'Table', schema: 'public', name: 't' } as const
const t = (extra: Parameters<typeof table>[2] = {}) => table('t', [col('a', 'integer'), col('b', 'text')], extra)
const kinds = (cs: { changes: ReadonlyArray<Change> }): string[] =>
  cs.changes.map((c) => `${c.kind}${c.kind === 'Create' || c.kind === 'Drop' ? ` ${c.object.kind}` : ''}`)

test('diff(x, x) is empty with roles, ACLs, default ACLs, policies and the database', () => {
  const objs = [
    role('app', { login: true, settings: [{ name: 'search_path', value: 'app', inDatabase: false }] }),
    role('ro'),
    member('ro', 'app', { admin: true }),
    t({ owner: 'app', acl: plus('table', 'app', [item('ro', 'SELECT', 'app')]), rowSecurity: true, columns: [col('a', 'integer', { acl: [item('ro', 'UPDATE', 'app')] })] }),
    defaultAcl('app', '', 'tables', plus('table', 'app', [item('ro', 'SELECT', 'app')])),
    defaultAcl('app', 'public', 'sequences', [item('ro', 'USAGE', 'app')]),
    policy('p', 't', { roles: ['ro'], using: '(a > 0)' }),
    { kind: 'Database' as const, owner: 'app', acl: minus('database', 'app', [['PUBLIC', 'TEMPORARY']]) },
  ]
  for (const v of [15, 16, 17, 18] as const) assert.equal(diff(db(objs, v), db(objs, v)).changes, [])
  // an explicit ACL equal to the default and an absent one are the same state
  assert.equal(diff(db([t()]), db([t({ acl: aclDefault('table', 'postgres', 16) })])).changes, [])
})

test('a grant on an existing table; a role is created before it is granted anything', () => {
  const cs = diff(db([t()]), db([role('ro'), t({ acl: plus('table', 'postgres', [item('ro', 'SELECT', 'postgres'), item('ro', 'INSERT', 'postgres')]) })]))
  assert.equal(kinds(cs), ['Create Role', 'Grant'])
  assert.equal(bare(cs)[1], { kind: 'Grant', target: T, grantee: 'ro', privileges: ['INSERT', 'SELECT'], grantable: false })
})

test('revoking a grant option that was passed on: the onward grant goes first, no CASCADE', () => {
  const from = t({ acl: plus('table', 'postgres', [item('r1', 'SELECT', 'postgres', true), item('r2', 'SELECT', 'r1')]) })
  const to = t({ acl: plus('table', 'postgres', [item('r1', 'SELECT', 'postgres')]) })
  assert.equal(bare(diff(db([from]), db([to]))), [
    { kind: 'Revoke', target: T, grantee: 'r2', privileges: ['SELECT'], grantOptionOnly: false, cascade: false, grantor: 'r1' },
    { kind: 'Revoke', target: T, grantee: 'r1', privileges: ['SELECT'], grantOptionOnly: true, cascade: false },
  ])
})

test('CASCADE when a dependent stays, and what the cascade took is granted again', () => {
  // r2 keeps SELECT granted by r1 but r1 loses its grant option from the owner and gets it from r3
  const from = t({ acl: plus('table', 'postgres', [item('r1', 'SELECT', 'postgres', true), item('r2', 'SELECT', 'r1')]) })
  const to = t({ acl: plus('table', 'postgres', [item('r3', 'SELECT', 'postgres', true), item('r1', 'SELECT', 'r3', true), item('r2', 'SELECT', 'r1')]) })
  const out = bare(diff(db([from]), db([to])))
  assert.equal(out, [
    { kind: 'Revoke', target: T, grantee: 'r1', privileges: ['SELECT'], grantOptionOnly: false, cascade: true },
    { kind: 'Grant', target: T, grantee: 'r3', privileges: ['SELECT'], grantable: true },
    { kind: 'Grant', target: T, grantee: 'r1', privileges: ['SELECT'], grantable: true, grantor: 'r3' },
    { kind: 'Grant', target: T, grantee: 'r2', privileges: ['SELECT'], grantable: false, grantor: 'r1' },
  ])
})

test('a grant by another grantor that has no USAGE on the schema in the target state is lent it', () => {
  const acl = plus('table', 'postgres', [item('lead', 'SELECT', 'postgres', true), item('member', 'SELECT', 'lead')])
  const byLead = (cs: ReturnType<typeof diff>): unknown[] => bare({ changes: cs.changes.filter((c) => c.kind === 'Grant' && c.grantor === 'lead') })
  const lent = byLead(diff(db([t()]), db([t({ acl })])))
  // schema public keeps PUBLIC USAGE here: nothing to lend
  assert.equal(lent, [{ kind: 'Grant', target: T, grantee: 'member', privileges: ['SELECT'], grantable: false, grantor: 'lead' }])
  // without it (seed 003's hardened public schema), the grant needs USAGE lent to its grantor
  const pub = (v: 16) => ({ kind: 'Schema' as const, name: 'public', owner: 'pg_database_owner', comment: 'standard public schema', acl: aclDefault('schema', 'pg_database_owner', v) })
  const hardened = byLead(diff(db([pub(16), t()]), db([pub(16), t({ acl })])))
  assert.equal(hardened, [
    { kind: 'Grant', target: T, grantee: 'member', privileges: ['SELECT'], grantable: false, grantor: 'lead', lendUsage: 'public' },
  ])
})

test('grants by another grantor come after that grantor has its grant option', () => {
  const to = t({ acl: plus('table', 'postgres', [item('a', 'SELECT', 'z'), item('z', 'SELECT', 'postgres', true)]) })
  assert.equal(bare(diff(db([t()]), db([to]))), [
    { kind: 'Grant', target: T, grantee: 'z', privileges: ['SELECT'], grantable: true },
    { kind: 'Grant', target: T, grantee: 'a', privileges: ['SELECT'], grantable: false, grantor: 'z' },
  ])
})

test('the owner revokes its own privileges without touching what it granted', () => {
  const to = t({ acl: [item('r', 'SELECT', 'postgres')] })
  const out = bare(diff(db([t({ acl: plus('table', 'postgres', [item('r', 'SELECT', 'postgres')]) })]), db([to])))
  assert.equal(out, [
    { kind: 'Revoke', target: T, grantee: 'postgres', privileges: ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'], grantOptionOnly: false, cascade: false },
  ])
})

test('an owner change rewrites the ACL: nothing else to grant', () => {
  const from = t({ owner: 'o1', acl: plus('table', 'o1', [item('r', 'SELECT', 'o1')]) })
  const to = t({ owner: 'o2', acl: plus('table', 'o2', [item('r', 'SELECT', 'o2')]) })
  assert.equal(kinds(diff(db([from]), db([to]))), ['Owner'])
  const to2 = t({ owner: 'o2', acl: plus('table', 'o2', [item('r', 'UPDATE', 'o2')]) })
  assert.equal(bare(diff(db([from]), db([to2]))).slice(1), [
    { kind: 'Revoke', target: T, grantee: 'r', privileges: ['SELECT'], grantOptionOnly: false, cascade: false },
    { kind: 'Grant', target: T, grantee: 'r', privileges: ['UPDATE'], grantable: false },
  ])
})

test('a created function gets PUBLIC EXECUTE from the server: only the revoke is emitted', () => {
  const f = fn('f', 'select 1', { language: 'sql', returns: 'integer', acl: [item('postgres', 'EXECUTE', 'postgres')] })
  const cs = diff(db([]), db([f]))
  assert.equal(kinds(cs), ['Create Function', 'Revoke'])
  assert.equal(bare(cs)[1], { kind: 'Revoke', target: { on: 'Function', schema: 'public', name: 'f', args: [] }, grantee: 'PUBLIC', privileges: ['EXECUTE'], grantOptionOnly: false, cascade: false })
})

test('default privileges of the migration role come before the creations they govern, which then need no grant', () => {
  const d = defaultAcl('postgres', '', 'tables', plus('table', 'postgres', [item('PUBLIC', 'SELECT', 'postgres')]))
  const t1 = table('t1', [col('id', 'integer')], { acl: d.acl })
  const t2 = table('t2', [col('id', 'integer')], { acl: d.acl })
  const cs = diff(db([]), db([t1, t2, d]))
  assert.equal(kinds(cs), ['DefaultPrivileges', 'Create Table', 'Create Table'])
  // the same tables without the default: each gets its GRANT
  assert.equal(kinds(diff(db([]), db([t1, t2]))), ['Create Table', 'Grant', 'Create Table', 'Grant'])
  // removing the default later: existing tables keep their ACL until revoked
  const cs2 = diff(db([t1, t2, d]), db([table('t1', [col('id', 'integer')]), table('t2', [col('id', 'integer')])]))
  assert.equal(kinds(cs2).sort(), ['DefaultPrivileges', 'Revoke', 'Revoke'])
})

test('a created object owned by another role: default ACL of the migration role, then OWNER TO', () => {
  const d = defaultAcl('postgres', 'public', 'sequences', [item('r', 'USAGE', 'postgres')])
  const s = sequence('s', { owner: 'app', acl: plus('sequence', 'app', [item('r', 'USAGE', 'app')]) })
  assert.equal(kinds(diff(db([]), db([s, d]))), ['DefaultPrivileges', 'Create Sequence', 'Owner'])
  // a default of another role does not govern what the migration creates
  const d2 = defaultAcl('app', 'public', 'sequences', [item('r', 'USAGE', 'app')])
  assert.equal(kinds(diff(db([]), db([s, d2]))), ['Create Sequence', 'Owner', 'Grant', 'DefaultPrivileges'])
})

test('column privileges, and a table-level revoke that takes the column privilege along', () => {
  const to = t({ columns: [col('a', 'integer', { acl: [item('r', 'SELECT', 'postgres')] }), col('b', 'text', { acl: [item('r', 'SELECT', 'postgres'), item('r', 'UPDATE', 'postgres')] })] })
  assert.equal(bare(diff(db([t()]), db([to]))), [
    { kind: 'Grant', target: T, grantee: 'r', privileges: ['SELECT'], grantable: false, columns: ['a', 'b'] },
    { kind: 'Grant', target: T, grantee: 'r', privileges: ['UPDATE'], grantable: false, columns: ['b'] },
  ])
  const from2 = t({ acl: plus('table', 'postgres', [item('r', 'SELECT', 'postgres')]), columns: [col('a', 'integer', { acl: [item('r', 'SELECT', 'postgres')] }), col('b', 'text')] })
  const to2 = t({ columns: [col('a', 'integer', { acl: [item('r', 'SELECT', 'postgres')] }), col('b', 'text')] })
  assert.equal(bare(diff(db([from2]), db([to2]))), [
    { kind: 'Revoke', target: T, grantee: 'r', privileges: ['SELECT'], grantOptionOnly: false, cascade: false },
    { kind: 'Grant', target: T, grantee: 'r', privileges: ['SELECT'], grantable: false, columns: ['a'] },
  ])
})

test('grants on a recreated table are emitted again after its CREATE', () => {
  const acl = plus('table', 'postgres', [item('r', 'SELECT', 'postgres')])
  const from = table('t', [col('a', 'integer')], { acl, partitionBy: { strategy: 'hash', keys: [{ expression: 'a' }] } })
  const to = table('t', [col('a', 'integer')], { acl })
  assert.equal(kinds(diff(db([from]), db([to]))), ['Drop Table', 'Create Table', 'Grant'])
})

test('the database: absent means owned by the migration role with the default ACL', () => {
  const D = { on: 'Database', schema: '', name: '' } as const
  const d = { kind: 'Database' as const, owner: 'postgres', acl: plus('database', 'postgres', [item('app', 'CREATE', 'postgres')]).filter((i) => i.grantee !== 'PUBLIC') }
  assert.equal(bare(diff(db([]), db([d]))), [
    { kind: 'Revoke', target: D, grantee: 'PUBLIC', privileges: ['TEMPORARY', 'CONNECT'], grantOptionOnly: false, cascade: false },
    { kind: 'Grant', target: D, grantee: 'app', privileges: ['CREATE'], grantable: false },
  ])
  assert.equal(bare(diff(db([]), db([{ kind: 'Database', owner: 'app' }]))), [{ kind: 'Owner', target: D, owner: 'app' }])
  assert.equal(diff(db([]), db([{ kind: 'Database', owner: 'postgres' }])).changes, [])
  assert.equal(diff(db([]), db([]), { role: 'admin' }).changes, [])
})

test('a dropped role: revokes, owner changes, memberships and policies that name it come first', () => {
  const from = [
    role('gone'),
    role('keep'),
    member('keep', 'gone'),
    t({ owner: 'gone', acl: plus('table', 'gone', [item('keep', 'SELECT', 'gone')]) }),
    table('u', [col('a', 'integer')], { acl: plus('table', 'postgres', [item('gone', 'SELECT', 'postgres')]) }),
    policy('p', 'u', { roles: ['gone', 'keep'] }),
    defaultAcl('postgres', '', 'functions', plus('function', 'postgres', [item('gone', 'EXECUTE', 'postgres')])),
  ]
  const to = [role('keep'), t({ acl: plus('table', 'postgres', [item('keep', 'SELECT', 'postgres')]) }), table('u', [col('a', 'integer')]), policy('p', 'u', { roles: ['keep'] })]
  const cs = diff(db(from), db(to))
  const k = kinds(cs)
  const dropAt = k.indexOf('Drop Role')
  assert.is(k.filter((x) => x === 'Drop Role').length, 1)
  assert.ok(dropAt === k.length - 1, k.join(', '))
  for (const x of ['Owner', 'Revoke', 'Drop Membership', 'AlterPolicy', 'DefaultPrivileges']) assert.ok(k.includes(x), x)
  assert.ok(cs.changes[dropAt]?.destructive)
})

test.run()
