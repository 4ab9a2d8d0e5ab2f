/**
 * Reading catalog rows the same way whatever the driver: `pg` and PGlite differ in how they
 * return arrays, bigints and json, so every query returns text, booleans, integers and json only.
 */
export type Row = Readonly<Record<string, unknown>>

export const str = (v: unknown): string => {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  throw new Error(`inspect: expected text, got ${JSON.stringify(v)}`)
}

export const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : str(v))

export const bool = (v: unknown): boolean => v === true || v === 't' || v === 'true'

export const int = (v: unknown): number => (typeof v === 'number' ? v : Number(str(v)))

/** A json (or already decoded) array; null is the empty array. */
export const jsonArray = (v: unknown): ReadonlyArray<unknown> => {
  if (v === null || v === undefined) return []
  const d: unknown = typeof v === 'string' ? JSON.parse(v) : v
  if (!Array.isArray(d)) throw new Error(`inspect: expected a json array, got ${JSON.stringify(v)}`)
  return d
}

export const strArray = (v: unknown): ReadonlyArray<string> => jsonArray(v).map(str)

/** `{}` when the value is absent, `{ [k]: v }` otherwise: optional IR fields are never `undefined`. */
export const opt = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } =>
  (v === undefined ? {} : { [k]: v }) as { [P in K]?: V }

/** reloptions (`{fillfactor=70}`) as a record, split at the first `=`. */
export const optionsOf = (v: unknown): Readonly<Record<string, string>> | undefined => {
  const items = strArray(v)
  if (items.length === 0) return undefined
  const out: Record<string, string> = {}
  for (const item of items) {
    const i = item.indexOf('=')
    if (i < 0) out[item] = ''
    else out[item.slice(0, i)] = item.slice(i + 1)
  }
  return Object.freeze(out)
}

/** Group rows by a key, keeping their order. */
export const groupBy = <T>(items: ReadonlyArray<T>, key: (t: T) => string): ReadonlyMap<string, T[]> => {
  const m = new Map<string, T[]>()
  for (const it of items) {
    const k = key(it)
    const list = m.get(k)
    if (list) list.push(it)
    else m.set(k, [it])
  }
  return m
}
