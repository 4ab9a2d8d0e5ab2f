/**
 * `parseHcl`: HCL native syntax text → the syntax tree of syntax.ts, or every syntax diagnostic
 * of the file (E-HCL-SYNTAX, sorted, at most one per line: the first problem of a line is the one
 * worth reading, later ones on it are usually its consequences). Pure: text and file name in.
 */
import * as E from 'fp-ts/lib/Either.js'
import { diagnostic, type Diagnostic, type Span } from '../../ir/span.js'
import { lex } from './lexer.js'
import { layout } from './parse-layout.js'
import { tokenSpan } from './parse-nodes.js'
import { parseTokens } from './parser.js'
import type { Body } from './syntax.js'

const CODE = 'E-HCL-SYNTAX'

/** the position just after the last character, for errors at the end of the file */
const endOf = (text: string, file: string): Span => {
  const lastNl = text.lastIndexOf('\n')
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++
  return { file, line, column: text.length - lastNl, offset: text.length, length: 0 }
}

/** the recursive-descent parser runs out of stack only on absurd nesting: a diagnostic, not a throw */
const parseNested = (tokens: Parameters<typeof parseTokens>[0], source: string, file: string): ReturnType<typeof parseTokens> | undefined => {
  try {
    return parseTokens(tokens, source, file)
  } catch (e) {
    if (e instanceof RangeError) return undefined
    throw e
  }
}

export const parseHcl = (text: string, file: string): E.Either<ReadonlyArray<Diagnostic>, Body> => {
  // a byte-order mark is not content; a space keeps every offset
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text
  const lexed = lex(source)
  const laid = layout(lexed.tokens)
  const parsed = parseNested(laid.tokens, source, file)
  if (parsed === undefined) return E.left([diagnostic('error', CODE, 'expressions or blocks nested too deeply to parse', { file, line: 1, column: 1 })])
  const found: Diagnostic[] = []
  for (const e of lexed.errors) {
    found.push(diagnostic('error', CODE, e.message, {
      file, line: e.line ?? 0, column: e.column ?? 0, offset: e.offset, length: e.length,
    }))
  }
  for (const p of laid.problems) found.push(diagnostic('error', CODE, p.message, tokenSpan(file, p.token)))
  for (const p of parsed.problems) found.push(diagnostic('error', CODE, p.message, p.span))
  for (const e of parsed.errors) {
    const span = Number.isNaN(e.token.startOffset) || e.token.startLine === undefined || Number.isNaN(e.token.startLine)
      ? endOf(source, file)
      : tokenSpan(file, e.token)
    found.push(diagnostic('error', CODE, e.message, span))
  }
  if (found.length === 0) return E.right(parsed.body)
  found.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0))
  const lines = new Set<number>()
  return E.left(found.filter((d) => {
    const line = d.span?.line ?? 0
    if (lines.has(line)) return false
    lines.add(line)
    return true
  }))
}
