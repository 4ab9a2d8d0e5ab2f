/** `--format json` of access-control changes and objects: every new kind encodes and decodes back unchanged. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import * as E from 'fp-ts/lib/Either.js'
import { ChangeSet, changeSet, type Change } from '../../src/ir/change.js'
import { irEqual } from '../../src/ir/equal.js'
import { emitJson } from '../../src/emit/index.js'

const T = { on: 'Table', schema: 'public', name: 't' } as const

const CHANGES: Change[] = [
  {
    kind: 'Create',
    object: {
      kind: 'Role',
      name: 'app',
      superuser: false,
      createDb: false,
      createRole: false,
      inherit: true,
      login: true,
      replication: false,
      bypassRls: false,
      connectionLimit: -1,
      validUntil: 'infinity',
      settings: [{ name: 'search_path', value: 'a, "B"', inDatabase: true }],
      span: { file: 'a.sql', line: 1, column: 1 },
    },
    summary: 'create role',
  },
  { kind: 'Create', object: { kind: 'Membership', role: 'g', member: 'app', admin: true, inherit: false, set: true }, summary: 'm' },
  {
    kind: 'Create',
    object: { kind: 'DefaultAcl', role: 'app', schema: 's', objectType: 'tables', acl: [{ grantee: 'PUBLIC', privilege: 'SELECT', grantable: false, grantor: 'app' }] },
    summary: 'd',
  },
  { kind: 'Create', object: { kind: 'Policy', schema: 'public', table: 't', name: 'p', permissive: false, command: 'update', roles: ['app'], using: 'true', check: 'false' }, summary: 'p' },
  { kind: 'Create', object: { kind: 'Database', owner: 'app', acl: [] }, summary: 'db' },
  { kind: 'Grant', target: T, grantee: 'PUBLIC', privileges: ['SELECT', 'UPDATE'], grantable: true, columns: ['a'], grantor: 'app', summary: 'g' },
  { kind: 'Revoke', target: { on: 'Database', schema: '', name: '' }, grantee: 'app', privileges: ['CONNECT'], grantOptionOnly: true, cascade: true, summary: 'r', destructive: 'x' },
  { kind: 'AlterRole', name: 'app', attributes: { login: false, connectionLimit: 3, validUntil: '2030-01-01 00:00:00+00' }, summary: 'a' },
  { kind: 'RoleSetting', role: 'app', name: 'work_mem', inDatabase: false, value: '1MB', summary: 's' },
  { kind: 'RoleSetting', role: 'app', name: 'work_mem', inDatabase: true, summary: 's' },
  {
    kind: 'AlterMembership',
    from: { kind: 'Membership', role: 'g', member: 'app', admin: false, inherit: true, set: true },
    to: { kind: 'Membership', role: 'g', member: 'app', admin: true, inherit: true, set: false },
    summary: 'm',
  },
  { kind: 'AlterPolicy', schema: 'public', table: 't', name: 'p', roles: ['PUBLIC'], using: 'true', summary: 'p' },
  { kind: 'DefaultPrivileges', role: 'app', schema: '', objectType: 'functions', action: 'revoke', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: false, summary: 'd' },
  { kind: 'Comment', target: { on: 'Policy', schema: 'public', name: 'p', parent: 't' }, comment: 'c', summary: 'c' },
  { kind: 'Owner', target: { on: 'Database', schema: '', name: '' }, owner: 'app', summary: 'o' },
  { kind: 'AlterTable', schema: 'public', name: 't', actions: [{ kind: 'SetRowSecurity', enabled: true }, { kind: 'SetForceRowSecurity', forced: false }], summary: 't' },
]

test('every access-control change and object encodes, and decodes back to the same ChangeSet', () => {
  const cs = changeSet(CHANGES)
  const json = emitJson(cs)
  assert.not.ok(json.includes('"span"'))
  assert.not.ok(/password/i.test(json))
  const parsed = JSON.parse(json) as { changes: Array<{ kind: string; object?: { kind: string } }> }
  assert.equal(
    parsed.changes.map((c) => c.object?.kind ?? c.kind),
    ['Role', 'Membership', 'DefaultAcl', 'Policy', 'Database', 'Grant', 'Revoke', 'AlterRole', 'RoleSetting', 'RoleSetting', 'AlterMembership', 'AlterPolicy', 'DefaultPrivileges', 'Comment', 'Owner', 'AlterTable'],
  )
  const back = ChangeSet.decode(parsed)
  assert.ok(E.isRight(back))
  if (E.isRight(back)) {
    assert.ok(irEqual(back.right, cs))
    assert.is(emitJson(back.right), json)
  }
  // keys in a fixed order, whatever order the change was built in
  assert.ok(json.includes('"grantable": true,\n      "grantee": "PUBLIC",\n      "grantor": "app",'))
})

test('an ACL item with an unknown privilege is rejected', () => {
  const bad = { changes: [{ ...CHANGES[5], privileges: ['SELECT', 'FLY'] }] }
  assert.ok(E.isLeft(ChangeSet.decode(bad)))
})

test.run()
