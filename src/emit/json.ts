/** ChangeSet → stable, pretty JSON (the io-ts codec's output, spans stripped, keys in a fixed order). */
import { ChangeSet } from '../ir/change.js'
import { stripSpans } from '../ir/equal.js'

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (typeof v === 'object' && v !== null) {
    const rec = v as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(rec)
        .sort()
        .filter((k) => rec[k] !== undefined)
        .map((k) => [k, sortKeys(rec[k])]),
    )
  }
  return v
}

export const emitJson = (changes: ChangeSet): string => `${JSON.stringify(sortKeys(stripSpans(ChangeSet.encode(changes))), null, 2)}\n`
