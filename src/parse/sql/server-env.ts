/**
 * The catalog as the server-form analyser (normalize/server-form.ts) sees it at the moment an
 * expression is stored: column types of the relation, user types, functions and relations.
 */
import type { Node } from '@pgsql/types'
import { qualified, relationKey } from '../../ir/names.js'
import { serverExpr, type ServerEnv, type UserFunctionInfo, type UserTypeInfo } from '../../normalize/server-form.js'
import type { State } from './state.js'

/** One part of a `qualified()` name: a quoted identifier (`""` escapes) or a bare one; the rest after it. */
const identPart = (text: string): readonly [string, string] | undefined => {
  if (!text.startsWith('"')) {
    const dot = text.indexOf('.')
    return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot)]
  }
  let name = ''
  for (let i = 1; i < text.length; i++) {
    if (text[i] !== '"') name += text[i]
    else if (text[i + 1] === '"') name += text[++i]
    else return [name, text.slice(i + 1)]
  }
  return undefined
}

/** `schema` and `name` of a `qualified(schema, name)` text, undefined for any other shape. */
const splitQualified = (text: string): readonly [string, string] | undefined => {
  const schema = identPart(text)
  if (!schema || !schema[1].startsWith('.')) return undefined
  const name = identPart(schema[1].slice(1))
  return name && name[1] === '' && qualified(schema[0], name[0]) === text ? [schema[0], name[0]] : undefined
}

const INPUT_MODES: ReadonlySet<string> = new Set(['in', 'inout', 'variadic'])

export const serverEnv = (
  st: State,
  column: (name: string) => string | undefined,
  qualifiedColumn?: (fields: ReadonlyArray<string>) => string | undefined,
): ServerEnv => ({
  column,
  ...(qualifiedColumn ? { qualifiedColumn } : {}),
  types: st.typeResolver,
  userType: (text): UserTypeInfo | undefined => {
    const parts = splitQualified(text)
    if (!parts) return undefined
    const key = relationKey(parts[0], parts[1])
    const t = st.types.get(key)
    if (t) {
      if (t.kind === 'Enum') return { kind: 'enum' }
      if (t.kind === 'Domain') return { kind: 'domain', base: t.baseType }
      return { kind: 'other' }
    }
    return st.relations.has(key) ? { kind: 'other' } : undefined
  },
  userFunction: (schema, name, nargs): UserFunctionInfo | undefined => {
    const key = st.resolve(schema, name, (k) => st.functionsByName.has(k))
    if (key === undefined) return undefined
    const fns = [...(st.functionsByName.get(key) ?? [])].flatMap((id) => {
      const f = st.functions.get(id)
      return f ? [f] : []
    })
    const fits = fns.filter((f) => {
      const ins = f.args.filter((a) => INPUT_MODES.has(a.mode))
      return ins.length === nargs && !ins.some((a) => a.mode === 'variadic')
    })
    if (fits.length === 1) return info(fits[0]!)
    // the name is a user function (so it prints qualified) but the overload is not known
    return fns[0] ? { schema: fns[0].schema, args: [], returns: undefined } : undefined
  },
  relation: (schema, name) => {
    const key = st.resolve(schema, name, (k) => st.relations.has(k))
    const r = key === undefined ? undefined : st.relations.get(key)
    return r ? { schema: r.schema, name: r.name } : undefined
  },
})

const info = (f: { schema: string; args: ReadonlyArray<{ mode: string; type: string }>; returns?: string; returnsSet?: boolean }): UserFunctionInfo => ({
  schema: f.schema,
  args: f.args.filter((a) => INPUT_MODES.has(a.mode)).map((a) => a.type),
  returns: f.returnsSet ? undefined : f.returns,
})

/** Columns given as a list (name and canonical type). */
export const columnsEnv = (st: State, columns: ReadonlyArray<{ readonly name: string; readonly type: string }>): ServerEnv =>
  serverEnv(st, (n) => columns.find((x) => x.name === n)?.type)

/** Server form of an expression over these columns, stored for `target` when given. */
export const storedExpr = (
  st: State,
  columns: ReadonlyArray<{ readonly name: string; readonly type: string }>,
  node: Node,
  target?: string,
): string => serverExpr(node, columnsEnv(st, columns), target)
