/**
 * Renames follow through stored text: PostgreSQL keeps analysed trees that point at objects by
 * OID, so after `ALTER TABLE … RENAME` (or RENAME COLUMN, or SET SCHEMA) the server prints view
 * queries, checks, defaults and index expressions with the new names. Here the stored canonical
 * text is parsed, the references rewritten, and the text printed again.
 */
import type { Node } from '@pgsql/types'
import { canonicalExpr, exprText, statementText } from '../../normalize/expr.js'
import { parseExpression, parseSyncRaw } from './parser.js'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const sval = (n: unknown): string | undefined => (isObj(n) && isObj(n['String']) ? (n['String']['sval'] as string | undefined) : undefined)
const strNode = (s: string): Node => ({ String: { sval: s } })

/** A deep map over a JSON tree, bottom-up. */
const mapTree = (node: unknown, f: (o: Json) => Json): unknown => {
  if (Array.isArray(node)) return node.map((x) => mapTree(x, f))
  if (!isObj(node)) return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = mapTree(v, f)
  return f(out)
}

export interface RelationRename {
  readonly from: { readonly schema: string; readonly name: string }
  readonly to: { readonly schema: string; readonly name: string }
}

/** Rewrite RangeVars naming the relation, and column references qualified by its bare name. */
const renameRelationTree = (tree: unknown, r: RelationRename): unknown => {
  let unaliased = false
  const renamed = mapTree(tree, (o) => {
    const rv = o['RangeVar']
    if (isObj(rv) && rv['relname'] === r.from.name && (rv['schemaname'] === r.from.schema || rv['schemaname'] === undefined)) {
      if (!isObj(rv['alias'])) unaliased = true
      return { ...o, RangeVar: { ...rv, schemaname: r.to.schema, relname: r.to.name } }
    }
    return o
  })
  if (!unaliased || r.from.name === r.to.name) return renamed
  return mapTree(renamed, (o) => {
    const cr = o['ColumnRef']
    if (isObj(cr) && Array.isArray(cr['fields']) && cr['fields'].length === 2 && sval(cr['fields'][0]) === r.from.name)
      return { ...o, ColumnRef: { ...cr, fields: [strNode(r.to.name), cr['fields'][1]] } }
    return o
  })
}

/** A view query after a relation it reads was renamed or moved. */
export const renameRelationInQuery = (query: string, r: RelationRename): string => {
  const stmt = parseQuery(query)
  return statementText(renameRelationTree(stmt, r) as Node)
}

const parseQuery = (query: string): Node => {
  const stmt = parseSyncRaw(query).stmts?.[0]?.stmt
  if (!stmt) throw new Error(`not a query: ${query}`)
  return stmt
}

/** Rename unqualified (or `qualifier.`-qualified) column references in a tree. */
const renameColumnRefs = (tree: unknown, from: string, to: string, qualifiers: ReadonlySet<string>, bare: boolean): unknown =>
  mapTree(tree, (o) => {
    const cr = o['ColumnRef']
    if (!isObj(cr) || !Array.isArray(cr['fields'])) return o
    const f = cr['fields'] as unknown[]
    if (bare && f.length === 1 && sval(f[0]) === from) return { ...o, ColumnRef: { ...cr, fields: [strNode(to)] } }
    if (f.length === 2 && qualifiers.has(sval(f[0]) ?? '\0') && sval(f[1]) === from)
      return { ...o, ColumnRef: { ...cr, fields: [f[0], strNode(to)] } }
    return o
  })

/** An expression over one table's columns (check, default, index key) after a column rename. */
export const renameColumnInExpr = (expr: string, from: string, to: string): string => {
  const paren = expr.startsWith('(') && expr.endsWith(')')
  const tree = parseExpression(expr)
  const out = exprText(renameColumnRefs(tree, from, to, new Set(), true) as Node)
  const text = canonicalExpr(out)
  return paren ? `(${text})` : text
}

/**
 * A view query after a column of `table` was renamed: references in every SELECT that reads the
 * table follow, and a bare target keeps its output name (`email AS mail`).
 */
