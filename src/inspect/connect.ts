/**
 * Open a connection from a URL: `postgres://…`/`postgresql://…` through `pg`, `pglite:memory` and
 * `pglite://DIR` through embedded PGlite. Failures reject with one clear line, password masked.
 */
import { existsSync } from 'node:fs'
import pg from 'pg'
import type { Queryable } from './queryable.js'

export interface Connection {
  readonly db: Queryable
  close(): Promise<void>
}

/** The URL with any password replaced by `***`. */
export const maskUrl = (url: string): string => url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^@/]*@/i, '$1:***@')

const reason = (e: unknown): string => {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : ''
  const REASONS: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    ETIMEDOUT: 'connection timed out',
    ENOENT: 'no such socket',
  }
  const message = e instanceof Error ? e.message : String(e)
  return (REASONS[code] ?? message).split('\n')[0] ?? 'unknown error'
}

const fail = (url: string, e: unknown, password: string | undefined): Error => {
  let text = `cannot connect to ${maskUrl(url)}: ${reason(e)}`
  if (password) text = text.split(password).join('***')
  return new Error(text)
}

const connectPglite = async (url: string): Promise<Connection> => {
  const { PGlite } = await import('@electric-sql/pglite')
  const dir = url === 'pglite:memory' ? undefined : url.replace(/^pglite:\/\//, '')
  // PGlite would silently create a new database in a missing directory: a typo must not inspect as empty
  if (dir !== undefined && !existsSync(dir)) throw fail(url, new Error('no such directory'), undefined)
  try {
    const db = dir === undefined ? new PGlite() : new PGlite(dir)
    await db.waitReady
    return { db, close: () => db.close() }
  } catch (e) {
    throw fail(url, e, undefined)
  }
}

const connectPg = async (url: string): Promise<Connection> => {
  let password: string | undefined
  try {
    password = decodeURIComponent(new URL(url).password) || undefined
  } catch {
    password = undefined
  }
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (e) {
    await client.end().catch(() => undefined)
    throw fail(url, e, password)
  }
  return { db: client, close: () => client.end() }
}

export const connect = async (url: string): Promise<Connection> => {
  if (url === 'pglite:memory' || url.startsWith('pglite://')) return connectPglite(url)
  if (/^postgres(ql)?:\/\//.test(url)) return connectPg(url)
  throw new Error(`cannot connect to ${maskUrl(url)}: unsupported URL (use postgres://, postgresql://, pglite:memory or pglite://DIR)`)
}
