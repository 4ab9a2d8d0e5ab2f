/**
 * SQL of the access-control changes and objects: roles, memberships, default privileges,
 * policies, the database, GRANT / REVOKE. sql.ts dispatches here.
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change } from '../ir/change.js'
import type { PgVersion } from '../ir/catalog.js'
import type { Database, DbObject, DefaultAcl, Membership, Policy, Role } from '../ir/objects.js'
import { commentName, grantHeader, grantStatements, revokeStatements } from './sql-acl.js'
import { createDefaultAcl, defaultPrivilegesHeader, defaultPrivilegesSql, dropDefaultAcl } from './sql-default-acl.js'
import { alterPolicySql, createPolicySql, dropPolicySql } from './sql-policy.js'
import { quoteIdent } from '../ir/names.js'
import { alterMembershipSql, alterRoleSql, createMembershipSql, createRoleSql, dropMembershipSql, membershipName, roleSettingSql } from './sql-role.js'

export type AccessObject = Role | Membership | DefaultAcl | Policy | Database

export const isAccessObject = (o: DbObject): o is AccessObject =>
  o.kind === 'Role' || o.kind === 'Membership' || o.kind === 'DefaultAcl' || o.kind === 'Policy' || o.kind === 'Database'

/** The change kinds that only access control has. */
export type AccessChange = Extract<Change, { kind: 'Grant' | 'Revoke' | 'AlterRole' | 'RoleSetting' | 'AlterMembership' | 'AlterPolicy' | 'DefaultPrivileges' }>

/**
 * CREATE of an access-control object. A role's comment, and a database's owner and privileges,
 * come as changes of their own (Comment, Owner, Grant / Revoke), so the database itself needs no
 * statement: it exists already.
 */
export const createAccessSql = (o: AccessObject, v: PgVersion): string[] => {
  switch (o.kind) {
    case 'Role':
      return createRoleSql(o)
    case 'Membership':
      return [createMembershipSql(o, v)]
    case 'DefaultAcl':
      return createDefaultAcl(o, v)
    case 'Policy':
      return createPolicySql(o)
    case 'Database':
      return []
    default:
      return absurd(o)
  }
}

/** DROP of an access-control object; the database is never dropped (it is the one running the migration). */
export const dropAccessSql = (o: AccessObject, v: PgVersion): string[] => {
  switch (o.kind) {
    case 'Role':
      return [`DROP ROLE ${quoteIdent(o.name)}`]
    case 'Membership':
      return [dropMembershipSql(o)]
    case 'DefaultAcl':
      return dropDefaultAcl(o, v)
    case 'Policy':
      return [dropPolicySql(o)]
    case 'Database':
      return []
    default:
      return absurd(o)
  }
}

const defaultAclName = (d: DefaultAcl): string =>
  `default privileges on ${d.objectType} of role ${commentName(d.role)}${d.schema === '' ? '' : ` in schema ${commentName(d.schema)}`}`

/** Header of a Create / Drop of an access-control object. */
export const accessObjectHeader = (verb: 'Create' | 'Drop', o: AccessObject): string => {
  switch (o.kind) {
    case 'Role':
      return `${verb} ${commentName(o.name)} role`
    case 'Membership':
      return verb === 'Create' ? `Grant role ${membershipName(o)}` : `Revoke role ${commentName(o.role)} from ${commentName(o.member)}`
    case 'DefaultAcl':
      return `${verb === 'Create' ? 'Set' : 'Reset'} ${defaultAclName(o)}`
    case 'Policy':
      return `${verb} ${commentName(o.name)} policy on table ${commentName(o.table)}`
    case 'Database':
      return verb === 'Create' ? 'Manage the database' : 'Stop managing the database'
    default:
      return absurd(o)
  }
}

export const accessHeader = (c: AccessChange): string => {
  switch (c.kind) {
    case 'Grant':
    case 'Revoke':
      return grantHeader(c)
    case 'AlterRole':
      return `Modify ${commentName(c.name)} role`
    case 'RoleSetting':
      return `${c.value === undefined ? 'Reset' : 'Set'} ${commentName(c.name)} for role ${commentName(c.role)}${c.inDatabase ? ' in the database' : ''}`
    case 'AlterMembership':
      return `Modify membership of ${commentName(c.to.member)} in ${commentName(c.to.role)}`
    case 'AlterPolicy':
      return `Modify ${commentName(c.name)} policy on table ${commentName(c.table)}`
    case 'DefaultPrivileges':
      return defaultPrivilegesHeader(c)
    default:
      return absurd(c)
  }
}

export const accessStatements = (c: AccessChange, v: PgVersion): string[] => {
  switch (c.kind) {
    case 'Grant':
      return grantStatements(c)
    case 'Revoke':
      return revokeStatements(c)
    case 'AlterRole':
      return alterRoleSql(c.name, c.attributes)
    case 'RoleSetting':
      return [roleSettingSql(c.role, c.name, c.inDatabase, c.value)]
    case 'AlterMembership':
      return alterMembershipSql(c, v)
    case 'AlterPolicy':
      return alterPolicySql(c)
    case 'DefaultPrivileges':
      return [defaultPrivilegesSql(c)]
    default:
      return absurd(c)
  }
}
