/**
 * ALTER DEFAULT PRIVILEGES as SQL: the DefaultPrivileges change, and the Create / Drop of a whole
 * pg_default_acl entry (DefaultAcl object), which is the list of statements taking the entry from
 * what exists without it (global: the built-in default; per schema: nothing) to its ACL and back.
 */
import type { Change } from '../ir/change.js'
import type { PgVersion } from '../ir/catalog.js'
import { quoteIdent } from '../ir/names.js'
import type { Acl, DefaultAcl, DefaultAclObjectType, Privilege } from '../ir/objects.js'
import { aclDefault, aclKindOfObjectType, PRIVILEGE_ORDER } from '../normalize/acl.js'
import { commentName, privilegeList, roleSql } from './sql-acl.js'

type DefaultPrivilegesChange = Extract<Change, { kind: 'DefaultPrivileges' }>

/** One ALTER DEFAULT PRIVILEGES step (the fields of the DefaultPrivileges change that make its SQL). */
export interface DefaultStep {
  readonly role: string
  readonly schema: string
  readonly objectType: DefaultAclObjectType
  readonly action: 'grant' | 'revoke'
  readonly grantee: string
  readonly privileges: ReadonlyArray<Privilege>
  /** grant: WITH GRANT OPTION; revoke: GRANT OPTION FOR only */
  readonly grantable: boolean
}

export const defaultPrivilegesSql = (c: DefaultStep): string => {
  const head = `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(c.role)}${c.schema === '' ? '' : ` IN SCHEMA ${quoteIdent(c.schema)}`}`
  const what = `${privilegeList(c.privileges)} ON ${c.objectType.toUpperCase()}`
  return c.action === 'grant'
    ? `${head} GRANT ${what} TO ${roleSql(c.grantee)}${c.grantable ? ' WITH GRANT OPTION' : ''}`
    : `${head} REVOKE ${c.grantable ? 'GRANT OPTION FOR ' : ''}${what} FROM ${roleSql(c.grantee)}`
}

export const defaultPrivilegesHeader = (c: DefaultPrivilegesChange): string =>
  `${c.action === 'grant' ? 'Grant' : 'Revoke'} default privileges on ${c.objectType} of role ${commentName(c.role)}${c.schema === '' ? '' : ` in schema ${commentName(c.schema)}`} ${c.action === 'grant' ? 'to' : 'from'} ${commentName(c.grantee)}`

/**
 * The steps from one entry ACL to another (all items have the entry's role as grantor): per
 * grantee, revokes first (whole privileges, then grant options only), then grants (plain, then
 * with grant option). Grantees in name order, privileges in canonical order.
 */
export const defaultAclSteps = (
  entry: { role: string; schema: string; objectType: DefaultAclObjectType },
  from: Acl,
  to: Acl,
): DefaultStep[] => {
  const grantees = [...new Set([...from, ...to].map((i) => i.grantee))].sort()
  const held = (acl: Acl, g: string, p: Privilege): 'none' | 'plain' | 'grantable' => {
    const items = acl.filter((i) => i.grantee === g && i.privilege === p)
    return items.length === 0 ? 'none' : items.some((i) => i.grantable) ? 'grantable' : 'plain'
  }
  const steps: DefaultStep[] = []
  const step = (action: 'grant' | 'revoke', grantee: string, privileges: Privilege[], grantable: boolean): void => {
    if (privileges.length) steps.push({ ...entry, action, grantee, privileges, grantable })
  }
  for (const g of grantees) {
    const pairs = PRIVILEGE_ORDER.map((p) => [p, held(from, g, p), held(to, g, p)] as const)
    step('revoke', g, pairs.filter(([, a, b]) => a !== 'none' && b === 'none').map(([p]) => p), false)
    step('revoke', g, pairs.filter(([, a, b]) => a === 'grantable' && b === 'plain').map(([p]) => p), true)
    step('grant', g, pairs.filter(([, a, b]) => a === 'none' && b === 'plain').map(([p]) => p), false)
    step('grant', g, pairs.filter(([, a, b]) => a !== 'grantable' && b === 'grantable').map(([p]) => p), true)
  }
  return steps
}

/** What an entry's ACL is when the entry does not exist. */
const absentAcl = (d: DefaultAcl, v: PgVersion): Acl => (d.schema === '' ? aclDefault(aclKindOfObjectType(d.objectType), d.role, v) : [])

/** Creating an entry: from the default to its ACL. */
export const createDefaultAcl = (d: DefaultAcl, v: PgVersion): string[] => defaultAclSteps(d, absentAcl(d, v), d.acl).map(defaultPrivilegesSql)

/** Dropping an entry: from its ACL back to the default (the server then deletes the row). */
export const dropDefaultAcl = (d: DefaultAcl, v: PgVersion): string[] => defaultAclSteps(d, d.acl, absentAcl(d, v)).map(defaultPrivilegesSql)
