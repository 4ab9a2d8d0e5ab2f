/**
 * Role and membership emission: CREATE / ALTER / DROP ROLE, role settings (IN DATABASE too) and
 * memberships with their options, checked on real servers per version.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import type { Change } from '../../src/ir/change.js'
import type { Membership, Role } from '../../src/ir/objects.js'
import { changeSql } from '../../src/emit/sql.js'
import { onEachServer, stopAll } from './acl-emit-support.js'

test.after(stopAll)

const WEIRD = 'we"ird $%'
const UNI = 'ünï code'

const role = (name: string, extra: Partial<Role> = {}): Role => ({
  kind: 'Role',
  name,
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  login: false,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
  ...extra,
})
const create = (object: Role | Membership): Change => ({ kind: 'Create', object, summary: 'c' })
const member = (r: string, m: string, admin: boolean, inherit: boolean, set: boolean): Membership => ({ kind: 'Membership', role: r, member: m, admin, inherit, set })

const ROLE_SQL = (name: string): string =>
  `SELECT concat_ws(' ', rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit,
     coalesce(rolvaliduntil = '2030-01-01 00:00:00+00'::timestamptz, false), coalesce(rolvaliduntil = 'infinity', false), rolpassword IS NULL)
     FROM pg_authid WHERE rolname = '${name.replace(/'/g, "''")}'`

test('CREATE ROLE spells only the attributes that differ from the defaults, never a password', () => {
  assert.is(changeSql(create(role('app'))), '-- Create "app" role\nCREATE ROLE app;')
  assert.is(
    changeSql(create(role(WEIRD, { login: true, inherit: false, connectionLimit: 0, validUntil: '2030-01-01 00:00:00+00', comment: 'c' }))),
    `-- Create "we"ird $%" role\nCREATE ROLE "we""ird $%" WITH NOINHERIT LOGIN CONNECTION LIMIT 0 VALID UNTIL '2030-01-01 00:00:00+00';`,
  )
  assert.not.match(changeSql(create(role('x', { login: true }))), /PASSWORD/i)
})

test('roles: create with every attribute, alter each one back, drop', async () => {
  await onEachServer(async (c) => {
    const all = { superuser: true, createDb: true, createRole: true, inherit: false, login: true, replication: true, bypassRls: true, connectionLimit: 7, validUntil: '2030-01-01 00:00:00+00' }
    await c.apply(create(role(WEIRD, all)), create(role(UNI)))
    assert.equal(await c.col(ROLE_SQL(WEIRD)), ['t t t f t t t 7 t f t'], c.label)
    assert.equal(await c.col(ROLE_SQL(UNI)), ['f f f t f f f -1 f f t'])
    await c.apply({
      kind: 'AlterRole',
      name: WEIRD,
      attributes: { superuser: false, createDb: false, createRole: false, inherit: true, login: false, replication: false, bypassRls: false, connectionLimit: -1, validUntil: 'infinity' },
      summary: 'a',
    })
    assert.equal(await c.col(ROLE_SQL(WEIRD)), ['f f f t f f f -1 f t t'])
    await c.apply({ kind: 'AlterRole', name: UNI, attributes: { login: true, connectionLimit: 2 }, summary: 'a' })
    assert.equal(await c.col(ROLE_SQL(UNI)), ['f f f t t f f 2 f f t'])
    await c.apply({ kind: 'Drop', object: role(UNI), cascade: false, summary: 'd' })
    assert.equal(await c.col(ROLE_SQL(UNI)), [])
  })
})

/** Settings as the server stores them (setconfig), the value in the IR's form. */
const SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['search_path', '"$user", public, "My Schema", "we""ird $%", ""'],
  ['work_mem', '64MB'],
  ['application_name', "x, y's %s"],
  ['statement_timeout', '5s'],
  ['app.tenant', 'a\\b'],
]

const setconfig = (name: string, inDb: boolean): string =>
  `SELECT unnest(setconfig) FROM pg_db_role_setting WHERE setrole = (SELECT oid FROM pg_roles WHERE rolname = '${name.replace(/'/g, "''")}')
     AND setdatabase ${inDb ? "= (SELECT oid FROM pg_database WHERE datname = current_database())" : '= 0'} ORDER BY 1`

