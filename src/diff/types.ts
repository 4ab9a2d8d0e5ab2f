/** Type changes PostgreSQL performs without losing information. */

const INTEGER_RANK: Readonly<Record<string, number>> = { smallint: 1, integer: 2, bigint: 3 } as const

const varchar = /^character varying(?:\((\d+)\))?$/
const numeric = /^numeric(?:\((\d+)(?:,\s*(\d+))?\))?$/
const bit = /^bit varying(?:\((\d+)\))?$/

/** True when every value of type `from` converts to `to` exactly (a known widening). */
export const isSafeWidening = (from: string, to: string): boolean => {
  if (from === to) return true
  const i0 = INTEGER_RANK[from]
  const i1 = INTEGER_RANK[to]
  if (i0 !== undefined && i1 !== undefined) return i0 <= i1
  if (i0 !== undefined && to === 'numeric') return true
  if (i0 !== undefined && numeric.test(to)) {
    const m = numeric.exec(to)
    const p = Number(m?.[1] ?? 1000)
    const s = Number(m?.[2] ?? 0)
    return p - s >= (i0 === 1 ? 5 : i0 === 2 ? 10 : 19)
  }
  const v0 = varchar.exec(from)
  if (v0 && to === 'text') return true
  const v1 = varchar.exec(to)
  if (v0 && v1) return v1[1] === undefined || (v0[1] !== undefined && Number(v1[1]) >= Number(v0[1]))
  if (/^character(\(\d+\))?$/.test(from) && to === 'text') return false // trailing blanks are stripped
  if (from === 'text' && to === 'character varying') return true
  const n0 = numeric.exec(from)
  const n1 = numeric.exec(to)
  if (n0 && n1) {
    if (n1[1] === undefined) return true
    if (n0[1] === undefined) return false
    const s0 = Number(n0[2] ?? 0)
    const s1 = Number(n1[2] ?? 0)
    return s1 >= s0 && Number(n1[1]) - s1 >= Number(n0[1]) - s0
  }
  const b0 = bit.exec(from)
  const b1 = bit.exec(to)
  if (b0 && b1) return b1[1] === undefined || (b0[1] !== undefined && Number(b1[1]) >= Number(b0[1]))
  if (from === 'real' && to === 'double precision') return true
  if (from === 'json' && to === 'jsonb') return false
  return false
}

const CATEGORY: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(smallint|integer|bigint|real|double precision|numeric(\(.*\))?)$/, 'numeric'],
  [/^(text|character varying(\(\d+\))?|character(\(\d+\))?|"char"|name|citext)$/, 'string'],
  [/^(date|timestamp(\(\d\))?( with(out)? time zone)?|time(\(\d\))?( with(out)? time zone)?|interval.*)$/, 'datetime'],
  [/^uuid$/, 'uuid'],
  [/^boolean$/, 'boolean'],
  [/^jsonb?$/, 'json'],
  [/^bytea$/, 'bytea'],
  [/^(inet|cidr|macaddr8?)$/, 'network'],
] as const

const categoryOf = (t: string): string | undefined => CATEGORY.find(([re]) => re.test(t))?.[1]

/**
 * True when there is probably no direct cast from `from` to `to` (two known, different categories,
 * neither a string type): the conversion then goes through text, which every type can do.
 */
export const needsTextCast = (from: string, to: string): boolean => {
  if (from.endsWith('[]') || to.endsWith('[]')) return false
  const a = categoryOf(from)
  const b = categoryOf(to)
  return a !== undefined && b !== undefined && a !== b && a !== 'string' && b !== 'string'
}
