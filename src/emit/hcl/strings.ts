/**
 * HCL text forms: quoted strings, heredocs, identifiers and keywords. Every string the emitter
 * prints goes through `quoted` or `heredoc`, so a name or an expression can never break out of
 * its literal or start a template (`${` → `$${`, `%{` → `%%{`).
 */

/** Template sequences, escaped in quoted strings and heredocs alike. */
const escapeTemplates = (s: string): string => s.replace(/[$%]\{/g, (m) => `${m[0] as string}${m}`)

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' } as const

/** A quoted HCL string literal. Control characters other than \n \r \t become \uNNNN. */
export const quoted = (s: string): string =>
  `"${escapeTemplates(s).replace(/[\\"\n\r\t]|[\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`

/** An HCL identifier usable in a traversal (`table.users`); kept to ASCII and without `-`. */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/
export const isIdentifier = (s: string): boolean => IDENT.test(s)

/**
 * Can `text` be a heredoc whose value is exactly `text`? A heredoc's value is whole lines, so the
 * text must end with a newline; `<<-` strips the smallest indentation of the non-blank lines, so
 * some line must start in column 0 (then exactly the indentation the emitter adds is stripped);
 * whitespace-only lines are left alone by `<<-`, so there must be none; no CR or other controls.
 */
export const fitsHeredoc = (text: string): boolean => {
  if (!text.endsWith('\n') || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return false
  const lines = text.slice(0, -1).split('\n')
  // one line: a quoted string reads better
  if (lines.length < 2) return false
  if (lines.some((l) => l !== '' && /^\s*$/.test(l))) return false
  return lines.some((l) => l !== '' && !/^\s/.test(l))
}

/** A delimiter that no line of the text equals (after trimming, as the closing line is read). */
const delimiter = (text: string): string => {
  const lines = new Set(text.split('\n').map((l) => l.trim()))
  if (!lines.has('SQL')) return 'SQL'
  for (let i = 1; ; i++) if (!lines.has(`SQL${i}`)) return `SQL${i}`
}

/**
 * `<<-SQL` heredoc of a text for which `fitsHeredoc` holds. The body lines are indented by two
 * spaces relative to the attribute (the printer adds the block's indentation); empty lines stay
 * empty.
 */
export const heredoc = (text: string): string => {
  const d = delimiter(text)
  const body = escapeTemplates(text.slice(0, -1))
    .split('\n')
    .map((l) => (l === '' ? '' : `  ${l}`))
  return [`<<-${d}`, ...body, d].join('\n')
}

/** Text as a heredoc when it fits one exactly, else a quoted string. */
export const text = (s: string): string => (fitsHeredoc(s) ? heredoc(s) : quoted(s))

/**
 * SQL that the loader parses again (view queries, expressions): whitespace outside literals does
 * not matter there, so a multi-line text gets the final newline a heredoc needs.
 */
export const sqlTextValue = (s: string): string => (s.includes('\n') && !s.endsWith('\n') && fitsHeredoc(`${s}\n`) ? heredoc(`${s}\n`) : text(s))

/** `sql("…")`: raw SQL (defaults, non-keyword types). */
export const sqlCall = (s: string): string => `sql(${quoted(s)})`

/** An HCL list of already-formatted items, on one line. */
export const list = (items: ReadonlyArray<string>): string => `[${items.join(', ')}]`

export const bool = (b: boolean): string => (b ? 'true' : 'false')

/** A number given as decimal text (exact, any size): printed as is. */
export const num = (s: string): string => s
