/**
 * Roles and memberships: ALTER ROLE with the attributes that change, per-role settings
 * (SET / RESET per (IN DATABASE, name)), and the options of a membership.
 */
import type { Change, RoleAttributes } from '../ir/change.js'
import type { Membership, Role, RoleSetting } from '../ir/objects.js'

const FLAGS = ['superuser', 'createDb', 'createRole', 'inherit', 'login', 'replication', 'bypassRls'] as const

/** ALTER ROLE … WITH the attributes that differ; a VALID UNTIL that goes away becomes `infinity`. */
export const alterRoleChanges = (r0: Role, r1: Role): Change[] => {
  const attrs: { -readonly [K in keyof RoleAttributes]: RoleAttributes[K] } = {}
  for (const k of FLAGS) if (r0[k] !== r1[k]) attrs[k] = r1[k]
  if (r0.connectionLimit !== r1.connectionLimit) attrs.connectionLimit = r1.connectionLimit
  const until0 = r0.validUntil ?? 'infinity'
  const until1 = r1.validUntil ?? 'infinity'
  if (until0 !== until1) attrs.validUntil = until1
  return Object.keys(attrs).length ? [{ kind: 'AlterRole', name: r1.name, attributes: attrs, summary: `modify role "${r1.name}"` }] : []
}

const settingKey = (s: RoleSetting): string => `${s.inDatabase ? 1 : 0}\u0000${s.name}`

/** SET / RESET statements that take one list of settings to the other: resets first, both in (IN DATABASE, name) order. */
export const roleSettingChanges = (role: string, s0: ReadonlyArray<RoleSetting>, s1: ReadonlyArray<RoleSetting>): Change[] => {
  const m0 = new Map(s0.map((s) => [settingKey(s), s]))
  const m1 = new Map(s1.map((s) => [settingKey(s), s]))
  const order = (a: RoleSetting, b: RoleSetting): number => (settingKey(a) < settingKey(b) ? -1 : settingKey(a) > settingKey(b) ? 1 : 0)
  const resets: Change[] = [...s0]
    .filter((s) => !m1.has(settingKey(s)))
    .sort(order)
    .map((s) => ({ kind: 'RoleSetting', role, name: s.name, inDatabase: s.inDatabase, summary: `reset ${s.name} for role "${role}"` }))
  const sets: Change[] = [...s1]
    .filter((s) => m0.get(settingKey(s))?.value !== s.value)
    .sort(order)
    .map((s) => ({ kind: 'RoleSetting', role, name: s.name, inDatabase: s.inDatabase, value: s.value, summary: `set ${s.name} for role "${role}"` }))
  return [...resets, ...sets]
}

/** Every change that takes a role to another version of itself (comments are left to meta.ts). */
export const roleChanges = (r0: Role, r1: Role): Change[] => [
  ...alterRoleChanges(r0, r1),
  ...roleSettingChanges(r1.name, r0.settings ?? [], r1.settings ?? []),
]

/** The role as CREATE ROLE makes it: its settings follow as RoleSetting changes, its comment as a Comment. */
export const createdRole = (r: Role): { readonly role: Role; readonly after: Change[] } => {
  const { settings, ...rest } = r
  return { role: rest, after: roleSettingChanges(r.name, [], settings ?? []) }
}

/** ADMIN / INHERIT / SET options of a membership that exists on both sides. */
export const membershipChanges = (m0: Membership, m1: Membership): Change[] =>
  m0.admin === m1.admin && m0.inherit === m1.inherit && m0.set === m1.set
    ? []
    : [{ kind: 'AlterMembership', from: m0, to: m1, summary: `modify membership of "${m1.member}" in "${m1.role}"` }]
