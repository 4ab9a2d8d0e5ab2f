/**
 * Helpers for the access-control emission tests: run a case on every backend (PGlite, and the
 * PostgreSQL server of PGCHARTER_PG_URL when set), emitting for that server's version.
 */
import type { Change } from '../../src/ir/change.js'
import type { PgVersion } from '../../src/ir/catalog.js'
import { changeSql } from '../../src/emit/sql.js'
import { backends } from '../support/backends.js'
import { stop, type TestDb } from '../support/pglite.js'
import { stopServer } from '../support/pg15.js'

export interface Ctx {
  readonly db: TestDb
  readonly v: PgVersion
  readonly label: string
  /** run SQL (a script) */
  readonly run: (sql: string) => Promise<void>
  /** emit the changes for this server version and run them */
  readonly apply: (...cs: Change[]) => Promise<string>
  readonly rows: <R = Record<string, unknown>>(sql: string) => Promise<R[]>
  /** the first column of every row, as strings */
  readonly col: (sql: string) => Promise<string[]>
}

export const onEachServer = async (fn: (c: Ctx) => Promise<void>): Promise<void> => {
  for (const b of backends()) {
    const v = await b.version()
    const db = await b.open()
    const run = async (sql: string): Promise<void> => {
      try {
        await db.exec(sql)
      } catch (e) {
        throw new Error(`${b.label}: ${(e as Error).message}\n${sql}`)
      }
    }
    const rows = async <R,>(sql: string): Promise<R[]> => (await db.db.query<R>(sql)).rows
    const ctx: Ctx = {
      db,
      v,
      label: b.label,
      run,
      apply: async (...cs) => {
        const sql = cs.map((c) => changeSql(c, { pgVersion: v })).join('\n')
        await run(sql)
        return sql
      },
      rows,
      col: async (sql) => (await rows<Record<string, unknown>>(sql)).map((r) => String(Object.values(r)[0])),
    }
    try {
      await fn(ctx)
    } finally {
      await db.close()
    }
  }
}

export const stopAll = async (): Promise<void> => {
  await stop()
  await stopServer()
}

/**
 * `grantee PRIVILEGE[*] /grantor` lines of the ACL `aclExpr` (of the row `from … where` selects),
 * sorted; `*` marks a grant option.
 */
export const aclSql = (aclExpr: string, from: string, where: string): string => `
  SELECT line FROM (
    SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END || ' ' || a.privilege_type
           || CASE WHEN a.is_grantable THEN '*' ELSE '' END || ' /' || pg_get_userbyid(a.grantor)::text AS line
      FROM ${from}, aclexplode(${aclExpr}) a WHERE ${where}) x
   ORDER BY line COLLATE "C"`
