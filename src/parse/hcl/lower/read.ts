/**
 * Typed readers of evaluated attribute values for the block lowerers: each returns the value in
 * the form the IR wants, or undefined after reporting a type error (E-TYPE, with the value's span:
 * "expected a list, got a string").
 */
import { KIND_WORD, type BlockAddress, type Value } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'

const typeError = (ctx: LowerContext, b: BlockView, name: string, v: Value, expected: string): undefined => {
  ctx.error('E-TYPE', `attribute "${name}" of ${b.type} "${b.address.name}": expected ${expected}, got ${KIND_WORD[v.kind]}`, v.span)
  return undefined
}

/** A string (a plain string, or a keyword's name where the dialect allows bare words). */
export const readString = (ctx: LowerContext, b: BlockView, name: string, allowKeyword = false): string | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'string') return v.value
  if (allowKeyword && v.kind === 'keyword') return v.name
  return typeError(ctx, b, name, v, 'a string')
}

export const readBool = (ctx: LowerContext, b: BlockView, name: string): boolean | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'bool') return v.value
  return typeError(ctx, b, name, v, 'a bool')
}

/** A number as canonical decimal text (exact for big integers). */
export const readNumber = (ctx: LowerContext, b: BlockView, name: string): string | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'number') return v.text
  return typeError(ctx, b, name, v, 'a number')
}

/** A list (a single non-list value is not accepted: the dialect always writes lists in brackets). */
export const readList = (ctx: LowerContext, b: BlockView, name: string): ReadonlyArray<Value> | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind === 'list') return v.items
  return typeError(ctx, b, name, v, 'a list')
}

/** A reference to a block of one of the given types. */
export const readRef = (ctx: LowerContext, b: BlockView, name: string, types: ReadonlyArray<string>): BlockAddress | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  return refOf(ctx, v, name, types)
}

/** A value that must be a reference to one of `types` (for list items too). */
export const refOf = (ctx: LowerContext, v: Value, what: string, types: ReadonlyArray<string>): BlockAddress | undefined => {
  if (v.kind === 'ref' && types.includes(v.target.type)) return v.target
  ctx.error('E-TYPE', `${what}: expected a reference to ${types.join(' or ')}, got ${v.kind === 'ref' ? `a reference to ${v.target.type}` : KIND_WORD[v.kind]}`, v.span)
  return undefined
}

/** A keyword from a closed set (case-insensitive), returned in the set's spelling. */
export const readKeyword = <K extends string>(ctx: LowerContext, b: BlockView, name: string, allowed: ReadonlyArray<K>): K | undefined => {
  const v = b.attr(name)
  if (v === undefined || v.kind === 'null') return undefined
  const word = v.kind === 'keyword' ? v.name : v.kind === 'string' ? v.value : undefined
  const hit = word === undefined ? undefined : allowed.find((k) => k.toLowerCase() === word.toLowerCase())
  if (hit !== undefined) return hit
  ctx.error('E-TYPE', `attribute "${name}" of ${b.type} "${b.address.name}": expected one of ${allowed.join(', ')}`, v.span)
  return undefined
}

/**
 * SQL text from a value: `sql("…")` as is, a string as is (expressions, queries and bodies are
 * written as strings in the dialect), a number or bool as its literal.
 */
export const sqlText = (ctx: LowerContext, v: Value, what: string): string | undefined => {
  switch (v.kind) {
    case 'sql':
    case 'string':
      return v.kind === 'sql' ? v.text : v.value
    case 'number':
      return v.text
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'null':
    case 'list':
    case 'object':
    case 'ref':
    case 'keyword':
    case 'call':
      ctx.error('E-TYPE', `${what}: expected a string or sql("…"), got ${KIND_WORD[v.kind]}`, v.span)
      return undefined
  }
}

/**
 * A type as SQL text: a keyword (`integer`, `text`, `timestamptz`), a call (`varchar(255)`,
 * `numeric(10,2)`), `sql("…")` or a string; the caller canonicalises it (normalize/types.ts).
 * A reference to an enum/domain/composite block is its qualified name.
 */
export const typeText = (ctx: LowerContext, v: Value, what: string): string | undefined => {
  switch (v.kind) {
    case 'keyword':
      return v.name.replace(/_/g, ' ')
    case 'call': {
      const args = v.args.map((a) => (a.kind === 'number' ? a.text : a.kind === 'string' ? a.value : a.kind === 'keyword' ? a.name : undefined))
      if (args.some((a) => a === undefined)) {
        ctx.error('E-TYPE', `${what}: type arguments must be numbers`, v.span)
        return undefined
      }
      return `${v.name.replace(/_/g, ' ')}(${args.join(',')})`
    }
    case 'sql':
      return v.text
    case 'string':
      return v.value
    case 'ref':
      return v.target.schema !== undefined ? `"${v.target.schema.replace(/"/g, '""')}"."${v.target.name.replace(/"/g, '""')}"` : `"${v.target.name.replace(/"/g, '""')}"`
    case 'null':
    case 'bool':
    case 'number':
    case 'list':
    case 'object':
      ctx.error('E-TYPE', `${what}: expected a type, got ${KIND_WORD[v.kind]}`, v.span)
      return undefined
  }
}
