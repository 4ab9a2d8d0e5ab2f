/** Role attributes of CREATE / ALTER ROLE options, and VALID UNTIL in the server's printed form. */
import type { DefElem, Node } from '@pgsql/types'
import type { Role } from '../../ir/objects.js'
import { argText, type Ctx } from './util.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
export type RoleDraft = Mutable<Role>

/** The boolean attributes by their DefElem name (as gram.y spells them). */
const BOOLEAN_ATTRS = {
  superuser: 'superuser',
  createdb: 'createDb',
  createrole: 'createRole',
  canlogin: 'login',
  inherit: 'inherit',
  isreplication: 'replication',
  bypassrls: 'bypassRls',
} as const satisfies Record<string, keyof Role>

export const PASSWORD_WARNING = 'password in SQL file: it is not kept; set it at apply time from the environment'

/** Membership clauses of CREATE ROLE (IN ROLE, ROLE, ADMIN) and ALTER GROUP (ADD/DROP USER). */
export interface MemberClauses {
  readonly inRoles: ReadonlyArray<Node>
  readonly members: ReadonlyArray<Node>
  readonly admins: ReadonlyArray<Node>
}

const bool = (d: DefElem): boolean => {
  const v = argText(d.arg)
  return v === undefined || ['true', 'on', '1', 'yes'].includes(v.toLowerCase())
}

const listOf = (n: Node | undefined): ReadonlyArray<Node> => (n && 'List' in n ? (n.List.items ?? []) : n ? [n] : [])

/** Apply attribute options to a draft; returns the membership clauses for the caller. */
export const applyRoleOptions = (c: Ctx, r: RoleDraft, options: ReadonlyArray<Node> | undefined): MemberClauses => {
  const inRoles: Node[] = []
  const members: Node[] = []
  const admins: Node[] = []
  for (const n of options ?? []) {
    if (!('DefElem' in n)) continue
    const d = n.DefElem
    const name = d.defname ?? ''
    if (name in BOOLEAN_ATTRS) {
      r[BOOLEAN_ATTRS[name as keyof typeof BOOLEAN_ATTRS]] = bool(d)
      continue
    }
    switch (name) {
      case 'connectionlimit':
        r.connectionLimit = Number(argText(d.arg) ?? '-1')
        break
      case 'validUntil': {
        const v = argText(d.arg) ?? ''
        const canon = canonicalValidUntil(v)
        if (canon === undefined) c.st.warn('W-VALID-UNTIL', `VALID UNTIL '${v}' is not an ISO timestamp; kept as written`, c.span)
        // 'infinity' is no limit at all: the same state as no VALID UNTIL, so it is not stored
        if (canon === 'infinity') delete r.validUntil
        else r.validUntil = canon ?? v
        break
      }
      case 'password':
        // never echo the value: only its presence matters
        if (d.arg !== undefined) c.st.warn('W-PASSWORD', PASSWORD_WARNING, c.span)
        break
      case 'addroleto':
        inRoles.push(...listOf(d.arg))
        break
      case 'rolemembers':
        members.push(...listOf(d.arg))
        break
      case 'adminmembers':
        admins.push(...listOf(d.arg))
        break
      case 'sysid':
        break // ignored by the server too
      default:
        c.st.warn('W-UNSUPPORTED', `role option ${name} is not supported; ignored`, c.span)
    }
  }
  return { inRoles, members, admins }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

const ISO =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/i

/**
 * `rolvaliduntil` as the server prints it with TimeZone UTC (`2030-01-01 00:00:00+00`,
 * `2030-06-01 12:30:00.5+00`, `infinity`); a timestamp without zone is taken as UTC. Undefined for
 * input that is not an ISO date or timestamp.
 */
export const canonicalValidUntil = (text: string): string | undefined => {
  const t = text.trim().toLowerCase()
  if (t === 'infinity' || t === '+infinity' || t === '-infinity') return t.replace('+', '')
  if (t === 'epoch') return '1970-01-01 00:00:00+00'
  const m = ISO.exec(text)
  if (!m) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = ''] = m
  let offsetMin = 0
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
  if (z) offsetMin = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? '0'))
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return undefined
  const at = new Date(ms - offsetMin * 60000)
  const fraction = frac.replace(/0+$/, '').slice(0, 7)
  const date = `${pad(at.getUTCFullYear(), 4)}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`
  return `${date} ${time}${fraction === '.' ? '' : fraction}+00`
}

/** A new role with the server's defaults (CREATE USER logs in by default). */
export const newRole = (name: string, login: boolean): RoleDraft => ({
  kind: 'Role',
  name,
  superuser: false,
  createDb: false,
  createRole: false,
  inherit: true,
  login,
  replication: false,
  bypassRls: false,
  connectionLimit: -1,
})
