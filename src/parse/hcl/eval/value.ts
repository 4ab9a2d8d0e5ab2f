/**
 * Values of evaluated HCL expressions. Besides HCL's own (null, bool, number, string, list,
 * object), the schema dialect needs three more:
 * - `ref`: a reference to a declared block (`table.users`, `schema.public`, `column.id`,
 *   `role.app`, `ref("table.s.t")`), resolved to its canonical address;
 * - `keyword`: a bare identifier that names no variable (`SELECT`, `PUBLIC`, `CASCADE`, `ROW`,
 *   `integer`, `text`): the dialect's enum-like words, interpreted by the block that reads them;
 * - `call`: a call of a function the evaluator does not define (`varchar(255)`, `numeric(10,2)`,
 *   `timestamp(3)`): the dialect's parameterised type words, with evaluated arguments;
 * - `sql`: raw SQL text from `sql("…")`, used as is (expressions, types, defaults).
 * Every value carries the span of the expression it came from, for diagnostics.
 */
import type { Span } from '../../../ir/span.js'

/**
 * A declared block, canonically: `type` is the block type (`table`, `column`, `schema`, …),
 * `schema` the schema of a schema-qualified object (absent for schemas, roles, extensions…),
 * `name` its name (the last label), `parent` the enclosing block for nested ones (a column's
 * table, an index's table, a policy's table when declared inside it).
 */
export interface BlockAddress {
  readonly type: string
  readonly schema?: string
  readonly name: string
  readonly parent?: BlockAddress
}

export type Value =
  | { readonly kind: 'null'; readonly span: Span }
  | { readonly kind: 'bool'; readonly value: boolean; readonly span: Span }
  /** `text` is the canonical decimal text (exact for integers of any size) */
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'list'; readonly items: ReadonlyArray<Value>; readonly span: Span }
  /** keys in insertion order */
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, Value>; readonly span: Span }
  | { readonly kind: 'ref'; readonly target: BlockAddress; readonly span: Span }
  | { readonly kind: 'keyword'; readonly name: string; readonly span: Span }
  | { readonly kind: 'call'; readonly name: string; readonly args: ReadonlyArray<Value>; readonly span: Span }
  | { readonly kind: 'sql'; readonly text: string; readonly span: Span }

export type ValueKind = Value['kind']

/** A human word for a value kind, for "expected a list, got a string" messages. */
export const KIND_WORD: Readonly<Record<ValueKind, string>> = {
  null: 'null',
  bool: 'a bool',
  number: 'a number',
  string: 'a string',
  list: 'a list',
  object: 'an object',
  ref: 'a reference',
  keyword: 'a keyword',
  call: 'a type expression',
  sql: 'a sql() expression',
} as const
