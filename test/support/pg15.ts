/**
 * A real PostgreSQL server (PostgreSQL 15 in CI), used when env PGCHARTER_PG_URL is set: each case
 * gets a database of its own, created through a maintenance connection and dropped afterwards.
 * Roles are cluster-wide there: a case that creates roles must drop them (see `dropRoles`).
 */
import pg from 'pg'
import type { TestDb } from './pglite.js'

export const serverUrl = (): string | undefined => process.env['PGCHARTER_PG_URL'] || undefined

let maintenance: Promise<pg.Client> | undefined
let counter = 0

const admin = (url: string): Promise<pg.Client> =>
  (maintenance ??= (async () => {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    return c
  })())

/**
 * The same server URL, pointing at another database. Works for `postgresql://user@/db?host=/sock`,
 * which WHATWG `URL` refuses (credentials without a host).
 */
export const withDatabase = (url: string, database: string): string => {
  const m = /^(postgres(?:ql)?:\/\/[^/?#]*)(\/[^?#]*)?(.*)$/s.exec(url)
  if (!m) throw new Error('PGCHARTER_PG_URL must be a postgres:// or postgresql:// URL')
  return `${m[1]}/${encodeURIComponent(database)}${m[3] ?? ''}`
}

/** Roles that exist now; after a case, drop the ones it created (`DROP OWNED` first in each database). */
const roleNames = async (c: pg.Client): Promise<ReadonlySet<string>> =>
  new Set((await c.query<{ rolname: string }>('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname))

/** User-created roles (oid ≥ FirstNormalObjectId: neither the bootstrap superuser nor a predefined role). */
const userRoles = async (c: pg.Client): Promise<ReadonlyArray<string>> =>
  (await c.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE oid >= 16384 ORDER BY oid')).rows.map((r) => r.rolname)

const quoteRole = (r: string): string => `"${r.replace(/"/g, '""')}"`

/** A fresh database on the server; closing it drops the database and the roles the case created. */
export const freshServer = async (url: string): Promise<TestDb> => {
  const a = await admin(url)
  const name = `pgcharter_case_${process.pid}_${++counter}`
  await a.query(`DROP DATABASE IF EXISTS ${name}`)
  await a.query(`CREATE DATABASE ${name}`)
  const before = await roleNames(a)
  const client = new pg.Client({ connectionString: withDatabase(url, name) })
  client.on('error', () => undefined)
  await client.connect()
  return {
    db: client,
    exec: async (script) => {
      await client.query(script)
    },
    close: async () => {
      const created = (await userRoles(a)).filter((r) => !before.has(r))
      // the case may have left the session under SET ROLE, or in a failed transaction
      await client.query('ROLLBACK').catch(() => undefined)
      await client.query('RESET ROLE; RESET SESSION AUTHORIZATION').catch(() => undefined)
      if (created.length) await client.query(`DROP OWNED BY ${created.map(quoteRole).join(', ')} CASCADE`).catch(() => undefined)
      await client.end()
      await a.query(`DROP DATABASE IF EXISTS ${name}`)
      // one statement for all: memberships granted by one of them do not block dropping the others
      if (created.length) {
        await a.query(`DROP ROLE IF EXISTS ${created.map(quoteRole).join(', ')}`).catch(async () => {
          for (const r of [...created].reverse()) await a.query(`DROP ROLE IF EXISTS ${quoteRole(r)}`).catch(() => undefined)
        })
      }
      const left = (await userRoles(a)).filter((r) => !before.has(r))
      if (left.length) console.error(`pg15: roles left behind on the server after ${name}: ${left.join(', ')}`)
    },
  }
}

export const stopServer = async (): Promise<void> => {
  const m = maintenance
  maintenance = undefined
  if (m) await (await m).end()
}
