/**
 * Names an expression, a query or a type reference mentions: relations (FROM items, regclass
 * literals such as nextval('seq')), routines (function calls) and types (casts, type refs).
 * Names are collected unresolved, as (schema | undefined, name); `lookup.ts` resolves them.
 */
import { parseExpression, parseSyncRaw } from '../parse/sql/parser.js'

export interface NameRef {
  readonly schema: string | undefined
  readonly name: string
}
export interface Refs {
  readonly relations: NameRef[]
  readonly functions: NameRef[]
  readonly types: NameRef[]
}

const emptyRefs = (): Refs => ({ relations: [], functions: [], types: [] })

const strings = (nodes: unknown): string[] =>
  Array.isArray(nodes)
    ? nodes.flatMap((n) => {
        const s = (n as { String?: { sval?: string } }).String?.sval
        return s === undefined ? [] : [s]
      })
    : []

const nameRef = (parts: ReadonlyArray<string>): NameRef | undefined => {
  if (parts.length === 0) return undefined
  const name = parts[parts.length - 1] as string
  return { schema: parts.length >= 2 ? parts[parts.length - 2] : undefined, name }
}

/** Split a possibly-qualified, possibly-quoted SQL name (`a."B c"`) into its unquoted parts. */
export const splitName = (text: string): string[] => {
  const parts: string[] = []
  let i = 0
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1
      let s = ''
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"'
            j += 2
            continue
          }
          break
        }
        s += text[j]
        j++
      }
      parts.push(s)
      i = j + 1
    } else {
      let j = i
      while (j < text.length && text[j] !== '.' && text[j] !== '"') j++
      parts.push(text.slice(i, j).trim().toLowerCase())
      i = j
    }
    if (text[i] === '.') i++
    else if (i < text.length && text[i] !== '"') break
  }
  return parts
}

/** The user type a TypeRef names, if it is schema-qualified (`public.mood[]` → public.mood). */
export const typeRefName = (ref: string): NameRef | undefined => {
  let text = ref.trim().replace(/^SETOF\s+/i, '')
  while (text.endsWith('[]')) text = text.slice(0, -2)
  text = text.replace(/\(\s*[\d\s,]*\)$/, '')
  const parts = splitName(text)
  return parts.length === 2 ? nameRef(parts) : undefined
}

const walk = (node: unknown, out: Refs): void => {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, out)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const rec = node as Record<string, unknown>
  for (const [key, value] of Object.entries(rec)) {
    if ((key === 'RangeVar' || key === 'relation') && typeof value === 'object' && value !== null) {
      const rv = value as { schemaname?: string; relname?: string }
      if (rv.relname) out.relations.push({ schema: rv.schemaname, name: rv.relname })
    } else if (key === 'FuncCall' && typeof value === 'object' && value !== null) {
      const fc = value as { funcname?: unknown; args?: ReadonlyArray<{ A_Const?: { sval?: { sval?: string } } }> }
      const r = nameRef(strings(fc.funcname))
      if (r) out.functions.push(r)
      const seq = fc.args?.[0]?.A_Const?.sval?.sval
      if (r && r.schema === undefined && (r.name === 'nextval' || r.name === 'currval' || r.name === 'setval') && seq !== undefined) {
        const s = nameRef(splitName(seq))
        if (s) out.relations.push(s)
      }
    } else if (key === 'TypeCast' && typeof value === 'object' && value !== null) {
      const tc = value as { arg?: unknown; typeName?: { names?: unknown } }
      const tn = strings(tc.typeName?.names)
      const last = tn[tn.length - 1]
      const sval = (tc.arg as { A_Const?: { sval?: { sval?: string } } } | undefined)?.A_Const?.sval?.sval
      if (last === 'regclass' && sval !== undefined) {
        const r = nameRef(splitName(sval))
        if (r) out.relations.push(r)
      } else if (last === 'regproc' && sval !== undefined) {
        const r = nameRef(splitName(sval))
        if (r) out.functions.push(r)
      }
    } else if (key === 'TypeName' || key === 'typeName') {
      const r = nameRef(strings((value as { names?: unknown } | null)?.names))
      if (r) out.types.push(r)
    }
    walk(value, out)
  }
}

const cache = new Map<string, Refs>()

const cached = (key: string, compute: () => unknown): Refs => {
  const hit = cache.get(key)
  if (hit) return hit
  const out = emptyRefs()
  try {
    walk(compute(), out)
  } catch {
    // unparsable text mentions nothing we can resolve
  }
  if (cache.size > 5000) cache.clear()
  cache.set(key, out)
  return out
}

/** Names mentioned by an expression. */
export const exprRefs = (expr: string): Refs => cached(`e:${expr}`, () => parseExpression(expr))

/** Names mentioned by a query (a view's SELECT). */
export const queryRefs = (query: string): Refs => cached(`q:${query}`, () => parseSyncRaw(query).stmts)

/** Names mentioned by a SQL-language routine body (a string body, or BEGIN ATOMIC … END / RETURN expr). */
export const routineBodyRefs = (body: string, sqlBody: boolean): Refs => {
  if (!sqlBody) return queryRefs(body)
  const trimmed = body.trim()
  const ret = /^RETURN\s+([\s\S]*)$/i.exec(trimmed)
  if (ret) return queryRefs(`SELECT ${ret[1]}`)
  return queryRefs(trimmed.replace(/^BEGIN\s+ATOMIC/i, '').replace(/END\s*;?\s*$/i, ''))
}
