/**
 * Implicit object names exactly as PostgreSQL chooses them (makeObjectName, ChooseRelationName,
 * ChooseConstraintName, ChooseIndexColumnNames, FigureIndexColname in the server sources).
 */
import type { Node } from '@pgsql/types'

const NAMEDATALEN = 64
const MAX = NAMEDATALEN - 1
const enc = new TextEncoder()

const byteLength = (s: string): number => {
  // fast path for ASCII
  let ascii = true
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) { ascii = false; break }
  return ascii ? s.length : enc.encode(s).length
}

/** Longest prefix of `s` of at most `bytes` UTF-8 bytes that does not split a character (pg_mbcliplen). */
export const clipBytes = (s: string, bytes: number): string => {
  if (byteLength(s) <= bytes) return s
  let n = 0
  let out = ''
  for (const ch of s) {
    const b = byteLength(ch)
    if (n + b > bytes) break
    n += b
    out += ch
  }
  return out
}

/** Truncate an identifier to NAMEDATALEN-1 bytes, as the scanner does. */
export const truncateIdent = (s: string): string => clipBytes(s, MAX)

/**
 * makeObjectName(name1, name2, label): `name1_name2_label`, shortening the longer of name1/name2
 * first until the whole fits in 63 bytes.
 */
export const makeObjectName = (name1: string, name2: string | undefined, label: string | undefined): string => {
  let overhead = 0
  if (label !== undefined) overhead += byteLength(label) + 1
  let name1chars = byteLength(name1)
  let name2chars = name2 !== undefined ? byteLength(name2) : 0
  if (name2 !== undefined) overhead += 1
  const avail = MAX - overhead
  while (name1chars + name2chars > avail) {
    if (name1chars > name2chars) name1chars--
    else name2chars--
  }
  const n1 = clipBytes(name1, name1chars)
  const parts = [n1]
  if (name2 !== undefined) parts.push(clipBytes(name2, name2chars))
  if (label !== undefined) parts.push(label)
  return parts.join('_')
}

/**
 * ChooseRelationName / ChooseConstraintName: the first of `label`, `label1`, `label2`, … whose
 * resulting name is not taken.
 */
export const chooseName = (
  name1: string,
  name2: string | undefined,
  label: string,
  taken: (name: string) => boolean,
): string => {
  let candidate = makeObjectName(name1, name2, label)
  for (let pass = 1; taken(candidate); pass++) candidate = makeObjectName(name1, name2, `${label}${pass}`)
  return candidate
}

/** ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: names joined with `_`, stopping past 63 bytes. */
export const nameAddition = (names: ReadonlyArray<string>): string => {
  let buf = ''
  for (const name of names) {
    if (buf.length > 0) buf += '_'
    buf += clipBytes(name, MAX)
    if (byteLength(buf) >= NAMEDATALEN) break
  }
  return buf
}

/** ChooseIndexColumnNames: de-duplicate column names of an index by appending 1, 2, … */
export const indexColumnNames = (orig: ReadonlyArray<string>): ReadonlyArray<string> => {
  const out: string[] = []
  const seen = new Set<string>()
  for (const name of orig) {
    let cur = name
    for (let i = 1; seen.has(cur); i++) {
      const suffix = String(i)
      cur = clipBytes(name, MAX - suffix.length) + suffix
    }
    seen.add(cur)
    out.push(cur)
  }
  return out
}

const SQL_VALUE_NAMES: Readonly<Record<string, string>> = {
  SVFOP_CURRENT_DATE: 'current_date',
  SVFOP_CURRENT_TIME: 'current_time',
  SVFOP_CURRENT_TIME_N: 'current_time',
  SVFOP_CURRENT_TIMESTAMP: 'current_timestamp',
  SVFOP_CURRENT_TIMESTAMP_N: 'current_timestamp',
  SVFOP_LOCALTIME: 'localtime',
  SVFOP_LOCALTIME_N: 'localtime',
  SVFOP_LOCALTIMESTAMP: 'localtimestamp',
  SVFOP_LOCALTIMESTAMP_N: 'localtimestamp',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_USER: 'user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
  SVFOP_CURRENT_SCHEMA: 'current_schema',
}

const lastString = (names: ReadonlyArray<Node> | undefined): string | undefined => {
  const last = names?.[names.length - 1]
  return last && 'String' in last ? last.String.sval : undefined
}

/** FigureColnameInternal: [strength, name]; strength 0 means no name. */
const figure = (node: Node | undefined): [number, string | undefined] => {
  if (!node) return [0, undefined]
  if ('ColumnRef' in node) {
    const name = lastString(node.ColumnRef.fields)
    return name !== undefined ? [2, name] : [0, undefined]
  }
  if ('FuncCall' in node) return [2, lastString(node.FuncCall.funcname)]
  if ('TypeCast' in node) {
    const [s, n] = figure(node.TypeCast.arg)
    if (s <= 1) {
      const t = lastString(node.TypeCast.typeName?.names)
      return t !== undefined ? [1, t] : [s, n]
    }
    return [s, n]
  }
  if ('CollateClause' in node) return figure(node.CollateClause.arg)
  if ('A_Expr' in node) return node.A_Expr.kind === 'AEXPR_NULLIF' ? [2, 'nullif'] : [0, undefined]
  if ('CoalesceExpr' in node) return [2, 'coalesce']
  if ('MinMaxExpr' in node) return [2, node.MinMaxExpr.op === 'IS_GREATEST' ? 'greatest' : 'least']
  if ('A_ArrayExpr' in node) return [2, 'array']
  if ('CaseExpr' in node) return [1, 'case']
  if ('RowExpr' in node) return [2, 'row']
  if ('SQLValueFunction' in node) {
    const n = SQL_VALUE_NAMES[node.SQLValueFunction.op ?? '']
    return n ? [2, n] : [0, undefined]
  }
  return [0, undefined]
}

/** FigureIndexColname: the name an index expression contributes to the index name (`expr` when none). */
export const indexExprColname = (node: Node): string => {
  const [strength, name] = figure(node)
  return strength > 1 && name !== undefined ? name : 'expr'
}

/** FigureColname: the output column name of a select target without alias (`?column?` when none). */
export const targetColname = (node: Node | undefined): string => {
  const [strength, name] = figure(node)
  return strength > 0 && name !== undefined ? name : '?column?'
}
