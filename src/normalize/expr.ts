/**
 * Canonical expression text: parse, strip nothing but what the AST already forgets (formatting,
 * keyword case, redundant parentheses, needless quoting), and print once with the deparser.
 * Two expressions are equal exactly when their canonical texts are equal.
 */
import type { Node } from '@pgsql/types'
import { deparseSync } from 'pgsql-deparser'
import { quoteIdent } from '../ir/names.js'
import { parseExpression, parseSyncRaw } from '../parse/sql/parser.js'

/**
 * The deparser quotes every part of a qualified type name by the rules for type names, so a
 * schema named like a type keyword comes out bare (`CAST(x AS integer.t)`, a syntax error). Such
 * schema names are replaced by placeholders before printing and put back properly quoted.
 */
const printed = (node: Node): string => {
  const swaps: Array<readonly [string, string]> = []
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix)
    if (typeof v !== 'object' || v === null) return v
    const o: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) o[k] = fix(x)
    const names = o['names']
    if (Array.isArray(names)) {
      const first = Array.isArray(names) && names.length >= 2 ? (names[0] as { String?: { sval?: string } }) : undefined
      const schema = first?.String?.sval
      if (schema !== undefined && schema !== 'pg_catalog' && quoteIdent(schema) !== schema) {
        const token = `pgcharter_schema_${swaps.length}_placeholder`
        swaps.push([token, quoteIdent(schema)])
        o['names'] = [{ String: { sval: token } }, ...(names as unknown[]).slice(1)]
      }
    }
    return o
  }
  if (!JSON.stringify(node).includes('"names"')) return deparseSync(node, { pretty: false })
  const fixed = fix(node) as Node
  let text = deparseSync(fixed, { pretty: false })
  if (!swaps.length) return text
  for (const [token, quoted] of swaps) text = text.split(token).join(quoted)
  return text
}

/** Canonical text of an expression AST node. */
export const exprText = (node: Node): string => printed(node)

/** Canonical text of an expression given as SQL text (e.g. from pg_get_expr). */
export const canonicalExpr = (text: string): string => exprText(parseExpression(text))

/** Canonical text of a statement AST node (a view's SELECT, for instance). */
export const statementText = (node: Node): string => printed(node)

/** Canonical text of a query given as SQL text (e.g. from pg_get_viewdef). */
export const canonicalQuery = (text: string): string => {
  const stmt = parseSyncRaw(text.trim().replace(/;\s*$/, '')).stmts?.[0]?.stmt
  if (!stmt) throw new Error(`not a query: ${text}`)
  return statementText(stmt)
}

const SQL_BODY_PREFIX = 'CREATE FUNCTION x() '
/** Canonical text of a SQL-standard routine body node (`RETURN …` or `BEGIN ATOMIC … END`). */
export const sqlBodyText = (body: Node): string => {
  const text = statementText({ CreateFunctionStmt: { funcname: [{ String: { sval: 'x' } }], sql_body: body } } as Node)
  return text.startsWith(SQL_BODY_PREFIX) ? text.slice(SQL_BODY_PREFIX.length) : text
}

/** Canonical text of a SQL-standard body given as SQL text (e.g. from pg_get_function_sqlbody). */
export const canonicalSqlBody = (text: string): string => {
  const stmt = parseSyncRaw(SQL_BODY_PREFIX + text).stmts?.[0]?.stmt
  if (!stmt || !('CreateFunctionStmt' in stmt) || !stmt.CreateFunctionStmt.sql_body) throw new Error(`not a routine body: ${text}`)
  return sqlBodyText(stmt.CreateFunctionStmt.sql_body)
}

const BOUND_PREFIX = 'CREATE TABLE x PARTITION OF y '
/** Canonical text of a partition bound node (`FOR VALUES FROM (1) TO (10)`, `DEFAULT`, …). */
export const partitionBoundText = (bound: unknown): string => {
  const stmt = {
    CreateStmt: {
      relation: { relname: 'x', inh: true, relpersistence: 'p' },
      inhRelations: [{ RangeVar: { relname: 'y', inh: true, relpersistence: 'p' } }],
      partbound: bound,
      oncommit: 'ONCOMMIT_NOOP',
    },
  } as unknown as Node
  const text = statementText(stmt)
  if (!text.startsWith(BOUND_PREFIX)) throw new Error(`unexpected partition bound text: ${text}`)
  return text.slice(BOUND_PREFIX.length)
}

/** Canonical text of a partition bound given as SQL text (e.g. from pg_get_expr(relpartbound, oid)). */
export const canonicalPartitionBound = (text: string): string => {
  const stmt = parseSyncRaw(BOUND_PREFIX + text).stmts?.[0]?.stmt
  if (!stmt || !('CreateStmt' in stmt)) throw new Error(`not a partition bound: ${text}`)
  return partitionBoundText(stmt.CreateStmt.partbound)
}
