/**
 * Templates after the grammar: the parser collects a flat list of pieces (text, `${…}`, and the
 * `%{…}` directive markers); this file decodes escapes, applies the `~` strip markers and the
 * `<<-` de-indentation the way HCL does (strip first, then the smallest common indentation of the
 * lines, blank lines not counted), then nests `%{if}`/`%{for}` and merges adjacent text.
 */
import type { Span } from '../../ir/span.js'
import { join } from './parse-nodes.js'
import type { Expr, TemplatePart } from './syntax.js'

interface Marks {
  readonly span: Span
  readonly stripBefore: boolean
  readonly stripAfter: boolean
}

export type Piece =
  | { kind: 'text'; value: string; span: Span }
  | (Marks & { readonly kind: 'interp'; readonly expr: Expr })
  | (Marks & { readonly kind: 'if'; readonly cond: Expr })
  | (Marks & { readonly kind: 'for'; readonly key?: string; readonly value: string; readonly collection: Expr })
  | (Marks & { readonly kind: 'else' | 'endif' | 'endfor' })

export type Report = (message: string, span: Span) => void

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' } as const

const at = (span: Span, i: number, length: number): Span => ({ ...span, column: span.column + i, offset: (span.offset ?? 0) + i, length })

/** A quoted string's text: backslash escapes, `$${` and `%%{`. */
export const decodeQuoted = (raw: string, span: Span, report: Report): string => {
  if (!raw.includes('\\') && !raw.includes('${') && !raw.includes('%{')) return raw
  const out: string[] = []
  let from = 0
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if ((c === '$' || c === '%') && raw[i + 1] === c && raw[i + 2] === '{') {
      out.push(raw.slice(from, i + 1))
      from = i + 2
      i += 2
    } else if (c === '\\') {
      out.push(raw.slice(from, i))
      const e = raw[i + 1] ?? ''
      const simple = SIMPLE_ESCAPES[e]
      if (simple !== undefined) {
        out.push(simple)
        i += 1
      } else if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8
        const hex = raw.slice(i + 2, i + 2 + n)
        const code = /^[0-9A-Fa-f]+$/.test(hex) && hex.length === n ? parseInt(hex, 16) : NaN
        if (Number.isNaN(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          report(`invalid unicode escape '\\${e}${hex}': expected ${n} hexadecimal digits of a code point`, at(span, i, 2 + hex.length))
        } else out.push(String.fromCodePoint(code))
        i += 1 + hex.length
      } else {
        report(`invalid escape sequence '\\${e}' (allowed: \\n \\r \\t \\" \\\\ \\uXXXX \\UXXXXXXXX)`, at(span, i, 2))
        i += 1
      }
      from = i + 1
    }
  }
  out.push(raw.slice(from))
  return out.join('')
}

/** A heredoc line: no backslash escapes, only `$${`, `%%{`, and CRLF read as LF. */
export const decodeHeredoc = (raw: string): string =>
  raw.includes('${') || raw.includes('%{') || raw.includes('\r')
    ? raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{').replace(/\r\n$/, '\n')
    : raw

const LEADING_WS = /^\s+/
const TRAILING_WS = /\s+$/

const strip = (pieces: Piece[]): void => {
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]
    if (p === undefined || p.kind === 'text') continue
    const before = pieces[i - 1]
    const after = pieces[i + 1]
    if (p.stripBefore && before?.kind === 'text') before.value = before.value.replace(TRAILING_WS, '')
    if (p.stripAfter && after?.kind === 'text') after.value = after.value.replace(LEADING_WS, '')
  }
}

const leadingSpaces = (s: string): number => {
  let n = 0
  while (n < s.length && (s[n] === ' ' || s[n] === '\t')) n++
  return n
}

/** `<<-`: remove the smallest indentation of the non-blank lines from every line */
const flush = (pieces: Piece[]): void => {
  let min = Number.MAX_SAFE_INTEGER
  let lineStart = true
  const adjust: Array<Piece & { kind: 'text' }> = []
  for (const p of pieces) {
    if (lineStart) {
      lineStart = false
      if (p.kind === 'text') {
        const n = leadingSpaces(p.value)
        const blank = p.value.slice(n) === '\n'
        if (!blank) {
          min = Math.min(min, n)
          adjust.push(p)
        }
      } else min = 0
    }
    if (p.kind === 'text' && p.value.endsWith('\n')) lineStart = true
  }
  if (min === 0 || min === Number.MAX_SAFE_INTEGER) return
  for (const p of adjust) {
    p.value = p.value.slice(min)
    p.span = { ...p.span, column: p.span.column + min, offset: (p.span.offset ?? 0) + min, length: Math.max(0, (p.span.length ?? 0) - min) }
  }
}

type Closer = 'else' | 'endif' | 'endfor'

/** nests directives; `stop` lists the closers the caller is waiting for */
const nest = (
  pieces: ReadonlyArray<Piece>,
  i: { n: number },
  stop: ReadonlyArray<Closer>,
  report: Report,
): TemplatePart[] => {
  const out: TemplatePart[] = []
  const pushText = (value: string, span: Span): void => {
    if (value === '') return
    const prev = out[out.length - 1]
    if (prev !== undefined && prev.kind === 'Text') out[out.length - 1] = { kind: 'Text', value: prev.value + value, span: join(prev.span, span) }
    else out.push({ kind: 'Text', value, span })
  }
  while (i.n < pieces.length) {
    const p = pieces[i.n]
    if (p === undefined) break
    if (p.kind === 'else' || p.kind === 'endif' || p.kind === 'endfor') {
      if (stop.includes(p.kind)) return out
      report(`unexpected %{${p.kind}}: no matching %{${p.kind === 'endfor' ? 'for' : 'if'}}`, p.span)
      i.n++
      continue
    }
    i.n++
    if (p.kind === 'text') pushText(p.value, p.span)
    else if (p.kind === 'interp') out.push({ kind: 'Interpolation', expr: p.expr, span: p.span })
    else if (p.kind === 'if') {
      const then = nest(pieces, i, ['else', 'endif'], report)
      let otherwise: TemplatePart[] = []
      if (pieces[i.n]?.kind === 'else') {
        i.n++
        otherwise = nest(pieces, i, ['endif'], report)
      }
      const end = pieces[i.n]
      if (end?.kind === 'endif') i.n++
      else report('unclosed %{if}: expected %{endif}', p.span)
      out.push({ kind: 'If', cond: p.cond, then, else: otherwise, span: join(p.span, end?.span ?? p.span) })
    } else if (p.kind === 'for') {
      const body = nest(pieces, i, ['endfor'], report)
      const end = pieces[i.n]
      if (end?.kind === 'endfor') i.n++
      else report('unclosed %{for}: expected %{endfor}', p.span)
      const head = p.key === undefined ? { value: p.value } : { key: p.key, value: p.value }
      out.push({ kind: 'For', ...head, collection: p.collection, body, span: join(p.span, end?.span ?? p.span) })
    }
  }
  return out
}

export const templateParts = (pieces: Piece[], indented: boolean, report: Report): ReadonlyArray<TemplatePart> => {
  strip(pieces)
  if (indented) flush(pieces)
  return nest(pieces, { n: 0 }, [], report)
}
