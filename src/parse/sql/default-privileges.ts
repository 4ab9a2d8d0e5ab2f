/**
 * ALTER DEFAULT PRIVILEGES [FOR ROLE r, …] [IN SCHEMA s, …] GRANT|REVOKE … ON TABLES|SEQUENCES|
 * FUNCTIONS|ROUTINES|TYPES|SCHEMAS: the pg_default_acl rows, as the server stores them
 * (normalize/acl.ts alterDefaultAcl). New objects read them through State.initialAcl.
 */
import type { AlterDefaultPrivilegesStmt, Node } from '@pgsql/types'
import type { DefaultAclObjectType, Privilege } from '../../ir/objects.js'
import { aclKindOfObjectType, alterDefaultAcl, appliesTo, privilegesOf } from '../../normalize/acl.js'
import { privilegeList } from './acl-privileges.js'
import { roleRefs } from './acl-roles.js'
import { defaultAclKey } from './state.js'
import { defElems, listItems, strings, type Ctx } from './util.js'

const OBJECT_TYPES: Readonly<Record<string, DefaultAclObjectType>> = {
  OBJECT_TABLE: 'tables',
  OBJECT_SEQUENCE: 'sequences',
  OBJECT_FUNCTION: 'functions',
  OBJECT_PROCEDURE: 'functions',
  OBJECT_ROUTINE: 'functions',
  OBJECT_TYPE: 'types',
  OBJECT_SCHEMA: 'schemas',
} as const

const KIND_WORD: Readonly<Record<DefaultAclObjectType, string>> = {
  tables: 'relation',
  sequences: 'sequence',
  functions: 'function',
  types: 'type',
  schemas: 'schema',
} as const

export const alterDefaultPrivileges = (c: Ctx, n: AlterDefaultPrivilegesStmt): void => {
  const a = n.action
  if (!a) return
  const objectType = OBJECT_TYPES[a.objtype ?? '']
  if (objectType === undefined)
    return c.st.warn('W-UNSUPPORTED', `default privileges ON ${(a.objtype ?? '').replace(/^OBJECT_/, '')} are not modelled; statement skipped`, c.span)
  let roleNodes: ReadonlyArray<Node> = []
  let schemas: ReadonlyArray<string> = ['']
  for (const d of defElems(n.options)) {
    if (d.defname === 'roles') roleNodes = listItems(d.arg)
    else if (d.defname === 'schemas') schemas = strings(listItems(d.arg))
  }
  const roles = roleNodes.length ? roleRefs(c, roleNodes) : [c.st.role]
  const grantees = roleRefs(c, a.grantees)
  if (!roles || !grantees) return
  if (objectType === 'schemas' && schemas[0] !== '')
    return c.st.error('E-INVALID-GRANT-OPERATION', 'cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS', c.span)
  for (const s of schemas)
    if (s !== '' && !c.st.schemas.has(s)) return c.st.error('E-UNDEFINED-SCHEMA', `schema "${s}" does not exist`, c.span)
  if (a.is_grant && a.grant_option && grantees.includes('PUBLIC'))
    return c.st.error('E-INVALID-GRANT-OPERATION', 'grant options can only be granted to roles', c.span)
  const list = privilegeList(c, a.privileges)
  if (!list) return
  if (list.columns.length) return c.st.error('E-INVALID-PRIVILEGE', 'default privileges cannot be set for columns', c.span)
  const kind = aclKindOfObjectType(objectType)
  const v = c.st.pgVersion
  const privileges: ReadonlyArray<Privilege> = list.object === 'ALL' ? privilegesOf(kind, v) : list.object
  const invalid = privileges.find((p) => !appliesTo(kind, p, v))
  if (invalid) return c.st.error('E-INVALID-PRIVILEGE', `invalid privilege type ${invalid} for ${KIND_WORD[objectType]}`, c.span)
  const op = a.is_grant
    ? { action: 'grant' as const, grantees, privileges, grantable: !!a.grant_option }
    : { action: 'revoke' as const, grantees, privileges, grantOptionOnly: !!a.grant_option }
  for (const role of roles) {
    if (role === 'PUBLIC') return c.st.error('E-UNDEFINED-ROLE', 'role "public" does not exist', c.span)
    for (const schema of schemas) {
      const key = defaultAclKey(role, schema, objectType)
      const acl = alterDefaultAcl(c.st.defaultAcls.get(key)?.acl, role, schema, objectType, op, v)
      if (acl) c.st.defaultAcls.set(key, { kind: 'DefaultAcl', role, schema, objectType, acl, span: c.span })
      else c.st.defaultAcls.delete(key)
    }
  }
}
