import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../src/parse/sql/parser.js'
import { diff } from '../../src/diff/index.js'
import { defaultAclChanges } from '../../src/diff/default-acl.js'
import type { Change } from '../../src/ir/change.js'
import type { Acl, DefaultAcl } from '../../src/ir/objects.js'
import { alterDefaultAcl } from '../../src/normalize/acl.js'
import { db } from './build.js'
import { bare, defaultAcl, item, minus, plus, role } from './acl-build.js'

test.before(async () => {
  await ready()
})

/** Apply DefaultPrivileges changes to a stored entry, as the server would. */
const apply = (start: Acl | undefined, changes: ReadonlyArray<Change>, v: 15 | 16 | 17 | 18 = 16): Acl | undefined =>
  changes.reduce<Acl | undefined>((cur, c) => {
    if (c.kind !== 'DefaultPrivileges') throw new Error(c.kind)
    const op =
      c.action === 'grant'
        ? { action: 'grant' as const, grantees: [c.grantee], privileges: c.privileges, grantable: c.grantable }
        : { action: 'revoke' as const, grantees: [c.grantee], privileges: c.privileges, grantOptionOnly: c.grantable }
    return alterDefaultAcl(cur, c.role, c.schema, c.objectType, op, v)
  }, start)

const o = 'owner_role'
const entries: Array<DefaultAcl | undefined> = [
  undefined,
  defaultAcl(o, '', 'tables', plus('table', o, [item('r1', 'SELECT', o)])),
  defaultAcl(o, '', 'tables', plus('table', o, [item('r1', 'SELECT', o, true), item('r2', 'INSERT', o)])),
  defaultAcl(o, '', 'tables', [item('r1', 'SELECT', o)]),
  defaultAcl(o, '', 'tables', []),
  defaultAcl(o, '', 'tables', minus('table', o, [[o, 'TRUNCATE']])),
]

test('global entries: every pair converges, verified with alterDefaultAcl', () => {
  for (const a of entries)
    for (const b of entries) {
      if (!a && !b) continue
      const cs = defaultAclChanges(a, b, 16)
      assert.equal(apply(a?.acl, cs), b?.acl, JSON.stringify([a?.acl, b?.acl]))
      if (a && b && a === b) assert.equal(cs, [])
    }
})

test('per-schema entries: from nothing, to nothing, grant option only', () => {
  const s1 = defaultAcl(o, 's', 'functions', [item('r1', 'EXECUTE', o, true)])
  const s2 = defaultAcl(o, 's', 'functions', [item('r1', 'EXECUTE', o), item('PUBLIC', 'EXECUTE', o)])
  for (const [a, b] of [[undefined, s1], [s1, undefined], [s1, s2], [s2, s1]] as const) assert.equal(apply(a?.acl, defaultAclChanges(a, b, 16)), b?.acl)
  assert.equal(bare({ changes: defaultAclChanges(s1, s2, 16) }), [
    { kind: 'DefaultPrivileges', role: o, schema: 's', objectType: 'functions', action: 'revoke', grantee: 'r1', privileges: ['EXECUTE'], grantable: true },
    { kind: 'DefaultPrivileges', role: o, schema: 's', objectType: 'functions', action: 'grant', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: false },
  ])
})

test('seed 003: revoking PUBLIC EXECUTE on functions is one statement', () => {
  const d = defaultAcl('postgres', '', 'functions', [item('postgres', 'EXECUTE', 'postgres')])
  assert.equal(bare(diff(db([]), db([d]))), [
    { kind: 'DefaultPrivileges', role: 'postgres', schema: '', objectType: 'functions', action: 'revoke', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: false },
  ])
  assert.equal(bare(diff(db([d]), db([]))), [
    { kind: 'DefaultPrivileges', role: 'postgres', schema: '', objectType: 'functions', action: 'grant', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: false },
  ])
})

test('a default ACL comes after its role, its grantees and its schema, and before the role is dropped', () => {
  const d = defaultAcl('app', 'public', 'tables', [item('ro', 'SELECT', 'app')])
  const cs = diff(db([]), db([role('app'), role('ro'), d]))
  assert.equal(cs.changes.map((c) => c.kind), ['Create', 'Create', 'DefaultPrivileges'])
  const back = diff(db([role('app'), role('ro'), d]), db([]))
  assert.equal(back.changes.map((c) => c.kind), ['DefaultPrivileges', 'Drop', 'Drop'])
})

test('MAINTAIN is part of the built-in table default from 17', () => {
  const d17 = defaultAcl(o, '', 'tables', [item('r1', 'SELECT', o)])
  const cs = defaultAclChanges(undefined, d17, 17)
  assert.ok(cs.some((c) => c.kind === 'DefaultPrivileges' && c.action === 'revoke' && c.privileges.includes('MAINTAIN')))
  assert.equal(apply(undefined, cs, 17), d17.acl)
})

test.run()
