import type { Diagnostic } from '../ir/span.js'

/**
 * Compiler-style rendering: `file:line:col: error CODE: message`, then the source line and a caret.
 * `sources` maps a file name to its text, so the line can be shown.
 */
export const formatDiagnostic = (d: Diagnostic, sources: ReadonlyMap<string, string>): string => {
  const head = `${d.severity} ${d.code}: ${d.message}`
  if (!d.span) return head
  const { file, line, column } = d.span
  const parts = [`${file}:${line}:${column}: ${head}`]
  const text = sources.get(file)
  if (text !== undefined) {
    const src = text.split('\n')[line - 1]
    if (src !== undefined) {
      const shown = src.replace(/\t/g, ' ').replace(/\r$/, '')
      parts.push(`  ${shown}`, `  ${' '.repeat(Math.max(0, column - 1))}^`)
    }
  }
  return parts.join('\n')
}

export const formatDiagnostics = (ds: ReadonlyArray<Diagnostic>, sources: ReadonlyMap<string, string>): string =>
  ds.map((d) => formatDiagnostic(d, sources)).join('\n')
