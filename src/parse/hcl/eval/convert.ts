/** Conversions between values: to template text, to numbers, equality, JSON. */
import type { Span } from '../../../ir/span.js'
import { compareNumbers, parseNumber, type NumberValue } from './number.js'
import { KIND_WORD, type Value } from './value.js'

/**
 * The text a value interpolates as in a template: strings as is, numbers as their decimal text,
 * bools as `true`/`false`, keywords as their word, references as their name, `sql("…")` as its
 * text, type calls as `name(args)`. Undefined for null, lists and objects (HCL cannot either).
 */
export const toText = (v: Value): string | undefined => {
  switch (v.kind) {
    case 'string':
      return v.value
    case 'number':
      return v.text
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'keyword':
      return v.name
    case 'ref':
      return v.target.name
    case 'sql':
      return v.text
    case 'call': {
      const args = v.args.map(toText)
      return args.every((a): a is string => a !== undefined) ? `${v.name}(${args.join(',')})` : undefined
    }
    case 'null':
    case 'list':
    case 'object':
      return undefined
  }
}

/** A number from a number or numeric string (HCL converts automatically). */
export const toNumber = (v: Value, span: Span): NumberValue | undefined =>
  v.kind === 'number' ? { ...v, span } : v.kind === 'string' ? parseNumber(v.value, span) : undefined

export const str = (value: string, span: Span): Value => ({ kind: 'string', value, span })
export const bool = (value: boolean, span: Span): Value => ({ kind: 'bool', value, span })
export const list = (items: ReadonlyArray<Value>, span: Span): Value => ({ kind: 'list', items, span })
export const obj = (entries: ReadonlyMap<string, Value>, span: Span): Value => ({ kind: 'object', entries, span })
export const nul = (span: Span): Value => ({ kind: 'null', span })

/** Structural equality (spans ignored; numbers by value, so `1.0 == 1`). */
export const equal = (a: Value, b: Value): boolean => {
  switch (a.kind) {
    case 'null':
      return b.kind === 'null'
    case 'bool':
      return b.kind === 'bool' && a.value === b.value
    case 'number':
      return b.kind === 'number' && compareNumbers(a, b) === 0
    case 'string':
      return b.kind === 'string' && a.value === b.value
    case 'keyword':
      return b.kind === 'keyword' && a.name === b.name
    case 'sql':
      return b.kind === 'sql' && a.text === b.text
    case 'ref':
      return b.kind === 'ref' && addressKey(a.target) === addressKey(b.target)
    case 'call':
      return b.kind === 'call' && a.name === b.name && a.args.length === b.args.length && a.args.every((x, i) => equal(x, b.args[i]!))
    case 'list':
      return b.kind === 'list' && a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]!))
    case 'object':
      return b.kind === 'object' && a.entries.size === b.entries.size && [...a.entries].every(([k, x]) => {
        const y = b.entries.get(k)
        return y !== undefined && equal(x, y)
      })
  }
}

/** A stable text key for an address (for maps and equality). */
export const addressKey = (a: { readonly type: string; readonly schema?: string; readonly name: string; readonly parent?: unknown }): string => {
  const parent = a.parent as Parameters<typeof addressKey>[0] | undefined
  return `${parent === undefined ? '' : addressKey(parent) + '/'}${a.type}:${a.schema === undefined ? '' : a.schema + '.'}${a.name}`
}

/** JSON text of a value (object keys sorted, as HCL's jsonencode; dialect values as their text). */
export const toJson = (v: Value): string => {
  switch (v.kind) {
    case 'null':
      return 'null'
    case 'bool':
      return v.value ? 'true' : 'false'
    case 'number':
      return v.text
    case 'string':
      return JSON.stringify(v.value)
    case 'list':
      return `[${v.items.map(toJson).join(',')}]`
    case 'object':
      return `{${[...v.entries.keys()].sort().map((k) => `${JSON.stringify(k)}:${toJson(v.entries.get(k)!)}`).join(',')}}`
    case 'keyword':
    case 'ref':
    case 'sql':
    case 'call':
      return JSON.stringify(toText(v) ?? '')
  }
}

export const describe = (v: Value): string => KIND_WORD[v.kind]