test('role settings: the server stores exactly the IR value, globally and IN DATABASE', async () => {
  await onEachServer(async (c) => {
    await c.apply(create(role(WEIRD)))
    for (const inDatabase of [false, true])
      await c.apply(...SETTINGS.map(([name, value]): Change => ({ kind: 'RoleSetting', role: WEIRD, name, value, inDatabase, summary: 's' })))
    const expected = SETTINGS.map(([n, v]) => `${n}=${v}`).sort()
    assert.equal(await c.col(setconfig(WEIRD, false)), expected, c.label)
    assert.equal(await c.col(setconfig(WEIRD, true)), expected)
    await c.apply(
      { kind: 'RoleSetting', role: WEIRD, name: 'search_path', inDatabase: true, summary: 'r' },
      { kind: 'RoleSetting', role: WEIRD, name: 'work_mem', inDatabase: false, summary: 'r' },
    )
    assert.equal(await c.col(setconfig(WEIRD, true)), expected.filter((l) => !l.startsWith('search_path')))
    assert.equal(await c.col(setconfig(WEIRD, false)), expected.filter((l) => !l.startsWith('work_mem')))
    // a role created with settings gets them too
    await c.apply(create(role(UNI, { settings: [{ name: 'work_mem', value: '1MB', inDatabase: true }] })))
    assert.equal(await c.col(setconfig(UNI, true)), ['work_mem=1MB'])
  })
})

const MEMBERS = (v: number): string =>
  `SELECT l FROM (SELECT roleid::regrole::text || ' ' || member::regrole::text || ' ' || admin_option${v >= 16 ? " || ' ' || inherit_option || ' ' || set_option" : ''} AS l
     FROM pg_auth_members WHERE member >= 16384) x ORDER BY l COLLATE "C"`

test('memberships: GRANT with options per version, options changed in place, REVOKE', async () => {
  await onEachServer(async (c) => {
    await c.run('CREATE ROLE grp; CREATE ROLE "we""ird $%" NOINHERIT; CREATE ROLE "ünï code"')
    const m1 = member('grp', WEIRD, false, true, true)
    const m2 = member(UNI, 'grp', true, false, false)
    const sql = await c.apply(create(m1), create(m2))
    const rolesOf = async (): Promise<string[]> => c.col(MEMBERS(c.v))
    if (c.v >= 16) {
      assert.match(sql, 'GRANT grp TO "we""ird $%" WITH INHERIT TRUE, SET TRUE;')
      // INHERIT TRUE although the member is NOINHERIT: spelled, not left to the default
      assert.equal(await rolesOf(), ['"ünï code" grp true false false', 'grp "we""ird $%" false true true'], c.label)
      await c.apply({ kind: 'AlterMembership', from: m1, to: { ...m1, admin: true, inherit: false }, summary: 'a' })
      await c.apply({ kind: 'AlterMembership', from: m2, to: { ...m2, admin: false, set: true }, summary: 'a' })
      assert.equal(await rolesOf(), ['"ünï code" grp false false true', 'grp "we""ird $%" true false true'])
    } else {
      assert.match(sql, 'GRANT grp TO "we""ird $%";')
      assert.equal(await rolesOf(), ['"ünï code" grp true', 'grp "we""ird $%" false'], c.label)
      await c.apply({ kind: 'AlterMembership', from: m1, to: { ...m1, admin: true }, summary: 'a' })
      await c.apply({ kind: 'AlterMembership', from: m2, to: { ...m2, admin: false }, summary: 'a' })
      assert.equal(await rolesOf(), ['"ünï code" grp false', 'grp "we""ird $%" true'])
    }
    await c.apply({ kind: 'Drop', object: m1, cascade: false, summary: 'd' }, { kind: 'Drop', object: m2, cascade: false, summary: 'd' })
    assert.equal(await rolesOf(), [])
  })
})

test.run()
