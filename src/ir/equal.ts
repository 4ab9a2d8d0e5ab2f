/**
 * Structural equality of IR values. `span` fields never take part; objects compare by their own
 * keys (an absent field and a missing one are the same; `undefined` is never stored).
 */
export const irEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!irEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false
    for (const [k, v] of a) if (!b.has(k) || !irEqual(v, b.get(k))) return false
    return true
  }
  const ka = Object.keys(a).filter((k) => k !== 'span')
  const kb = Object.keys(b).filter((k) => k !== 'span')
  if (ka.length !== kb.length) return false
  const rb = b as Record<string, unknown>
  const ra = a as Record<string, unknown>
  for (const k of ka) if (!(k in rb) || !irEqual(ra[k], rb[k])) return false
  return true
}

/** A copy without spans, for printing and golden files. */
export const stripSpans = <T>(v: T): T => {
  if (Array.isArray(v)) return v.map(stripSpans) as unknown as T
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, stripSpans(x)])) as unknown as T
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) if (k !== 'span') out[k] = stripSpans(x)
    return out as T
  }
  return v
}
