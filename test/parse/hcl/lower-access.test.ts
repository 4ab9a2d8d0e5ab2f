/**
 * The access-control lowerers (role, user, permission, policy, default_privileges) with a
 * recording LowerContext: the SQL they queue, in which phase, the privileges they declare, and the
 * errors on bad input; then through the SQL interpreter session, the IR they give.
 */
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ready } from '../../../src/parse/sql/index.js'
import { identity } from '../../../src/ir/names.js'
import type { Membership, Role } from '../../../src/ir/objects.js'
import { block, bool, fakeContext, kw, list, lower, miniLoad, num, obj, ref, str } from './lower-access-fake.js'

await ready()
const test = suite('hcl lower: access control')

const sqlOf = (r: ReturnType<typeof fakeContext>): string[] => r.sql.map((s) => `${s.phase}: ${s.statement}`)
const codes = (r: { errors: ReadonlyArray<{ code: string }> }): string[] => r.errors.map((e) => e.code)

// ── roles and users ──

test('role: CREATE ROLE with the attributes given, its comment, in phase roles', () => {
  const r = fakeContext()
  lower(
    block('role', {
      labels: ['app admin'],
      attrs: { superuser: bool(false), create_db: bool(true), create_role: bool(true), inherit: bool(false), conn_limit: num(5), valid_until: str('2030-01-01'), comment: str("it's") },
    }),
    r,
  )
  assert.equal(codes(r), [])
  assert.equal(sqlOf(r), [
    `roles: CREATE ROLE "app admin" WITH NOSUPERUSER CREATEDB CREATEROLE NOINHERIT CONNECTION LIMIT 5 VALID UNTIL '2030-01-01'`,
    `roles: COMMENT ON ROLE "app admin" IS 'it''s'`,
  ])
})

test('user: LOGIN unless it says otherwise; the password is never evaluated nor written', () => {
  const r = fakeContext()
  lower(block('user', { labels: ['alice'], attrs: { password: str('s3cret!') } }), r)
  lower(block('user', { labels: ['bob'], attrs: { login: bool(false) } }), r)
  lower(block('user', { labels: ['carol'], attrs: { password: list(str('x')) } }), r)
  assert.equal(sqlOf(r), ['roles: CREATE ROLE alice WITH LOGIN', 'roles: CREATE ROLE bob WITH NOLOGIN', 'roles: CREATE ROLE carol WITH LOGIN'])
  assert.not.ok(r.sql.some((s) => s.statement.includes('s3cret')), 'no password in SQL')
  // not evaluated offline (a getenv() needed only at apply time must not fail a load)
  assert.equal(codes(r), [])
  // a role has no password attribute
  const r2 = fakeContext()
  lower(block('role', { labels: ['x'], attrs: { password: str('p'), logn: bool(true) } }), r2)
  assert.equal(codes(r2), ['E-UNKNOWN-ATTRIBUTE', 'E-UNKNOWN-ATTRIBUTE'])
})

test('member_of: a list of plain GRANTs; blocks with options per server version', () => {
  const opts = (v: 15 | 16) => {
    const r = fakeContext({ pgVersion: v, declared: ['role:a'] })
    lower(
      block('role', {
        labels: ['m'],
        attrs: { member_of: list(ref('role', 'a'), ref('role', 'pg_read_all_data')) },
        blocks: [['member_of', block('member_of', { attrs: { role: ref('role', 'b'), admin: bool(true), inherit: bool(false), set: bool(true) } })]],
      }),
      r,
    )
    return r
  }
  const r16 = opts(16)
  assert.equal(codes(r16), [])
  assert.equal(sqlOf(r16).slice(1), ['attached: GRANT a TO m', 'attached: GRANT pg_read_all_data TO m', 'attached: GRANT b TO m WITH ADMIN TRUE, INHERIT FALSE, SET TRUE'])
  const r15 = opts(15)
  assert.equal(sqlOf(r15).slice(3), ['attached: GRANT b TO m WITH ADMIN OPTION'])
  assert.equal(r15.warnings.map((w) => w.code), ['W-UNSUPPORTED'])
})

