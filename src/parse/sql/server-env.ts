/**
 * The catalog as the server-form analyser (normalize/server-form.ts) sees it at the moment an
 * expression is stored: column types of the relation, user types, functions and relations.
 */
import type { Node } from '@pgsql/types'
import { qualified } from '../../ir/names.js'
import { serverExpr, type ServerEnv, type UserFunctionInfo, type UserTypeInfo } from '../../normalize/server-form.js'
import type { State } from './state.js'

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
    for (const t of st.types.values()) {
      if (qualified(t.schema, t.name) !== text) continue
      if (t.kind === 'Enum') return { kind: 'enum' }
      if (t.kind === 'Domain') return { kind: 'domain', base: t.baseType }
      return { kind: 'other' }
    }
    for (const r of st.relations.values()) if (qualified(r.schema, r.name) === text) return { kind: 'other' }
    return undefined
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
