/**
 * The declarative semantics of privileges (applyDeclaredPrivileges) on hand-built catalogs: an
 * object's ACL is its owner's implicit entries plus exactly the declared privileges, column ACLs
 * exactly the declared ones; and the errors on privileges that cannot apply.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { catalog, freshCatalog, type Catalog } from '../../../src/ir/catalog.js'
import { identity } from '../../../src/ir/names.js'
import type { AclItem, DbObject, Function as Routine, Role, Table } from '../../../src/ir/objects.js'
import type { Span } from '../../../src/ir/span.js'
import type { DeclaredPrivilege } from '../../../src/parse/hcl/lower/context.js'
import { applyDeclaredPrivileges } from '../../../src/parse/hcl/lower/apply-privileges.js'

const test = suite('hcl: declared privileges')
const span: Span = { file: 'x.hcl', line: 3, column: 1 }

const fn = (name: string, args: ReadonlyArray<string>, extra: Partial<Routine> = {}): Routine => ({
  kind: 'Function',
  schema: 'public',
  name,
  owner: 'postgres',
  routine: 'function',
  args: args.map((type) => ({ mode: 'in' as const, type })),
  language: 'sql',
  body: 'select 1',
  volatility: 'volatile',
  strict: false,
  securityDefiner: false,
  leakproof: false,
  parallel: 'unsafe',
  config: [],
  returns: 'integer',
  ...extra,
})
const table: Table = {
  kind: 'Table',
  schema: 'public',
  name: 't',
  owner: 'owner',
  persistence: 'permanent',
  columns: [
    { name: 'a', type: 'integer', notNull: false },
    { name: 'b', type: 'text', notNull: false, acl: [{ grantee: 'x', privilege: 'SELECT', grantable: false, grantor: 'owner' }] },
  ],
  constraints: [],
  acl: [{ grantee: 'PUBLIC', privilege: 'SELECT', grantable: false, grantor: 'owner' }],
}
const role = (name: string): Role => ({ kind: 'Role', name, superuser: false, createDb: false, createRole: false, inherit: true, login: false, replication: false, bypassRls: false, connectionLimit: -1 })

const withObjects = (...objects: DbObject[]): Catalog => catalog(16, [...freshCatalog(16).objects.values(), ...objects])
const item = (grantee: string, privilege: AclItem['privilege'], grantor: string, grantable = false): AclItem => ({ grantee, privilege, grantable, grantor })
const priv = (p: Omit<DeclaredPrivilege, 'span' | 'grantable'> & { grantable?: boolean }): DeclaredPrivilege => ({ grantable: false, ...p, span })
const get = (c: Catalog, id: string): DbObject | undefined => c.objects.get(id)
const aclOf = (o: DbObject | undefined): unknown => (o !== undefined && 'acl' in o ? o.acl : 'absent')

const ADD = identity('Function', ['public', 'add'], ['integer', 'integer'])
const PUBLIC_SCHEMA = identity('Schema', ['public'])

test('nothing declared: the owner keeps its privileges, PUBLIC loses its implicit ones', () => {
  const r = applyDeclaredPrivileges(withObjects(fn('add', ['integer', 'integer'])), [])
  assert.equal(r.diagnostics, [])
  assert.equal(aclOf(get(r.catalog, ADD)), [item('postgres', 'EXECUTE', 'postgres')])
  // schema public of 15+: owned by pg_database_owner, PUBLIC USAGE gone: the owner-only built-in default
  assert.equal(aclOf(get(r.catalog, PUBLIC_SCHEMA)), 'absent')
  assert.equal(aclOf(get(freshCatalog(16), PUBLIC_SCHEMA)), [item('PUBLIC', 'USAGE', 'pg_database_owner'), item('pg_database_owner', 'USAGE', 'pg_database_owner'), item('pg_database_owner', 'CREATE', 'pg_database_owner')])
})

test('PUBLIC EXECUTE declared on a function is exactly the built-in default: stored as absent', () => {
  const r = applyDeclaredPrivileges(withObjects(fn('add', ['integer', 'integer'])), [priv({ object: identity('Function', ['public', 'add']), grantee: 'PUBLIC', privileges: ['EXECUTE'] })])
  assert.equal(r.diagnostics, [])
  assert.equal(aclOf(get(r.catalog, ADD)), 'absent')
  // schema public with PUBLIC USAGE declared: the fresh database's ACL again
  const s = applyDeclaredPrivileges(freshCatalog(16), [priv({ object: PUBLIC_SCHEMA, grantee: 'PUBLIC', privileges: ['USAGE'] })])
  assert.equal(get(s.catalog, PUBLIC_SCHEMA), get(freshCatalog(16), PUBLIC_SCHEMA))
})

test('tables: undeclared grants go, declared ones (with grantors) come; column ACLs exactly as declared', () => {
  const r = applyDeclaredPrivileges(withObjects(table, role('app'), role('boss')), [
    priv({ object: identity('Table', ['public', 't']), grantee: 'app', privileges: ['SELECT', 'INSERT'], grantable: true }),
    priv({ object: identity('Table', ['public', 't']), grantee: 'PUBLIC', privileges: ['SELECT'], grantor: 'boss' }),
    priv({ object: identity('Table', ['public', 't']), columns: ['a'], grantee: 'app', privileges: ['UPDATE'] }),
  ])
  assert.equal(r.diagnostics, [])
  const t = get(r.catalog, identity('Table', ['public', 't'])) as Table
  assert.equal(t.acl, [
    item('PUBLIC', 'SELECT', 'boss'),
    item('app', 'INSERT', 'owner', true),
    item('app', 'SELECT', 'owner', true),
    ...['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'].map((p) => item('owner', p as AclItem['privilege'], 'owner')),
  ])
  assert.equal(t.columns.map((c) => c.acl ?? 'none'), [[item('app', 'UPDATE', 'owner')], 'none'])
})

test('the database: an object only when a permission names it and its ACL differs', () => {
  const none = applyDeclaredPrivileges(freshCatalog(16), [])
  assert.not.ok(none.catalog.objects.has(identity('Database', [])))
  const same = applyDeclaredPrivileges(freshCatalog(16), [priv({ object: identity('Database', []), grantee: 'PUBLIC', privileges: ['TEMPORARY', 'CONNECT'] })], 'me')
  assert.not.ok(same.catalog.objects.has(identity('Database', [])), 'the default ACL: no object')
  const r = applyDeclaredPrivileges(withObjects(role('app')), [priv({ object: identity('Database', []), grantee: 'app', privileges: ['CONNECT'] })], 'me')
  assert.equal(r.diagnostics, [])
  assert.equal(get(r.catalog, identity('Database', [])), {
    kind: 'Database',
    owner: 'me',
    acl: [item('app', 'CONNECT', 'me'), item('me', 'CREATE', 'me'), item('me', 'TEMPORARY', 'me'), item('me', 'CONNECT', 'me')],
  })
})

test('errors with spans: undefined object, inapplicable privilege, undeclared grantee, unknown column, overloads', () => {
  const c = withObjects(fn('f', ['integer']), fn('f', ['text']), table, role('app'))
  const r = applyDeclaredPrivileges(c, [
    priv({ object: identity('Table', ['public', 'nope']), grantee: 'PUBLIC', privileges: ['SELECT'] }),
    priv({ object: PUBLIC_SCHEMA, grantee: 'PUBLIC', privileges: ['SELECT'] }),
    priv({ object: identity('Table', ['public', 't']), grantee: 'ghost', privileges: ['SELECT'] }),
    priv({ object: identity('Table', ['public', 't']), grantee: 'ext', granteeExternal: true, privileges: ['SELECT'] }),
    priv({ object: identity('Table', ['public', 't']), columns: ['zz'], grantee: 'app', privileges: ['SELECT'] }),
    priv({ object: identity('Table', ['public', 't']), columns: ['a'], grantee: 'app', privileges: ['DELETE'] }),
    priv({ object: identity('Function', ['public', 'f']), grantee: 'PUBLIC', privileges: ['EXECUTE'] }),
  ])
  assert.equal(r.diagnostics.map((d) => d.code), ['E-UNDEFINED-OBJECT', 'E-INVALID-PRIVILEGE', 'E-UNDEFINED-ROLE', 'E-UNDEFINED-COLUMN', 'E-INVALID-PRIVILEGE', 'E-AMBIGUOUS-FUNCTION'])
  assert.ok(r.diagnostics.every((d) => d.severity === 'error' && d.span === span))
  // the external grantee's privilege is applied
  const t = get(r.catalog, identity('Table', ['public', 't'])) as Table
  assert.ok(t.acl?.some((i) => i.grantee === 'ext' && i.privilege === 'SELECT'))
})

test('every securable kind gets the semantics; objects without ACLs are untouched', () => {
  const seq: DbObject = { kind: 'Sequence', schema: 'public', name: 's', owner: 'postgres', dataType: 'bigint', start: '1', increment: '1', minValue: '1', maxValue: '9223372036854775807', cache: '1', cycle: false, persistence: 'permanent', acl: [item('PUBLIC', 'SELECT', 'postgres'), item('postgres', 'SELECT', 'postgres'), item('postgres', 'UPDATE', 'postgres'), item('postgres', 'USAGE', 'postgres')] }
  const en: DbObject = { kind: 'Enum', schema: 'public', name: 'e', owner: 'postgres', values: ['a'] }
  const r = applyDeclaredPrivileges(withObjects(seq, en, role('app')), [])
  assert.equal(aclOf(get(r.catalog, identity('Sequence', ['public', 's']))), 'absent', 'owner-only is the default of a sequence')
  assert.equal(aclOf(get(r.catalog, identity('Enum', ['public', 'e']))), [item('postgres', 'USAGE', 'postgres')], 'no PUBLIC USAGE on the type')
  assert.equal(get(r.catalog, identity('Role', ['app'])), role('app'))
})

test.run()
