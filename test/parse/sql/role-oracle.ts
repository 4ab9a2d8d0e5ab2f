/**
 * The server as oracle for the role front end: run a script on a fresh PGlite, read back the roles it
 * made (pg_roles, pg_db_role_setting, shobj_description) and their memberships (pg_auth_members),
 * in IR shape, and the same from loadSql, spans left out.
 */
import * as assert from 'uvu/assert'
import { loadSql } from '../../../src/parse/index.js'
import type { Membership, Role, RoleSetting } from '../../../src/ir/objects.js'
import { fresh } from '../../support/pglite.js'

export interface Roles {
  readonly roles: ReadonlyArray<Omit<Role, 'span'>>
  readonly memberships: ReadonlyArray<Omit<Membership, 'span'>>
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
const pair = (m: Omit<Membership, 'span'>): string => `${m.role}\0${m.member}`
const byPair = (a: Omit<Membership, 'span'>, b: Omit<Membership, 'span'>): number => (pair(a) < pair(b) ? -1 : pair(a) > pair(b) ? 1 : 0)

interface RoleRow {
  oid: number
  rolname: string
  rolsuper: boolean
  rolcreatedb: boolean
  rolcreaterole: boolean
  rolinherit: boolean
  rolcanlogin: boolean
  rolreplication: boolean
  rolbypassrls: boolean
  rolconnlimit: number
  validuntil: string | null
  comment: string | null
}

/** What the server holds after running `script` (as the superuser PGlite starts as). */
export const serverRoles = async (script: string): Promise<Roles> => {
  const t = await fresh()
  try {
    await t.exec(script)
    await t.db.query(`SET TimeZone = 'UTC'`)
    const rows = (
      await t.db.query<RoleRow>(
        `SELECT oid::int, rolname, rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolcanlogin, rolreplication, rolbypassrls,
                rolconnlimit, rolvaliduntil::text AS validuntil, shobj_description(oid, 'pg_authid') AS comment
         FROM pg_roles WHERE oid >= 16384`,
      )
    ).rows
    const settings = (
      await t.db.query<{ setrole: number; indb: boolean; cfg: string }>(
        `SELECT setrole::int, setdatabase <> 0 AS indb, unnest(setconfig) AS cfg FROM pg_db_role_setting`,
      )
    ).rows
    const roles = rows.map((r) => {
      const mine: RoleSetting[] = settings
        .filter((s) => s.setrole === r.oid)
        .map((s) => ({ name: s.cfg.slice(0, s.cfg.indexOf('=')), value: s.cfg.slice(s.cfg.indexOf('=') + 1), inDatabase: s.indb }))
        .sort((a, b) => Number(a.inDatabase) - Number(b.inDatabase) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      return {
        kind: 'Role' as const,
        name: r.rolname,
        superuser: r.rolsuper,
        createDb: r.rolcreatedb,
        createRole: r.rolcreaterole,
        inherit: r.rolinherit,
        login: r.rolcanlogin,
        replication: r.rolreplication,
        bypassRls: r.rolbypassrls,
        connectionLimit: r.rolconnlimit,
        ...(r.comment !== null ? { comment: r.comment } : {}),
        ...(r.validuntil !== null && r.validuntil !== 'infinity' ? { validUntil: r.validuntil } : {}),
        ...(mine.length ? { settings: mine } : {}),
      }
    })
    const memberships = (
      await t.db.query<{ role: string; member: string; admin: boolean; inherit: boolean; set: boolean }>(
        `SELECT roleid::regrole::text AS role, member::regrole::text AS member, admin_option AS admin,
                inherit_option AS inherit, set_option AS set
         FROM pg_auth_members WHERE roleid >= 16384 OR member >= 16384`,
      )
    ).rows.map((m) => ({ kind: 'Membership' as const, ...m }))
    return { roles: roles.sort(byName), memberships: memberships.sort(byPair) }
  } finally {
    await t.close()
  }
}

/** The roles and memberships loadSql gives for the script (PostgreSQL 18, as PGlite), with its diagnostics. */
export const loadedRoles = (script: string, pgVersion: 15 | 16 | 17 | 18 = 18): Roles & { codes: string[] } => {
  const r = loadSql([{ file: 'f.sql', text: script }], { pgVersion })
  const roles: Array<Omit<Role, 'span'>> = []
  const memberships: Array<Omit<Membership, 'span'>> = []
  for (const o of r.catalog.objects.values()) {
    if (o.kind === 'Role') {
      const { span: _s, ...rest } = o
      roles.push(rest)
    } else if (o.kind === 'Membership') {
      const { span: _s, ...rest } = o
      memberships.push(rest)
    }
  }
  return { roles: roles.sort(byName), memberships: memberships.sort(byPair), codes: r.diagnostics.map((d) => d.code) }
}

/** The script means the same to loadSql as to the server, without errors. */
export const agreesWithServer = async (script: string): Promise<void> => {
  const mine = loadedRoles(script)
  assert.equal(mine.codes.filter((c) => c.startsWith('E-')), [], 'no error diagnostics')
  const server = await serverRoles(script)
  assert.ok(server.roles.length > 0, 'the script made roles')
  assert.equal({ roles: mine.roles, memberships: mine.memberships }, server)
}
