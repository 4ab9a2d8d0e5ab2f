/**
 * Roles created by users (oid >= FirstNormalObjectId 16384: not the bootstrap superuser, not the
 * predefined pg_* roles), with their comment and their settings for all databases or for the
 * current one. pg_roles has every attribute of pg_authid but the password, which is never read.
 */
import type { Role, RoleSetting } from '../ir/objects.js'
import type { Queryable } from './queryable.js'
import { bool, int, jsonArray, opt, optStr, str, strArray, type Row } from './rows.js'

/** The first oid a user-created object gets (src/include/access/transam.h). */
export const FIRST_NORMAL_OID = 16384

// validuntil in UTC whatever the session TimeZone, as `2030-01-01 00:00:00+00` (fraction kept)
const ROLES = `
SELECT r.rolname AS name, r.rolsuper AS super, r.rolcreatedb AS createdb, r.rolcreaterole AS createrole,
       r.rolinherit AS inherit, r.rolcanlogin AS login, r.rolreplication AS replication,
       r.rolbypassrls AS bypassrls, r.rolconnlimit AS connlimit,
       CASE WHEN r.rolvaliduntil IS NULL THEN NULL
            WHEN NOT pg_catalog.isfinite(r.rolvaliduntil) THEN r.rolvaliduntil::pg_catalog.text
            ELSE pg_catalog.to_char(pg_catalog.timezone('UTC', r.rolvaliduntil), 'YYYY-MM-DD HH24:MI:SS.US') END AS validuntil,
       pg_catalog.shobj_description(r.oid, 'pg_authid') AS comment,
       (SELECT pg_catalog.json_agg(pg_catalog.json_build_array(s.setdatabase <> 0, s.setconfig))
          FROM pg_catalog.pg_db_role_setting s
         WHERE s.setrole = r.oid AND s.setdatabase IN (0, (SELECT d.oid FROM pg_catalog.pg_database d
                                                           WHERE d.datname = pg_catalog.current_database()))) AS settings
FROM pg_catalog.pg_roles r
WHERE r.oid >= ${FIRST_NORMAL_OID}`

/** `2030-01-01 00:00:00.000000` → `2030-01-01 00:00:00+00`; a fraction keeps its significant digits. */
const utcText = (v: string): string => {
  if (v === 'infinity' || v === '-infinity') return v
  const [whole, frac = ''] = v.split('.')
  const digits = frac.replace(/0+$/, '')
  return `${whole ?? v}${digits === '' ? '' : `.${digits}`}+00`
}

const settingsOf = (v: unknown): ReadonlyArray<RoleSetting> => {
  const out: RoleSetting[] = []
  for (const entry of jsonArray(v)) {
    const [inDatabase, config] = jsonArray(entry)
    for (const item of strArray(config)) {
      const i = item.indexOf('=')
      const name = i < 0 ? item : item.slice(0, i)
      out.push(Object.freeze({ name, value: i < 0 ? '' : item.slice(i + 1), inDatabase: bool(inDatabase) }))
    }
  }
  out.sort((a, b) =>
    a.inDatabase !== b.inDatabase ? (a.inDatabase ? 1 : -1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )
  return Object.freeze(out)
}

export const readRoles = async (db: Queryable): Promise<ReadonlyArray<Role>> =>
  (await db.query<Row>(ROLES)).rows.map((r): Role => {
    const validUntil = optStr(r.validuntil)
    const settings = settingsOf(r.settings)
    return Object.freeze({
      kind: 'Role',
      name: str(r.name),
      superuser: bool(r.super),
      createDb: bool(r.createdb),
      createRole: bool(r.createrole),
      inherit: bool(r.inherit),
      login: bool(r.login),
      replication: bool(r.replication),
      bypassRls: bool(r.bypassrls),
      connectionLimit: int(r.connlimit),
      // 'infinity' never expires: the same as no VALID UNTIL (which the server cannot restore)
      ...opt('validUntil', validUntil === undefined || validUntil === 'infinity' ? undefined : utcText(validUntil)),
      ...opt('comment', optStr(r.comment)),
      ...opt('settings', settings.length === 0 ? undefined : settings),
    })
  })