export const renameColumnInQuery = (query: string, table: { schema: string; name: string }, from: string, to: string): string => {
  const tree = parseQuery(query)
  const out = mapTree(tree, (o) => {
    const sel = o['SelectStmt']
    if (!isObj(sel) || !Array.isArray(sel['fromClause'])) return o
    const { quals, bare } = tableQualifiers(sel['fromClause'], table)
    if (!quals.size) return o
    const targets = (sel['targetList'] as unknown[] | undefined)?.map((t) => {
      if (!isObj(t) || !isObj(t['ResTarget'])) return t
      const rt = t['ResTarget']
      const v = rt['val']
      const isRef =
        isObj(v) && isObj(v['ColumnRef']) && Array.isArray(v['ColumnRef']['fields']) &&
        ((bare && v['ColumnRef']['fields'].length === 1 && sval(v['ColumnRef']['fields'][0]) === from) ||
          (v['ColumnRef']['fields'].length === 2 && quals.has(sval(v['ColumnRef']['fields'][0]) ?? '\0') && sval(v['ColumnRef']['fields'][1]) === from))
      const val = renameColumnRefs(v, from, to, quals, bare)
      return { ResTarget: { ...rt, val, ...(isRef && rt['name'] === undefined ? { name: from } : {}) } }
    })
    const next: Json = { ...sel, ...(targets ? { targetList: targets } : {}) }
    for (const k of ['whereClause', 'havingClause', 'groupClause', 'fromClause', 'sortClause'])
      if (next[k] !== undefined) next[k] = renameColumnRefs(next[k], from, to, quals, bare)
    return { ...o, SelectStmt: next }
  })
  return statementText(out as Node)
}

/** The names that qualify `table`'s columns in a FROM list, and whether bare names reach it (it is the only relation). */
const tableQualifiers = (fromClause: unknown, table: { schema: string; name: string }): { quals: Set<string>; bare: boolean } => {
  const quals = new Set<string>()
  let count = 0
  mapTree(fromClause, (x) => {
    const rv = x['RangeVar']
    if (isObj(rv)) {
      count++
      if (rv['relname'] === table.name && rv['schemaname'] === table.schema)
        quals.add(isObj(rv['alias']) ? (rv['alias']['aliasname'] as string) : table.name)
    }
    return x
  })
  return { quals, bare: count === 1 }
}

/** Whether a (stored, qualified) view query reads `column` of `table`, by the same references a rename follows. */
export const queryUsesColumn = (query: string, table: { schema: string; name: string }, column: string): boolean => {
  let used = false
  mapTree(parseQuery(query), (o) => {
    const sel = o['SelectStmt']
    if (used || !isObj(sel) || !Array.isArray(sel['fromClause'])) return o
    const { quals, bare } = tableQualifiers(sel['fromClause'], table)
    if (!quals.size) return o
    const rest: Json = { ...sel }
    delete rest['fromClause']
    // references of this SELECT level: nested SELECTs are visited on their own
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk)
      if (!isObj(n) || isObj(n['SelectStmt'])) return
      const cr = n['ColumnRef']
      if (isObj(cr) && Array.isArray(cr['fields'])) {
        const f = cr['fields'] as unknown[]
        if ((bare && f.length === 1 && sval(f[0]) === column) || (f.length === 2 && quals.has(sval(f[0]) ?? '\0') && sval(f[1]) === column)) used = true
        return
      }
      Object.values(n).forEach(walk)
    }
    walk(rest)
    walk(sel['fromClause'])
    return o
  })
  return used
}

/** A default (or any expression) after a sequence it names as a regclass literal was renamed or moved. */
export const renameRegclassInExpr = (expr: string, fromText: string, toText: string): string => {
  if (!expr.includes(fromText)) return expr
  const tree = parseExpression(expr)
  const out = mapTree(tree, (o) => {
    const tc = o['TypeCast']
    if (!isObj(tc) || !isObj(tc['arg']) || !isObj(tc['arg']['A_Const'])) return o
    const c = tc['arg']['A_Const']
    if (!isObj(c['sval']) || c['sval']['sval'] !== fromText) return o
    const names = isObj(tc['typeName']) && Array.isArray(tc['typeName']['names']) ? tc['typeName']['names'].map(sval) : []
    if (names[names.length - 1] !== 'regclass') return o
    return { ...o, TypeCast: { ...tc, arg: { A_Const: { ...c, sval: { sval: toText } } } } }
  })
  return canonicalExpr(exprText(out as Node))
}
