/**
 * Definitions PostgreSQL prints (pg_get_indexdef, pg_get_constraintdef, pg_get_partkeydef,
 * pg_get_triggerdef) are parsed back with libpg-query, so that the IR is built from the same AST
 * shapes the SQL interpreter sees.
 */
import type { IndexElem, Node, PartitionElem } from '@pgsql/types'
import { quoteIdent, sqlPath } from '../ir/names.js'
import { exprText } from '../normalize/expr.js'
import { parseSyncRaw } from '../parse/sql/parser.js'

/** Parse one statement and return its node. */
export const parseOne = (sql: string): Node => {
  const stmt = parseSyncRaw(sql).stmts?.[0]?.stmt
  if (!stmt) throw new Error(`inspect: cannot parse ${sql}`)
  return stmt
}

/** A dotted name (collation, opclass) from a list of String nodes, in SQL form (`sqlPath`), as the interpreter stores it. */
export const nameOf = (parts: ReadonlyArray<Node> | undefined): string | undefined =>
  parts && parts.length > 0 ? sqlPath(strings(parts)) : undefined

/**
 * The canonical text of an index, exclusion or partition key, as the SQL interpreter stores it:
 * a (quoted as needed) column name or the parenthesised canonical expression.
 */
export const keyText = (e: IndexElem | PartitionElem): string => {
  if (e.name !== undefined) return quoteIdent(e.name)
  if (e.expr) return `(${exprText(e.expr)})`
  throw new Error('inspect: key without column or expression')
}

/** The text of a partition key: the same form as an index key. */
export const partitionKeyText = keyText

export const strings = (nodes: ReadonlyArray<Node> | undefined): ReadonlyArray<string> =>
  (nodes ?? []).map((n) => ('String' in n ? (n.String.sval ?? '') : ''))
