/** The collection and conversion functions of HCL's standard library that schema files use. */
import * as E from 'fp-ts/lib/Either.js'
import { arity, checked, entries, items, num, text, type Fn } from './args.js'
import { bool, describe, equal, list, obj, str, toNumber, toText } from './convert.js'
import { fromBigInt, isInteger } from './number.js'
import { typeError, type Result } from './scope.js'
import type { Value } from './value.js'

const length: Fn = (args, span) =>
  E.chain(() => {
    const v = args[0]!
    if (v.kind === 'list') return E.right(fromBigInt(BigInt(v.items.length), span))
    if (v.kind === 'object') return E.right(fromBigInt(BigInt(v.entries.size), span))
    if (v.kind === 'string') return E.right(fromBigInt(BigInt([...v.value].length), span))
    return typeError(`length(): expected a list, an object or a string, got ${describe(v)}`, v.span)
  })(arity('length', args, 1, 1, span))

const concat: Fn = (args, span) =>
  checked<ReadonlyArray<ReadonlyArray<Value>>>(args.map((_, i) => items('concat', args, i)), (...ls) => E.right(list(ls.flat(), span)))

const contains: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyArray<Value>]>([items('contains', args, 0)], (xs) => E.right(bool(xs.some((x) => equal(x, args[1]!)), span))))(arity('contains', args, 2, 2, span))

const sortedKeys = (m: ReadonlyMap<string, Value>): string[] => [...m.keys()].sort()

const keys: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyMap<string, Value>]>([entries('keys', args, 0)], (m) => E.right(list(sortedKeys(m).map((k) => str(k, span)), span))))(arity('keys', args, 1, 1, span))

const values: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyMap<string, Value>]>([entries('values', args, 0)], (m) => E.right(list(sortedKeys(m).map((k) => m.get(k)!), span))))(arity('values', args, 1, 1, span))

const lookup: Fn = (args, span) =>
  E.chain(() =>
    checked<[ReadonlyMap<string, Value>, string]>([entries('lookup', args, 0), text('lookup', args, 1)], (m, k) => {
      const v = m.get(k) ?? args[2]
      return v !== undefined ? E.right(v) : typeError(`lookup(): no key "${k}" and no default`, span)
    }),
  )(arity('lookup', args, 2, 3, span))

const merge: Fn = (args, span) => {
  const present = args.filter((a) => a.kind !== 'null')
  return checked<ReadonlyArray<ReadonlyMap<string, Value>>>(present.map((_, i) => entries('merge', present, i)), (...ms) => {
    const out = new Map<string, Value>()
    for (const m of ms) for (const [k, v] of m) out.set(k, v)
    return E.right(obj(out, span))
  })
}

/** The first argument that is neither null nor an empty string (as Terraform's coalesce). */
const coalesce: Fn = (args, span) =>
  E.chain(() => {
    const hit = args.find((a) => a.kind !== 'null' && !(a.kind === 'string' && a.value === ''))
    return hit !== undefined ? E.right(hit) : typeError('coalesce(): every argument is null or empty', span)
  })(arity('coalesce', args, 1, Infinity, span))

const flattenItems = (xs: ReadonlyArray<Value>): Value[] => xs.flatMap((x) => (x.kind === 'list' ? flattenItems(x.items) : [x]))
const flatten: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyArray<Value>]>([items('flatten', args, 0)], (xs) => E.right(list(flattenItems(xs), span))))(arity('flatten', args, 1, 1, span))

const unique = (xs: ReadonlyArray<Value>): Value[] => xs.filter((x, i) => xs.findIndex((y) => equal(x, y)) === i)
const distinct: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyArray<Value>]>([items('distinct', args, 0)], (xs) => E.right(list(unique(xs), span))))(arity('distinct', args, 1, 1, span))

const tostring: Fn = (args, span) =>
  E.chain(() => {
    const v = args[0]!
    if (v.kind === 'null') return E.right(v)
    const t = v.kind === 'list' || v.kind === 'object' ? undefined : toText(v)
    return t !== undefined ? E.right(str(t, span)) : typeError(`tostring(): cannot convert ${describe(v)} to a string`, v.span)
  })(arity('tostring', args, 1, 1, span))

const tonumber: Fn = (args, span) =>
  E.chain((): Result => {
    const v = args[0]!
    if (v.kind === 'null') return E.right(v)
    const n = toNumber(v, span)
    return n !== undefined ? E.right(n) : typeError(`tonumber(): cannot convert ${v.kind === 'string' ? `"${v.value}"` : describe(v)} to a number`, v.span)
  })(arity('tonumber', args, 1, 1, span))

const tolist: Fn = (args, span) =>
  E.chain(() => checked<[ReadonlyArray<Value>]>([items('tolist', args, 0)], (xs) => E.right(list(xs, span))))(arity('tolist', args, 1, 1, span))

/** Sets of strings iterate in lexical order in HCL; other elements keep their first occurrence. */
const toset: Fn = (args, span) =>
  E.chain(() =>
    checked<[ReadonlyArray<Value>]>([items('toset', args, 0)], (xs) => {
      const u = unique(xs)
      const strings = u.every((x) => x.kind === 'string')
      return E.right(list(strings ? [...u].sort((a, b) => ((a as { value: string }).value < (b as { value: string }).value ? -1 : 1)) : u, span))
    }),
  )(arity('toset', args, 1, 1, span))

/** `range(limit)`, `range(start, limit)`, `range(start, limit, step)`, integers only. */
const range: Fn = (args, span) =>
  E.chain(() =>
    checked<ReadonlyArray<{ text: string }>>(args.map((_, i) => num('range', args, i)), (...ns) => {
      if (!ns.every((n) => isInteger(n as Parameters<typeof isInteger>[0]))) return typeError('range(): arguments must be integers', span)
      const [a, b, c] = ns.map((n) => BigInt(n.text))
      const [start, limit, step] = ns.length === 1 ? [0n, a!, 1n] : [a!, b!, c ?? (b! >= a! ? 1n : -1n)]
      if (step === 0n) return typeError('range(): step must not be zero', span)
      const out: Value[] = []
      for (let i = start; step > 0n ? i < limit : i > limit; i += step) {
        if (out.length >= 1024) return typeError('range(): more than 1024 elements', span)
        out.push(fromBigInt(i, span))
      }
      return E.right(list(out, span))
    }),
  )(arity('range', args, 1, 3, span))

export const COLLECTION_FUNCTIONS: Readonly<Record<string, Fn>> = {
  length,
  concat,
  contains,
  keys,
  values,
  lookup,
  merge,
  coalesce,
  flatten,
  distinct,
  tostring,
  tonumber,
  tolist,
  toset,
  range,
}
