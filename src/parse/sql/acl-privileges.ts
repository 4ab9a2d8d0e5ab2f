/** The privilege list of a GRANT/REVOKE: object-level privileges and column lists. */
import type { Node } from '@pgsql/types'
import type { Privilege } from '../../ir/objects.js'
import { strings, type Ctx } from './util.js'

const NAMES: Readonly<Record<string, Privilege>> = {
  select: 'SELECT',
  insert: 'INSERT',
  update: 'UPDATE',
  delete: 'DELETE',
  truncate: 'TRUNCATE',
  references: 'REFERENCES',
  trigger: 'TRIGGER',
  execute: 'EXECUTE',
  usage: 'USAGE',
  create: 'CREATE',
  temporary: 'TEMPORARY',
  temp: 'TEMPORARY',
  connect: 'CONNECT',
  maintain: 'MAINTAIN',
} as const

export interface ColumnPrivileges {
  /** 'ALL' for ALL [PRIVILEGES] (col, …) */
  readonly privilege: Privilege | 'ALL'
  readonly columns: ReadonlyArray<string>
}

export interface PrivilegeList {
  /** object-level privileges; 'ALL' for ALL [PRIVILEGES] (no list at all in the AST) */
  readonly object: ReadonlyArray<Privilege> | 'ALL'
  readonly columns: ReadonlyArray<ColumnPrivileges>
}

/** Parse AccessPriv nodes; undefined (with an error) on an unknown privilege name. */
export const privilegeList = (c: Ctx, nodes: ReadonlyArray<Node> | undefined): PrivilegeList | undefined => {
  if (!nodes?.length) return { object: 'ALL', columns: [] }
  const object: Privilege[] = []
  const columns: ColumnPrivileges[] = []
  for (const n of nodes) {
    if (!('AccessPriv' in n)) continue
    const ap = n.AccessPriv
    const name = ap.priv_name
    const p = name === undefined ? 'ALL' : NAMES[name]
    if (p === undefined) {
      c.st.error('E-INVALID-PRIVILEGE', `unrecognized privilege type "${name ?? ''}"`, c.span)
      return undefined
    }
    if (ap.cols?.length) columns.push({ privilege: p, columns: strings(ap.cols) })
    else if (p !== 'ALL' && !object.includes(p)) object.push(p)
  }
  return { object, columns }
}