test('config: settings as ALTER ROLE … SET, in database too', () => {
  const r = fakeContext()
  lower(
    block('role', {
      labels: ['r'],
      blocks: [
        ['config', block('config', { attrs: { search_path: str('"$user", app'), statement_timeout: num(1000) } })],
        ['config', block('config', { labels: ['in_database'], attrs: { work_mem: str('64MB') } })],
        ['config', block('config', { labels: ['elsewhere'], attrs: {} })],
      ],
    }),
    r,
  )
  assert.equal(sqlOf(r).slice(1), [
    'attached: ALTER ROLE r SET search_path = "$user", app',
    "attached: ALTER ROLE r SET statement_timeout = '1000'",
    "attached: ALTER ROLE r IN DATABASE current SET work_mem = '64MB'",
  ])
  assert.equal(codes(r), ['E-TYPE'])
})

test('seed 000 roles.hcl: three roles, two memberships, a comment in the IR', () => {
  const l = miniLoad(
    [
      block('role', { labels: ['app_readonly'], attrs: { comment: str('Read-only application access') } }),
      block('role', { labels: ['app_writer'], attrs: { member_of: list(ref('role', 'app_readonly')) } }),
      block('role', { labels: ['app_admin'], attrs: { create_db: bool(true), create_role: bool(true), member_of: list(ref('role', 'app_writer')) } }),
    ],
    { declared: ['role:app_readonly', 'role:app_writer', 'role:app_admin'] },
  )
  assert.equal(l.diagnostics, [])
  const role = (n: string) => l.catalog.objects.get(identity('Role', [n])) as Role
  const base = { superuser: false, createDb: false, createRole: false, inherit: true, login: false, replication: false, bypassRls: false, connectionLimit: -1 }
  const strip = (o: object) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'span'))
  assert.equal(strip(role('app_readonly')), { kind: 'Role', name: 'app_readonly', ...base, comment: 'Read-only application access' })
  assert.equal(strip(role('app_admin')), { kind: 'Role', name: 'app_admin', ...base, createDb: true, createRole: true })
  const m = l.catalog.objects.get(identity('Membership', ['app_readonly', 'app_writer'])) as Membership
  assert.equal(strip(m), { kind: 'Membership', role: 'app_readonly', member: 'app_writer', admin: false, inherit: true, set: true })
  assert.ok(l.catalog.objects.has(identity('Membership', ['app_writer', 'app_admin'])))
})

test('a role setting through the session: stored as the server stores it', () => {
  const l = miniLoad([block('user', { labels: ['u'], blocks: [['config', block('config', { attrs: { search_path: str('app, public') } })]] })])
  assert.equal(l.diagnostics, [])
  const u = l.catalog.objects.get(identity('Role', ['u'])) as Role
  assert.equal(u.login, true)
  assert.equal(u.settings, [{ name: 'search_path', value: 'app, public', inDatabase: false }])
})

// ── permissions ──

test('permission: a declared privilege, ALL expanded for the kind and version', () => {
  const r = fakeContext({ pgVersion: 17, declared: ['role:app'] })
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('function', 'add', 'public'), privileges: list(kw('EXECUTE')) } }), r)
  lower(block('permission', { attrs: { to: ref('role', 'app'), for: ref('table', 't', 's'), privileges: list(kw('ALL')), grantable: bool(true) } }), r)
  lower(block('permission', { attrs: { to: ref('role', 'ext'), for: kw('database'), privileges: list(kw('connect'), kw('TEMP')) } }), r)
  assert.equal(codes(r), [])
  const strip = r.privileges.map(({ span: _s, ...p }) => p)
  assert.equal(strip, [
    { object: 'function:"public"."add"', grantee: 'PUBLIC', privileges: ['EXECUTE'], grantable: false },
    { object: 'table:"s"."t"', grantee: 'app', privileges: ['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'], grantable: true },
    { object: 'database:', grantee: 'ext', granteeExternal: true, privileges: ['TEMPORARY', 'CONNECT'], grantable: false },
  ])
  assert.equal(r.sql, [], 'permissions are declared, not executed')
})

