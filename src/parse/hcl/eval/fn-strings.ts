/** The string functions of HCL's standard library that schema files use. */
import * as E from 'fp-ts/lib/Either.js'
import { arity, checked, items, num, text, type Fn, type Got } from './args.js'
import { bool, describe, list, str, toJson, toText } from './convert.js'
import { typeError } from './scope.js'
import type { Value } from './value.js'

const unary = (name: string, f: (s: string) => string): Fn => (args, span) =>
  E.chain(() => checked<[string]>([text(name, args, 0)], (s) => E.right(str(f(s), span))))(arity(name, args, 1, 1, span))

const title = (s: string): string => s.replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_, pre: string, c: string) => pre + c.toUpperCase())

/** `format("%s-%d %q", …)`: verbs s (text), d (integer), q (JSON-quoted string), v (any), %% */
const format: Fn = (args, span) =>
  E.chain(() =>
    checked<[string]>([text('format', args, 0)], (spec) => {
      let next = 1
      let out = ''
      for (let i = 0; i < spec.length; i++) {
        const c = spec[i]!
        if (c !== '%') {
          out += c
          continue
        }
        const verb = spec[++i]
        if (verb === '%') {
          out += '%'
          continue
        }
        const v = args[next++]
        if (v === undefined) return typeError(`format(): not enough arguments for "%${verb ?? ''}"`, span)
        const r = verbText(verb, v)
        if (E.isLeft(r)) return r
        out += r.right
      }
      if (next < args.length) return typeError(`format(): too many arguments (${args.length - 1} for ${next - 1} verbs)`, span)
      return E.right(str(out, span))
    }),
  )(arity('format', args, 1, Infinity, span))

const verbText = (verb: string | undefined, v: Value): Got<string> => {
  switch (verb) {
    case 's': {
      const t = v.kind === 'null' ? undefined : toText(v)
      return t === undefined ? typeError(`format(): %s: expected a string, got ${describe(v)}`, v.span) : E.right(t)
    }
    case 'd': {
      const n = num('format', [v], 0)
      if (E.isLeft(n)) return n
      return /^-?\d+$/.test(n.right.text) ? E.right(n.right.text) : typeError(`format(): %d: expected an integer, got ${n.right.text}`, v.span)
    }
    case 'q': {
      const t = v.kind === 'null' ? undefined : toText(v)
      return t === undefined ? typeError(`format(): %q: expected a string, got ${describe(v)}`, v.span) : E.right(JSON.stringify(t))
    }
    case 'v':
      return E.right(v.kind === 'list' || v.kind === 'object' || v.kind === 'null' ? toJson(v) : (toText(v) ?? ''))
    default:
      return typeError(`format(): unsupported verb "%${verb ?? ''}" (use %s, %d, %q, %v or %%)`, v.span)
  }
}

const join: Fn = (args, span) =>
  E.chain(() =>
    checked<[string, ReadonlyArray<Value>]>([text('join', args, 0), items('join', args, 1)], (sep, xs) => {
      const parts = xs.map((x, i) => text('join', xs, i))
      const errors = parts.flatMap((p) => (E.isLeft(p) ? p.left : []))
      return errors.length > 0 ? E.left(errors) : E.right(str(parts.map((p) => (E.isRight(p) ? p.right : '')).join(sep), span))
    }),
  )(arity('join', args, 2, 2, span))

const split: Fn = (args, span) =>
  E.chain(() => checked<[string, string]>([text('split', args, 0), text('split', args, 1)], (sep, s) => E.right(list(s.split(sep).map((p) => str(p, span)), span))))(
    arity('split', args, 2, 2, span),
  )

/** `replace(s, sub, rep)`; `sub` written `/re/` is a regular expression (as in Terraform). */
const replace: Fn = (args, span) =>
  E.chain(() =>
    checked<[string, string, string]>([text('replace', args, 0), text('replace', args, 1), text('replace', args, 2)], (s, sub, rep) => {
      if (sub.length > 1 && sub.startsWith('/') && sub.endsWith('/')) {
        try {
          return E.right(str(s.replace(new RegExp(sub.slice(1, -1), 'g'), rep), span))
        } catch {
          return typeError(`replace(): invalid regular expression ${sub}`, args[1]!.span)
        }
      }
      return E.right(str(s.split(sub).join(rep), span))
    }),
  )(arity('replace', args, 3, 3, span))

const affix = (name: string, f: (s: string, a: string) => boolean): Fn => (args, span) =>
  E.chain(() => checked<[string, string]>([text(name, args, 0), text(name, args, 1)], (s, a) => E.right(bool(f(s, a), span))))(arity(name, args, 2, 2, span))

const jsonencode: Fn = (args, span) => E.map(() => str(toJson(args[0]!), span))(arity('jsonencode', args, 1, 1, span))

export const STRING_FUNCTIONS: Readonly<Record<string, Fn>> = {
  upper: unary('upper', (s) => s.toUpperCase()),
  lower: unary('lower', (s) => s.toLowerCase()),
  title: unary('title', title),
  trimspace: unary('trimspace', (s) => s.trim()),
  format,
  join,
  split,
  replace,
  startswith: affix('startswith', (s, a) => s.startsWith(a)),
  endswith: affix('endswith', (s, a) => s.endsWith(a)),
  jsonencode,
}
