/** Small AST helpers shared by the statement handlers. */
import type { DefElem, Node, RoleSpec, TypeName } from '@pgsql/types'
import type { Span } from '../../ir/span.js'
import { canonicalType } from '../../normalize/types.js'
import { locationSpan, statementSpan, type Statement } from './parser.js'
import type { State } from './state.js'

/** What every handler receives. */
export interface Ctx {
  readonly st: State
  readonly s: Statement
  /** span of the whole statement */
  readonly span: Span
}

export const ctxOf = (st: State, s: Statement): Ctx => ({ st, s, span: statementSpan(s) })

export const at = (c: Ctx, location: number | undefined): Span =>
  location === undefined || location < 0 ? c.span : locationSpan(c.s, location)

export const strings = (nodes: ReadonlyArray<Node> | undefined): string[] =>
  (nodes ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : []))

/** A possibly qualified name from a list of String nodes. */
export interface QName {
  readonly schema: string | undefined
  readonly name: string
}
export const qname = (nodes: ReadonlyArray<Node> | undefined): QName => {
  const parts = strings(nodes)
  return { schema: parts.length > 1 ? parts[parts.length - 2] : undefined, name: parts[parts.length - 1] ?? '' }
}

/** Items of a `List` node (or the node itself when it is not a list). */
export const listItems = (n: Node | undefined): ReadonlyArray<Node> =>
  n === undefined ? [] : 'List' in n ? (n.List.items ?? []) : [n]

export const defElems = (nodes: ReadonlyArray<Node> | undefined): DefElem[] =>
  (nodes ?? []).flatMap((n) => ('DefElem' in n ? [n.DefElem] : []))

/** Text of a DefElem argument as PostgreSQL's defGetString would give it. */
export const argText = (n: Node | undefined): string | undefined => {
  if (!n) return undefined
  if ('String' in n) return n.String.sval ?? ''
  if ('Integer' in n) return String(n.Integer.ival ?? 0)
  if ('Float' in n) return n.Float.fval ?? ''
  if ('Boolean' in n) return n.Boolean.boolval ? 'true' : 'false'
  if ('A_Const' in n) {
    const c = n.A_Const
    if (c.isnull) return undefined
    if (c.sval) return c.sval.sval ?? ''
    if (c.ival) return String(c.ival.ival ?? 0)
    if (c.fval) return c.fval.fval ?? ''
    if (c.boolval) return c.boolval.boolval ? 'true' : 'false'
  }
  if ('TypeName' in n) return strings(n.TypeName.names).join('.')
  if ('List' in n) return strings(n.List.items).join('.')
  return undefined
}

/** WITH (a = b, …) storage options as a record of texts. */
export const optionsRecord = (nodes: ReadonlyArray<Node> | undefined): Record<string, string> | undefined => {
  const ds = defElems(nodes)
  if (!ds.length) return undefined
  const out: Record<string, string> = {}
  for (const d of ds) {
    const key = d.defnamespace ? `${d.defnamespace}.${d.defname ?? ''}` : (d.defname ?? '')
    out[key] = argText(d.arg) ?? 'true'
  }
  return out
}

/** The role a RoleSpec names; CURRENT_USER/CURRENT_ROLE/SESSION_USER resolve to the current role. */
export const roleName = (st: State, r: RoleSpec | undefined): string => {
  if (!r) return st.role
  switch (r.roletype) {
    case 'ROLESPEC_CSTRING':
      return r.rolename ?? st.role
    case 'ROLESPEC_SESSION_USER':
      return st.sessionRole
    default:
      return st.role
  }
}

/** Canonical type text; warns W-UNKNOWN-TYPE for unresolvable names. */
export const typeText = (c: Ctx, tn: TypeName): string => {
  const t = canonicalType(tn, c.st.typeResolver)
  if (t.unknown) c.st.warn('W-UNKNOWN-TYPE', `type "${t.text}" is not known; kept as written`, at(c, tn.location))
  return t.text
}

export const unsupported = (c: Ctx, what: string): void =>
  c.st.warn('W-UNSUPPORTED', `${what} is not supported; statement skipped`, c.span)
