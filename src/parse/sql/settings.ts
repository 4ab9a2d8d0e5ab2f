/** SET / RESET of the settings that matter offline: search_path and the current role. */
import type { Node, SelectStmt, VariableSetStmt } from '@pgsql/types'
import { argText, strings, type Ctx } from './util.js'

const DEFAULT_PATH = ['$user', 'public'] as const

/** Split a search_path string the way SplitIdentifierString does (unquoted names fold to lower case). */
export const parsePathString = (text: string): string[] => {
  const out: string[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++
    if (i >= text.length) break
    if (text[i] === '"') {
      let name = ''
      i++
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            name += '"'
            i += 2
            continue
          }
          i++
          break
        }
        name += text[i++]
      }
      out.push(name)
    } else {
      let name = ''
      while (i < text.length && text[i] !== ',') name += text[i++]
      out.push(name.trim().toLowerCase())
    }
  }
  return out
}

export const variableSet = (c: Ctx, n: VariableSetStmt): void => {
  const name = n.name ?? ''
  const reset = n.kind === 'VAR_RESET' || n.kind === 'VAR_SET_DEFAULT' || n.kind === 'VAR_RESET_ALL'
  if (name === 'search_path' || n.kind === 'VAR_RESET_ALL') {
    if (reset) c.st.searchPath = DEFAULT_PATH
    else if (n.kind === 'VAR_SET_VALUE') c.st.searchPath = (n.args ?? []).map((a) => argText(a) ?? '')
  }
  if (name === 'role' || name === 'session_authorization' || n.kind === 'VAR_RESET_ALL') {
    const value = reset ? undefined : argText(n.args?.[0])
    if (name === 'session_authorization') {
      c.st.sessionRole = value ?? c.st.sessionRole
      c.st.role = c.st.sessionRole
    } else c.st.role = value === undefined || value === 'none' ? c.st.sessionRole : value
  }
}

const isSetConfig = (n: Node | undefined): n is Extract<Node, { FuncCall: unknown }> =>
  n !== undefined && 'FuncCall' in n && strings(n.FuncCall.funcname).pop() === 'set_config'

/** SELECT pg_catalog.set_config('search_path', '…', false): sets the search path. Other SELECTs do nothing. */
export const selectStmt = (c: Ctx, n: SelectStmt): void => {
  for (const t of n.targetList ?? []) {
    if (!('ResTarget' in t)) continue
    const v = t.ResTarget.val
    if (!isSetConfig(v)) continue
    const [setting, value] = (v.FuncCall.args ?? []).map(argText)
    if (setting === 'search_path' && value !== undefined) c.st.searchPath = parsePathString(value)
  }
}

/** Hide psql meta-commands (lines starting with a backslash) and COPY … FROM stdin data, keeping offsets. */
export const stripMeta = (text: string): string => {
  if (!text.includes('\\')) return text
  const lines = text.split('\n')
  let inCopy = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (inCopy) {
      if (line.startsWith('\\.')) inCopy = false
      lines[i] = ' '.repeat(line.length)
    } else if (line.startsWith('\\')) lines[i] = ' '.repeat(line.length)
    else if (/^COPY\b.*\bFROM\s+stdin\b.*;\s*$/i.test(line)) inCopy = true
  }
  return lines.join('\n')
}
