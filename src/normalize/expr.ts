/**
 * Canonical expression text: parse, strip nothing but what the AST already forgets (formatting,
 * keyword case, redundant parentheses, needless quoting), and print once with the deparser.
 * Two expressions are equal exactly when their canonical texts are equal.
 */
import type { Node } from '@pgsql/types'
import { deparseSync } from 'pgsql-deparser'
import { parseExpression, parseSyncRaw } from '../parse/sql/parser.js'

/** Canonical text of an expression AST node. */
export const exprText = (node: Node): string => deparseSync(node, { pretty: false })

/** Canonical text of an expression given as SQL text (e.g. from pg_get_expr). */
export const canonicalExpr = (text: string): string => exprText(parseExpression(text))

/** Canonical text of a statement AST node (a view's SELECT, for instance). */
export const statementText = (node: Node): string => deparseSync(node, { pretty: false })

/** Canonical text of a query given as SQL text (e.g. from pg_get_viewdef). */
export const canonicalQuery = (text: string): string => {
  const stmt = parseSyncRaw(text.trim().replace(/;\s*$/, '')).stmts?.[0]?.stmt
  if (!stmt) throw new Error(`not a query: ${text}`)
  return statementText(stmt)
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
