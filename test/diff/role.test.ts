import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { diff } from '../../src/diff/index.js'
import { col, db, table } from './build.js'
import { bare, item, member, plus, role } from './acl-build.js'

test.before(async () => {
  await ready()
})

test('create a role: CREATE ROLE, then its comment and settings', () => {
  const r = role('app', { login: true, comment: 'the app', settings: [{ name: 'work_mem', value: '64MB', inDatabase: true }, { name: 'search_path', value: 'app', inDatabase: false }] })
  assert.equal(bare(diff(db([]), db([r]))), [
    { kind: 'Create', object: role('app', { login: true, comment: 'the app' }) },
    { kind: 'Comment', target: { on: 'Role', schema: '', name: 'app' }, comment: 'the app' },
    { kind: 'RoleSetting', role: 'app', name: 'search_path', inDatabase: false, value: 'app' },
    { kind: 'RoleSetting', role: 'app', name: 'work_mem', inDatabase: true, value: '64MB' },
  ])
})

test('drop a role is destructive', () => {
  const cs = diff(db([role('old')]), db([]))
  assert.is(cs.changes.length, 1)
  assert.is(cs.changes[0]?.destructive, 'role "old" is dropped')
})

test('alter a role: only the attributes that change; VALID UNTIL removed becomes infinity', () => {
  const a = role('r', { validUntil: '2030-01-01 00:00:00+00', connectionLimit: 3 })
  const b = role('r', { login: true, createDb: true })
  assert.equal(bare(diff(db([a]), db([b]))), [{ kind: 'AlterRole', name: 'r', attributes: { createDb: true, login: true, connectionLimit: -1, validUntil: 'infinity' } }])
  assert.equal(diff(db([role('r', { validUntil: 'infinity' })]), db([role('r')])).changes, [])
})

test('role settings: set, change and reset per (IN DATABASE, name)', () => {
  const a = role('r', { settings: [{ name: 'search_path', value: 'a', inDatabase: false }, { name: 'work_mem', value: '1MB', inDatabase: false }, { name: 'work_mem', value: '2MB', inDatabase: true }] })
  const b = role('r', { settings: [{ name: 'search_path', value: 'b', inDatabase: false }, { name: 'work_mem', value: '2MB', inDatabase: true }, { name: 'statement_timeout', value: '5s', inDatabase: true }] })
  assert.equal(bare(diff(db([a]), db([b]))), [
    { kind: 'RoleSetting', role: 'r', name: 'work_mem', inDatabase: false },
    { kind: 'RoleSetting', role: 'r', name: 'search_path', inDatabase: false, value: 'b' },
    { kind: 'RoleSetting', role: 'r', name: 'statement_timeout', inDatabase: true, value: '5s' },
  ])
})

test('a comment on a role changes alone', () => {
  assert.equal(bare(diff(db([role('r', { comment: 'x' })]), db([role('r')]))), [{ kind: 'Comment', target: { on: 'Role', schema: '', name: 'r' } }])
})

test('a rename is a drop and a create; objects move to the new role before the old one goes', () => {
  const t0 = table('t', [col('a', 'integer')], { owner: 'old', acl: plus('table', 'old', [item('reader', 'SELECT', 'old')]) })
  const t1 = table('t', [col('a', 'integer')], { owner: 'new', acl: plus('table', 'new', [item('reader', 'SELECT', 'new')]) })
  const cs = diff(db([role('old'), role('reader'), t0]), db([role('new'), role('reader'), t1]))
  assert.equal(cs.changes.map((c) => `${c.kind}${c.kind === 'Create' || c.kind === 'Drop' ? ` ${c.object.kind}` : ''}`), ['Create Role', 'Owner', 'Drop Role'])
})

test('memberships: created after both roles, options altered, revoked before a role is dropped', () => {
  const cs = diff(db([]), db([member('admins', 'alice', { admin: true }), role('alice'), role('admins')]))
  assert.equal(cs.changes.map((c) => (c.kind === 'Create' ? c.object.kind : c.kind)), ['Role', 'Role', 'Membership'])
  const m0 = member('admins', 'alice')
  const m1 = member('admins', 'alice', { admin: true, inherit: false })
  assert.equal(bare(diff(db([role('alice'), role('admins'), m0]), db([role('alice'), role('admins'), m1]))), [{ kind: 'AlterMembership', from: m0, to: m1 }])
  const back = diff(db([role('alice'), role('admins'), m0]), db([role('admins')]))
  assert.equal(back.changes.map((c) => (c.kind === 'Drop' ? c.object.kind : c.kind)), ['Membership', 'Role'])
  // membership in an external (predefined) role
  const ext = diff(db([role('alice')]), db([role('alice'), member('pg_read_all_data', 'alice')]))
  assert.equal(ext.changes.map((c) => c.kind), ['Create'])
})

test.run()
