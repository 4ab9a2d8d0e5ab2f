import type { Diagnostic } from '../ir/span.js'

/**
 * Passwords never reach the terminal: the literal after PASSWORD (plain, E'', or dollar-quoted,
 * possibly on the next line) is shown as '<sensitive>'. Applied to a whole source before its lines
 * are quoted under a diagnostic.
 */
const PASSWORD_LITERAL = /\b(PASSWORD\s+)(E'(?:[^'\\]|\\[\s\S]|'')*'|'(?:[^']|'')*'|\$([A-Za-z_][A-Za-z_0-9]*)?\$[\s\S]*?\$\3\$)/gi
export const maskPasswords = (text: string): string =>
  text.replace(PASSWORD_LITERAL, (_m, kw: string, lit: string) => `${kw}'<sensitive>'${'\n'.repeat((lit.match(/\n/g) ?? []).length)}`)

/**
 * Compiler-style rendering: `file:line:col: error CODE: message`, then the source line and a caret.
 * `sources` maps a file name to its text, so the line can be shown.
 */
const formatDiagnostic = (d: Diagnostic, sources: ReadonlyMap<string, ReadonlyArray<string>>): string => {
  const head = `${d.severity} ${d.code}: ${d.message}`
  if (!d.span) return head
  const { file, line, column } = d.span
  const parts = [`${file}:${line}:${column}: ${head}`]
  const lines = sources.get(file)
  if (lines !== undefined) {
    const src = lines[line - 1]
    if (src !== undefined) {
      const shown = src.replace(/\t/g, ' ').replace(/\r$/, '')
      parts.push(`  ${shown}`, `  ${' '.repeat(Math.max(0, column - 1))}^`)
    }
  }
  return parts.join('\n')
}

export const formatDiagnostics = (ds: ReadonlyArray<Diagnostic>, sources: ReadonlyMap<string, string>): string => {
  // each file masked and split once, and only the files a diagnostic points into
  const lines = new Map<string, ReadonlyArray<string>>()
  for (const d of ds) {
    const f = d.span?.file
    const text = f === undefined ? undefined : sources.get(f)
    if (f !== undefined && text !== undefined && !lines.has(f)) lines.set(f, maskPasswords(text).split('\n'))
  }
  return ds.map((d) => formatDiagnostic(d, lines)).join('\n')
}
