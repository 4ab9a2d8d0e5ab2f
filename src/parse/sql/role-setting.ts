/** ALTER ROLE r [IN DATABASE d] SET / RESET: Role.settings as pg_db_role_setting stores them. */
import type { AlterRoleSetStmt, VariableSetStmt } from '@pgsql/types'
import { quoteIdent } from '../../ir/names.js'
import type { RoleSetting } from '../../ir/objects.js'
import { LIST_QUOTE_SETTINGS } from '../../ir/settings.js'
import { argText, at, roleName, type Ctx } from './util.js'
import { roleNotDropped } from './role-refs.js'

/** The GUCs whose canonical names are not lower case (setconfig stores the canonical name). */
const MIXED_CASE_GUCS = { datestyle: 'DateStyle', intervalstyle: 'IntervalStyle', timezone: 'TimeZone' } as const

const gucName = (name: string): string => MIXED_CASE_GUCS[name as keyof typeof MIXED_CASE_GUCS] ?? name

/** The value as setconfig stores it (flatten_set_variable_args): items joined by `, `, list GUCs quoted as identifiers. */
const valueOf = (v: VariableSetStmt): string => {
  const items = (v.args ?? []).map((a) => argText(a) ?? '')
  return (LIST_QUOTE_SETTINGS.has(v.name ?? '') ? items.map(quoteIdent) : items).join(', ')
}

const order = (a: RoleSetting, b: RoleSetting): number =>
  Number(a.inDatabase) - Number(b.inDatabase) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

export const alterRoleSet = (c: Ctx, n: AlterRoleSetStmt): void => {
  const set = n.setstmt
  if (!set) return
  if (!n.role) {
    c.st.warn('W-ROLE-ALL', 'ALTER ROLE ALL … SET changes every role of the cluster; statement skipped', c.span)
    return
  }
  const name = roleName(c.st, n.role)
  if (!roleNotDropped(c, name, at(c, n.role.location))) return
  const role = c.st.roles.get(name)
  if (!role) {
    c.st.warn('W-EXTERNAL-ROLE', `role "${name}" is not declared in the files (external): its settings are not managed; statement skipped`, c.span)
    return
  }
  const inDatabase = n.database !== undefined
  const mine = (s: RoleSetting): boolean => s.inDatabase === inDatabase
  const key = gucName(set.name ?? '')
  let settings = [...(role.settings ?? [])]
  switch (set.kind) {
    case 'VAR_SET_VALUE':
      settings = [...settings.filter((s) => !(mine(s) && s.name === key)), { name: key, value: valueOf(set), inDatabase }]
      break
    case 'VAR_RESET':
    case 'VAR_SET_DEFAULT':
      settings = settings.filter((s) => !(mine(s) && s.name === key))
      break
    case 'VAR_RESET_ALL':
      settings = settings.filter((s) => !mine(s))
      break
    case 'VAR_SET_CURRENT':
      c.st.warn('W-UNSUPPORTED', `SET ${key} FROM CURRENT cannot be evaluated offline; statement skipped`, c.span)
      return
    default:
      c.st.warn('W-UNSUPPORTED', `ALTER ROLE … ${set.kind ?? 'SET'} is not supported; statement skipped`, c.span)
      return
  }
  const { settings: _old, ...rest } = role
  c.st.roles.set(name, settings.length ? { ...rest, settings: settings.sort(order) } : rest)
}
