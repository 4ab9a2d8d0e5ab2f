/**
 * Applying a migration the way real apply tools do (psql -f without --single-transaction, the
 * future `pgcharter apply`): statement by statement, each in its own implicit transaction. This
 * matters for `ALTER TYPE … ADD VALUE`, whose new value cannot be used in the transaction that
 * added it. A failure names the statement: its position, its line in the script and its text.
 */
import { parseSyncRaw, splitStatements } from '../../src/parse/sql/parser.js'

/** A statement of a migration failed: which one, where, and the server's message. */
export class StatementError extends Error {
  constructor(
    /** 1-based position among the script's statements */
    readonly index: number,
    readonly count: number,
    /** 1-based line of the statement's first token in the script */
    readonly line: number,
    readonly statement: string,
    readonly cause: unknown,
  ) {
    super(`statement ${index}/${count} (line ${line}) failed: ${cause instanceof Error ? cause.message : String(cause)}\n  ${statement}`)
    this.name = 'StatementError'
  }
}

export interface ScriptStatement {
  /** the statement text, leading comments and blank lines removed, with its `;` */
  readonly text: string
  /** 1-based line of its first token in the script */
  readonly line: number
}

/** A piece that parses to no statement (only comments); a syntax error is not empty. */
const empty = (piece: string): boolean => {
  try {
    return (parseSyncRaw(piece).stmts ?? []).length === 0
  } catch {
    return false
  }
}

/**
 * The script cut at top-level semicolons (splitStatements keeps `BEGIN ATOMIC … END` bodies whole),
 * without the pieces that hold no statement (only comments). A piece with a syntax error stays
 * alone: the server reports it.
 */
const pieces = (script: string): ReadonlyArray<{ offset: number; text: string }> =>
  splitStatements(script).filter((p) => !empty(p.text))

/** Leading white space and `--` comment lines, which only shift the statement's first line. */
const LEADING = /^(?:\s|--[^\n]*(?:\n|$))*/

/** The statements of a script, in order, as the server is to run them (needs `ready()` first). */
export const scriptStatements = (script: string): ReadonlyArray<ScriptStatement> =>
  pieces(script).map((s) => {
    const lead = LEADING.exec(s.text)?.[0].length ?? 0
    const line = script.slice(0, s.offset + lead).split('\n').length
    return { text: s.text.slice(lead).trim(), line }
  })

/**
 * Run a script one statement at a time through `exec` (which must not open a transaction around
 * it); stops at the first failure with a StatementError.
 */
export const applyStatements = async (exec: (statement: string) => Promise<unknown>, script: string): Promise<number> => {
  const stmts = scriptStatements(script)
  for (const [i, s] of stmts.entries()) {
    try {
      await exec(s.text)
    } catch (e) {
      throw new StatementError(i + 1, stmts.length, s.line, s.text, e)
    }
  }
  return stmts.length
}
