/**
 * One embedded PostgreSQL (PGlite) per test file; every case gets its own clone, so that cases are
 * isolated (roles included) without paying the start-up each time. Contrib extensions a file needs
 * (btree_gist, citext, …) must be declared with `useExtensions` before the first `fresh()`: PGlite
 * only offers the extensions it was started with (clones keep them).
 */
import { PGlite, type Extensions, type PGliteInterface } from '@electric-sql/pglite'
import type { Queryable } from '../../src/inspect/index.js'
import { fingerprint, RESET_SQL } from './reset.js'

export interface TestDb {
  readonly db: Queryable
  /** run a multi-statement script */
  exec(script: string): Promise<void>
  close(): Promise<void>
}

let base: Promise<PGlite> | undefined
let pristine: Promise<string> | undefined
/** reset databases waiting to be reused */
const pool: PGliteInterface[] = []
const wanted = new Set<string>()

/** Make these contrib extensions available (names as in CREATE EXTENSION, e.g. `btree_gist`, `uuid-ossp`). */
export const useExtensions = (names: Iterable<string>): void => {
  for (const n of names) {
    if (wanted.has(n)) continue
    if (base) throw new Error(`useExtensions(${n}) after the instance started`)
    wanted.add(n)
  }
}

const loadExtensions = async (): Promise<Extensions> => {
  const out: Extensions = {}
  for (const name of wanted) {
    const id = name.replace(/-/g, '_')
    const mod = (await import(`@electric-sql/pglite/contrib/${id}`)) as Extensions
    const ext = mod[id]
    if (!ext) throw new Error(`PGlite has no contrib extension ${name}`)
    out[id] = ext
  }
  return out
}

const start = (): Promise<PGlite> =>
  (base ??= (async () => {
    const extensions = await loadExtensions()
    return PGlite.create({ extensions })
  })())

/** Reset a used database; back to the pool when it is pristine again, closed otherwise. */
const recycle = async (db: PGliteInterface): Promise<void> => {
  try {
    await db.query('ROLLBACK').catch(() => undefined)
    await db.exec(RESET_SQL)
    if (pristine && (await fingerprint(db)) === (await pristine)) {
      pool.push(db)
      return
    }
  } catch {
    // not reusable
  }
  await db.close()
}

const wrap = (db: PGliteInterface): TestDb => {
  let closed = false
  return {
    db,
    exec: async (script) => {
      await db.exec(script)
    },
    close: async () => {
      if (closed) return
      closed = true
      await recycle(db)
    },
  }
}

/** A fresh database: a recycled clone whose catalog fingerprint is pristine, or a new clone. */
export const fresh = async (): Promise<TestDb> => {
  const reused = pool.pop()
  if (reused) return wrap(reused)
  const b = await start()
  pristine ??= b.clone().then(async (c) => {
    // the fingerprint of a database that went through a reset without doing anything
    await c.exec(RESET_SQL)
    const f = await fingerprint(c)
    pool.push(c)
    return f
  })
  await pristine
  return wrap(pool.pop() ?? (await b.clone()))
}

/** Stop this file's instance and its pooled clones (call from the suite's `after`). */
export const stop = async (): Promise<void> => {
  const b = base
  base = undefined
  pristine = undefined
  for (const d of pool.splice(0)) await d.close()
  if (b) await (await b).close()
}