test('permission: column privileges, grantor', () => {
  const t = { type: 'table', schema: 'public', name: 't' }
  const r = fakeContext({ declared: ['user:app', 'role:boss'] })
  lower(
    block('permission', {
      attrs: {
        to: ref('user', 'app'),
        for: ref('table', 't', 'public'),
        privileges: list(kw('SELECT'), kw('UPDATE')),
        columns: list(ref('column', 'a', undefined, t), ref('column', 'b', undefined, t)),
        grantor: ref('role', 'boss'),
      },
    }),
    r,
  )
  assert.equal(codes(r), [])
  const [{ span: _s, ...p }] = r.privileges as [(typeof r.privileges)[number]]
  assert.equal(p, { object: 'table:"public"."t"', columns: ['a', 'b'], grantee: 'app', privileges: ['SELECT', 'UPDATE'], grantable: false, grantor: 'boss' })
})

test('permission: bad input is reported, nothing declared', () => {
  const r = fakeContext()
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('trigger', 'x'), privileges: list(kw('SELECT')) } }), r)
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('table', 't'), privileges: list(kw('SELECTT')) } }), r)
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('table', 't'), privileges: list(kw('SELECT')), grantable: bool(true) } }), r)
  lower(block('permission', { attrs: { to: kw('nobody'), for: ref('table', 't'), privileges: list(kw('SELECT')) } }), r)
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('function', 'f'), privileges: list(kw('EXECUTE')), columns: list(str('a')) } }), r)
  lower(block('permission', { attrs: { for: ref('table', 't'), privileges: str('SELECT') } }), r)
  assert.equal(codes(r), ['E-TYPE', 'E-INVALID-PRIVILEGE', 'E-INVALID-GRANT-OPERATION', 'E-TYPE', 'E-TYPE', 'E-MISSING-ATTRIBUTE'])
  assert.equal(r.privileges, [])
})

// ── policies ──

test('policy: CREATE POLICY with its mode, command, roles and expressions; comment', () => {
  const r = fakeContext({ declared: ['role:app'] })
  lower(
    block('policy', {
      labels: ['p'],
      attrs: {
        on: ref('table', 'docs', 'app'),
        for: kw('update'),
        to: list(ref('role', 'app'), kw('CURRENT_USER'), str('Other')),
        as: kw('RESTRICTIVE'),
        using: str('owner = current_user'),
        check: str('true'),
        comment: str('only owners'),
      },
    }),
    r,
  )
  assert.equal(codes(r), [])
  assert.equal(sqlOf(r), [
    'attached: CREATE POLICY p ON app.docs AS RESTRICTIVE FOR UPDATE TO app, CURRENT_USER, "Other" USING (owner = current_user) WITH CHECK (true)',
    "attached: COMMENT ON POLICY p ON app.docs IS 'only owners'",
  ])
  const bad = fakeContext()
  lower(block('policy', { labels: ['q'], attrs: { on: ref('view', 'v'), for: kw('MERGE') } }), bad)
  lower(block('policy', { labels: ['q'], attrs: { using: str('true') } }), bad)
  assert.equal(codes(bad), ['E-TYPE', 'E-TYPE', 'E-MISSING-ATTRIBUTE'])
})

