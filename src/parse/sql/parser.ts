/**
 * The facade over libpg-query (the real PostgreSQL parser, compiled to WASM).
 *
 * `ready()` must have resolved once before any synchronous call. A file is parsed in one call when it
 * is valid; when it is not, it is split into statements by the scanner and each statement is parsed
 * alone, so that every syntax error in the file is reported, not only the first.
 */
import * as pg from 'libpg-query'
import type { Node, RawStmt } from '@pgsql/types'
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../ir/span.js'
import { SourceMap } from './source-map.js'

let loaded: Promise<void> | undefined
/** Load the WASM parser (idempotent). */
export const ready = (): Promise<void> => (loaded ??= pg.loadModule())

/** One statement with its text and where it stands in its file. */
export interface Statement {
  readonly node: Node
  /** offset and length in UTF-16 units of the file text */
  readonly offset: number
  readonly length: number
  readonly source: SourceMap
}

export const statementSpan = (s: Statement): Span => s.source.span(s.offset, s.length)
/** Span of a node location (a byte offset inside the statement's file, as libpg-query reports). */
export const locationSpan = (s: Statement, byteLocation: number | undefined): Span =>
  byteLocation === undefined ? statementSpan(s) : s.source.span(s.source.fromByte(byteLocation), 0)
export const statementText = (s: Statement): string => s.source.text.slice(s.offset, s.offset + s.length)

const toStatements = (raw: ReadonlyArray<RawStmt>, source: SourceMap, byteBase: number): Statement[] =>
  raw.flatMap((r) => {
    if (!r.stmt) return []
    const startByte = byteBase + (r.stmt_location ?? 0)
    const start = source.fromByte(startByte)
    const end = r.stmt_len ? source.fromByte(startByte + r.stmt_len) : source.text.length
    return [{ node: r.stmt, offset: start, length: end - start, source }]
  })

const errorOf = (e: unknown, source: SourceMap, byteBase: number): Diagnostic => {
  const details = pg.hasSqlDetails(e) ? e.sqlDetails : undefined
  const message = details?.message ?? (e instanceof Error ? e.message : String(e))
  // cursorPosition is 0-based, in bytes of the parsed text
  const pos = details?.cursorPosition !== undefined ? Math.max(0, details.cursorPosition) : 0
  return diagnostic('error', 'PG-SYNTAX', message, source.span(source.fromByte(byteBase + pos), 0))
}

/** Parse a whole SQL file into statements, or every syntax error in it. */
export const parseSql = (text: string, file: string): E.Either<ReadonlyArray<Diagnostic>, ReadonlyArray<Statement>> => {
  const source = new SourceMap(text, file)
  try {
    return E.right(toStatements(pg.parseSync(text).stmts ?? [], source, 0))
  } catch (whole) {
    // Recover: parse statement by statement to find every error.
    const errors: Diagnostic[] = []
    const stmts: Statement[] = []
    for (const chunk of splitStatements(text)) {
      const byteBase = source.toByte(chunk.offset)
      try {
        const sub = new SourceMap(text, file)
        const parsed = pg.parseSync(chunk.text).stmts ?? []
        stmts.push(...toStatements(parsed, sub, byteBase))
      } catch (e) {
        errors.push(errorOf(e, source, byteBase))
      }
    }
    return E.left(errors.length ? errors : [errorOf(whole, source, 0)])
  }
}

/** The lower-case keyword a scanner token is, if it is one (a quoted "end" is an identifier). */
const keyword = (tok: pg.ScanToken | undefined): string | undefined =>
  tok && tok.keywordName !== 'NO_KEYWORD' ? tok.text.toLowerCase() : undefined

/**
 * Split SQL text at top-level semicolons using the real scanner (so strings, comments and $$ bodies are
 * respected); a SQL-standard `BEGIN ATOMIC … END` function body stays within its statement.
 */
export const splitStatements = (text: string): ReadonlyArray<{ offset: number; text: string }> => {
  const source = new SourceMap(text, '')
  let tokens: ReadonlyArray<pg.ScanToken>
  try {
    tokens = pg.scanSync(text).tokens
  } catch {
    return [{ offset: 0, text }]
  }
  const out: { offset: number; text: string }[] = []
  let start = 0
  let depth = 0
  // open `BEGIN ATOMIC` bodies and the `CASE`s inside them: each closes with END
  let blocks = 0
  for (const [i, tok] of tokens.entries()) {
    const kw = keyword(tok)
    if (kw === 'begin' && keyword(tokens[i + 1]) === 'atomic') blocks++
    else if (blocks > 0 && kw === 'case') blocks++
    else if (blocks > 0 && kw === 'end') blocks--
    else if (tok.text === '(') depth++
    else if (tok.text === ')') depth = Math.max(0, depth - 1)
    else if (tok.text === ';' && depth === 0 && blocks === 0) {
      const end = source.fromByte(tok.end)
      const piece = text.slice(start, end)
      if (piece.trim() !== ';') out.push({ offset: start, text: piece })
      start = end
    }
  }
  if (text.slice(start).trim()) out.push({ offset: start, text: text.slice(start) })
  return out
}

/** Parse a single expression (as `SELECT <expr>`) and return its AST node. */
export const parseExpression = (text: string): Node => {
  const r = pg.parseSync(`SELECT ${text}`)
  const sel = r.stmts?.[0]?.stmt
  if (!sel || !('SelectStmt' in sel)) throw new Error(`not an expression: ${text}`)
  const target = sel.SelectStmt.targetList?.[0]
  if (!target || !('ResTarget' in target) || !target.ResTarget.val) throw new Error(`not an expression: ${text}`)
  return target.ResTarget.val
}

export const parseSyncRaw = (text: string) => pg.parseSync(text)
export const parsePlpgsqlSync = (text: string): unknown => pg.parsePlPgSQLSync(text)
