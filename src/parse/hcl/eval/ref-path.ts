/**
 * The reference vocabulary of the dialect (DIALECT.md "References") and the parsing of
 * `ref("…")` paths: `role.x`, `table.s.t`, `table.t`, `table.s.t.column.c`; a segment may be
 * double-quoted to contain dots (`table."a.b"`).
 */
import type { BlockAddress } from './value.js'

/** Root names that reference top-level blocks. */
export const REF_TYPES = [
  'schema', 'table', 'view', 'materialized', 'function', 'procedure', 'sequence', 'enum', 'domain', 'composite',
  'extension', 'role', 'user', 'trigger', 'policy',
] as const

/** Block types whose objects live in a schema (their address has `schema`). */
export const SCHEMA_TYPES = ['table', 'view', 'materialized', 'function', 'procedure', 'sequence', 'enum', 'domain', 'composite'] as const

/** Nested block types a reference may name inside (or after) a table, view or materialized view. */
export const NESTED_REF_TYPES = ['column', 'index', 'foreign_key', 'check', 'unique', 'exclude', 'primary_key', 'policy', 'trigger'] as const

/** Block types that attach to a table and take their parent from `on` when top-level. */
export const ATTACHED_TYPES = ['trigger', 'policy'] as const

export const isSchemaType = (t: string): boolean => (SCHEMA_TYPES as ReadonlyArray<string>).includes(t)
export const isRefType = (t: string): boolean => (REF_TYPES as ReadonlyArray<string>).includes(t)
export const isNestedRefType = (t: string): boolean => (NESTED_REF_TYPES as ReadonlyArray<string>).includes(t)

/** The address type of a block type: users are roles. */
export const addressType = (blockType: string): string => (blockType === 'user' ? 'role' : blockType)

const segments = (path: string): string[] | undefined => {
  const out: string[] = []
  let i = 0
  while (i <= path.length) {
    if (path[i] === '"') {
      let s = ''
      i++
      for (; i < path.length; i++) {
        if (path[i] === '"' && path[i + 1] === '"') s += path[i++]
        else if (path[i] === '"') break
        else s += path[i]
      }
      if (path[i] !== '"') return undefined
      out.push(s)
      i++
    } else {
      const j = path.indexOf('.', i)
      out.push(path.slice(i, j < 0 ? path.length : j))
      i = j < 0 ? path.length : j
    }
    if (i >= path.length) break
    if (path[i] !== '.') return undefined
    i++
  }
  return out.some((s) => s === '') ? undefined : out
}

/**
 * An address from a path, without knowing the declarations: `table.t` has no schema (the loader
 * fills it in). A string is a reason it is not a path.
 */
export const parseRefPath = (path: string): BlockAddress | string => {
  const seg = segments(path)
  if (seg === undefined || seg.length < 2) return 'expected a path such as "table.schema.name" or "role.name"'
  const type = addressType(seg[0]!)
  if (!isRefType(seg[0]!)) return `unknown object type "${seg[0]}" (one of ${REF_TYPES.join(', ')})`
  const rest = seg.slice(1)
  // a nested part: the last two segments when the one before the last is a nested type
  const nested = rest.length >= 3 && isNestedRefType(rest[rest.length - 2]!) ? rest.splice(rest.length - 2, 2) : undefined
  if (rest.length > (isSchemaType(type) ? 2 : 1)) return `too many parts for ${seg[0]}`
  const base: BlockAddress = rest.length === 2 ? { type, schema: rest[0]!, name: rest[1]! } : { type, name: rest[0]! }
  return nested === undefined ? base : { type: nested[0]!, name: nested[1]!, parent: base }
}
