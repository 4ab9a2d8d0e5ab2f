/**
 * The servers a convergence harness runs on: PGlite (PostgreSQL 18) always, and the server in
 * PGCHARTER_PG_URL (PostgreSQL 15 in CI) when set. Each `open()` is a fresh database: a PGlite
 * clone (roles included, so roles are isolated per case), or a new database on the server whose
 * `close()` also drops every role created meanwhile (roles are cluster-wide there).
 */
import type { PgVersion } from '../../src/ir/catalog.js'
import { serverVersion } from '../../src/inspect/index.js'
import { fresh, type TestDb } from './pglite.js'
import { freshServer, serverUrl } from './pg15.js'

export interface Backend {
  readonly label: string
  readonly open: () => Promise<TestDb>
  /** the server's major version (probed once) */
  readonly version: () => Promise<PgVersion>
}

const probed = (open: () => Promise<TestDb>): (() => Promise<PgVersion>) => {
  let v: Promise<PgVersion> | undefined
  return () =>
    (v ??= (async () => {
      const probe = await open()
      return serverVersion(probe.db).finally(() => probe.close())
    })())
}

export const backends = (): Backend[] => {
  const out: Backend[] = [{ label: 'pglite', open: fresh, version: probed(fresh) }]
  const url = serverUrl()
  if (url) {
    const open = (): Promise<TestDb> => freshServer(url)
    out.push({ label: 'pg15', open, version: probed(open) })
  }
  return out
}

/**
 * Run a fixture file as a script, then go back to the session's own role: a file may end under
 * SET ROLE, and inspection and migrations run as the superuser.
 */
export const runScript = async (db: TestDb, script: string): Promise<void> => {
  await db.exec(script)
  await db.exec('RESET ROLE; RESET SESSION AUTHORIZATION')
}
