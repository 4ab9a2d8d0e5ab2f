/** catalogsConverge: column order is ignored, everything else (access control included) counts. */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { catalog } from '../../src/ir/catalog.js'
import type { DbObject, Table } from '../../src/ir/objects.js'
import { catalogDiff, catalogsConverge } from './compare.js'

const table: Table = {
  kind: 'Table', schema: 'public', name: 't', owner: 'postgres', persistence: 'permanent', constraints: [],
  columns: [
    { name: 'a', type: 'integer', notNull: false },
    { name: 'b', type: 'text', notNull: false, acl: [{ grantee: 'r', privilege: 'SELECT', grantable: false, grantor: 'postgres' }] },
  ],
}
const role: DbObject = {
  kind: 'Role', name: 'r', superuser: false, createDb: false, createRole: false, inherit: true, login: false,
  replication: false, bypassRls: false, connectionLimit: -1,
}
const of = (...os: DbObject[]) => catalog(18, os)

test('column order does not count', () => {
  const swapped: Table = { ...table, columns: [...table.columns].reverse() }
  assert.ok(catalogsConverge(of(table, role), of(swapped, role)))
})

test('roles, memberships, ACLs, column ACLs, default ACLs, policies and RLS flags count', () => {
  const variants: DbObject[][] = [
    [table],
    [table, { ...role, login: true }],
    [table, role, { kind: 'Membership', role: 'r', member: 'postgres', admin: false, inherit: true, set: true }],
    [{ ...table, acl: [{ grantee: 'r', privilege: 'INSERT', grantable: false, grantor: 'postgres' }] }, role],
    [{ ...table, columns: table.columns.map((c) => ({ name: c.name, type: c.type, notNull: c.notNull })) }, role],
    [table, role, { kind: 'DefaultAcl', role: 'postgres', schema: '', objectType: 'tables', acl: [] }],
    [table, role, { kind: 'Policy', schema: 'public', table: 't', name: 'p', permissive: true, command: 'all', roles: ['PUBLIC'] }],
    [{ ...table, rowSecurity: true }, role],
    [{ ...table, forceRowSecurity: true }, role],
  ]
  for (const v of variants) {
    assert.not.ok(catalogsConverge(of(table, role), of(...v)), JSON.stringify(v))
    assert.ok(catalogDiff(of(table, role), of(...v)).length > 0)
  }
})

test.run()
