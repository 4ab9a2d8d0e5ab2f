/**
 * Name pools and a namespace allocator for the generated catalogs.
 *
 * Names are IR names: stored unquoted, exactly as PostgreSQL stores them (so `Users` is the quoted
 * identifier "Users" and `users` the folded one). The allocator keeps every name ≤ 63 bytes and unique
 * in its namespace, appending a suffix when the pool hands out a name already taken.
 */

/** Plain, lower-case identifiers that never need quoting. */
export const PLAIN_NAMES = [
  'users', 'orders', 'items', 'accounts', 'events', 'note', 'id', 'name', 'created_at', 'amount',
  'status', 'kind', 'owner_id', 'payload', 'tags', 'total', 'flag', 'code', 'price', 'label',
] as const

const LONG_ASCII = `long_${'x'.repeat(58)}` // 63 bytes
const LONG_UNICODE = `${'ü'.repeat(31)}x` // 63 bytes, 32 characters

/**
 * Identifiers that need quoting or are otherwise dangerous: upper case, spaces, double and single
 * quotes, backslashes, dots, dollar signs, leading digits, unicode, reserved words, maximal length.
 * None begins with `_` (array type names) or `pg_` (reserved schema prefix), none is a system column.
 */
export const HOSTILE_NAMES = [
  'Users', 'ORDERS', 'MixedCase', 'with space', ' lead', 'trail ', 'we"ird', '""', 'it\'s', 'back\\slash',
  'a.b', 'cost$', '1st', 'naïve', 'ünï', 'Ωmega', '日本', '😀', 'select', 'user', 'order', 'table', 'from',
  'group', 'check', 'default', 'integer', 'primary', 'references', 'values', 'end', 'left', 'Select',
  'semi;colon', 'par(en)', 'dash-ed', 'new\nline', 'tab\tbed', LONG_ASCII, LONG_UNICODE,
] as const

/** Enum labels: anything up to 63 bytes, non-empty. */
export const ENUM_LABELS = [
  'active', 'inactive', 'pending', 'Done', 'with space', 'it\'s', 'we"ird', 'back\\slash', 'naïve', '😀',
  'select', 'NULL', '', 'a,b', '{x}',
].filter((l) => l !== '')

/** Comment texts (never empty: COMMENT … IS '' removes the comment). */
export const COMMENTS = [
  'a comment', 'it\'s quoted', 'double "quotes"', 'back\\slash', 'naïve ünïcode 😀', 'multi\nline',
  '$$dollar$$', '$body$', 'semi; colon', '--not a comment', '/* nor this */', ' ',
] as const

export type NameMode = 'mixed' | 'plain' | 'hostile'

export const poolOf = (mode: NameMode): ReadonlyArray<string> =>
  mode === 'plain' ? PLAIN_NAMES : mode === 'hostile' ? HOSTILE_NAMES : [...PLAIN_NAMES, ...HOSTILE_NAMES]

const enc = new TextEncoder()
const bytes = (s: string): number => enc.encode(s).length

/** Longest prefix of `s` (whole characters) of at most `max` UTF-8 bytes. */
export const clip = (s: string, max: number): string => {
  let out = ''
  for (const ch of s) {
    if (bytes(out + ch) > max) break
    out += ch
  }
  return out
}

/** A namespace: hands out names from a pool, unique within it, each at most 63 bytes. */
export class Namespace {
  private readonly taken = new Set<string>()
  constructor(private readonly pool: ReadonlyArray<string>) {}

  /** Reserve a name as is (an object that already exists, like `public`). */
  reserve(name: string): void {
    this.taken.add(name)
  }

  has(name: string): boolean {
    return this.taken.has(name)
  }

  /** The pool name at `index` (mod pool size), made unique with a numeric suffix. */
  take(index: number): string {
    const base = this.pool[index % this.pool.length] as string
    return this.takeName(base)
  }

  /** `base` itself, or `base` with a suffix, whichever is free. */
  takeName(base: string): string {
    let name = clip(base, 63)
    for (let n = 2; this.taken.has(name); n++) {
      const suffix = `_${n}`
      name = clip(base, 63 - suffix.length) + suffix
    }
    this.taken.add(name)
    return name
  }
}