test('seed 004: employee_policy and row_security give the Policy in the IR', () => {
  const l = miniLoad(
    [block('policy', { labels: ['employee_policy'], attrs: { on: ref('table', 'employees', 'public'), for: kw('SELECT'), to: list(kw('PUBLIC')), using: str('(current_user = employee_role)') } })],
    { other: [['tables', 'CREATE TABLE public.employees (id integer, employee_role text)'], ['attached', 'ALTER TABLE public.employees ENABLE ROW LEVEL SECURITY']] },
  )
  assert.equal(l.diagnostics, [])
  const { span: _s, ...p } = l.catalog.objects.get(identity('Policy', ['public', 'employees', 'employee_policy'])) as Extract<import('../../../src/ir/objects.js').DbObject, { kind: 'Policy' }>
  assert.equal(p, { kind: 'Policy', schema: 'public', table: 'employees', name: 'employee_policy', permissive: true, command: 'select', roles: ['PUBLIC'], using: 'CURRENT_USER = employee_role' })
  const t = l.catalog.objects.get(identity('Table', ['public', 'employees']))
  assert.ok(t?.kind === 'Table' && t.rowSecurity === true && t.forceRowSecurity === undefined)
})

test('a policy comment reaches the IR (COMMENT ON POLICY in the SQL session)', () => {
  const l = miniLoad([block('policy', { labels: ['p'], attrs: { on: ref('table', 't', 'public'), using: str('true'), comment: str('all rows') } })], {
    other: [['tables', 'CREATE TABLE public.t (id integer)']],
  })
  assert.equal(l.diagnostics, [])
  const p = l.catalog.objects.get(identity('Policy', ['public', 't', 'p']))
  assert.equal(p?.kind === 'Policy' ? p.comment : undefined, 'all rows')
})

// ── default privileges ──

test('default_privileges: ALTER DEFAULT PRIVILEGES in source order, phase defaults', () => {
  const r = fakeContext({ declared: ['role:owner', 'role:reader'] })
  lower(
    block('default_privileges', {
      attrs: { for: ref('role', 'owner'), schema: ref('schema', 'app'), on: kw('TABLES') },
      blocks: [
        ['revoke', block('revoke', { attrs: { from: kw('PUBLIC'), privileges: list(kw('ALL')) } })],
        ['grant', block('grant', { attrs: { to: ref('role', 'reader'), privileges: list(kw('SELECT')), grantable: bool(true) } })],
      ],
    }),
    r,
  )
  assert.equal(codes(r), [])
  assert.equal(sqlOf(r), [
    'defaults: ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app REVOKE ALL ON TABLES FROM PUBLIC',
    'defaults: ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA app GRANT SELECT ON TABLES TO reader WITH GRANT OPTION',
  ])
  const bad = fakeContext()
  lower(block('default_privileges', { attrs: { on: kw('SCHEMAS'), schema: ref('schema', 'app') } }), bad)
  lower(block('default_privileges', { attrs: { on: kw('VIEWS') } }), bad)
  assert.equal(codes(bad), ['E-INVALID-GRANT-OPERATION', 'E-TYPE'])
})

test('default_privileges through the session: the DefaultAcl as the server stores it', () => {
  const l = miniLoad([
    block('default_privileges', { attrs: { on: kw('FUNCTIONS') }, blocks: [['revoke', block('revoke', { attrs: { from: kw('PUBLIC'), privileges: list(kw('EXECUTE')) } })]] }),
  ])
  assert.equal(l.diagnostics, [])
  const d = l.catalog.objects.get(identity('DefaultAcl', ['postgres', '', 'functions']))
  assert.equal(d?.kind === 'DefaultAcl' ? d.acl : undefined, [{ grantee: 'postgres', privilege: 'EXECUTE', grantable: false, grantor: 'postgres' }])
})

test('unknown attributes and nested blocks are reported through allow()', () => {
  const r = fakeContext()
  lower(block('permission', { attrs: { to: kw('PUBLIC'), for: ref('schema', 'public'), privileges: list(kw('USAGE')), with: obj({}) } }), r)
  assert.equal(codes(r), ['E-UNKNOWN-ATTRIBUTE'])
})

test.run()
