/**
 * CREATE / ALTER POLICY. Roles are stored sorted (PUBLIC alone when none or PUBLIC is named);
 * USING and WITH CHECK in the server's normal form over the table's columns, as checks are.
 */
import type { AlterPolicyStmt, CreatePolicyStmt, Node, RangeVar } from '@pgsql/types'
import type { Policy, PolicyCommand, Table } from '../../ir/objects.js'
import { roleRefs } from './acl-roles.js'
import { policyExpr } from './policy-expr.js'
import { policyKey } from './state.js'
import { at, type Ctx } from './util.js'

const COMMANDS: Readonly<Record<string, PolicyCommand>> = {
  all: 'all',
  select: 'select',
  insert: 'insert',
  update: 'update',
  delete: 'delete',
} as const

/** The table a policy is on; undefined with E-UNDEFINED-TABLE when it does not exist or is not a table. */
export const policyTable = (c: Ctx, rv: RangeVar | undefined): Table | undefined => {
  const key = rv ? c.st.relationKeyOf(rv) : undefined
  const r = key ? c.st.relations.get(key) : undefined
  if (r?.kind === 'Table') return r
  const name = rv?.relname ?? ''
  if (r) c.st.error('E-WRONG-OBJECT-TYPE', `"${name}" is not a table`, at(c, rv?.location))
  else c.st.error('E-UNDEFINED-TABLE', `relation "${name}" does not exist`, at(c, rv?.location))
  return undefined
}

/** Sorted policy roles; PUBLIC alone when none is given or PUBLIC is among them (the server ignores the others). */
const policyRoles = (c: Ctx, nodes: ReadonlyArray<Node> | undefined): ReadonlyArray<string> | undefined => {
  const roles = roleRefs(c, nodes)
  if (!roles) return undefined
  if (!roles.length || roles.includes('PUBLIC')) {
    if (roles.length > 1) c.st.warn('W-POLICY-ROLES', 'ignoring specified roles other than PUBLIC', c.span)
    return ['PUBLIC']
  }
  return [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

const expr = (c: Ctx, t: Table, n: Node): string => policyExpr(c.st, t, n)

export const createPolicy = (c: Ctx, n: CreatePolicyStmt): void => {
  const t = policyTable(c, n.table)
  if (!t) return
  const name = n.policy_name ?? ''
  const key = policyKey(t.schema, t.name, name)
  if (c.st.policies.has(key))
    return c.st.error('E-DUPLICATE-OBJECT', `policy "${name}" for table "${t.name}" already exists`, c.span)
  const command = COMMANDS[n.cmd_name ?? 'all'] ?? 'all'
  if (n.qual && command === 'insert') return c.st.error('E-SYNTAX', 'only WITH CHECK expression allowed for INSERT', c.span)
  if (n.with_check && (command === 'select' || command === 'delete'))
    return c.st.error('E-SYNTAX', 'WITH CHECK cannot be applied to SELECT or DELETE', c.span)
  const roles = policyRoles(c, n.roles)
  if (!roles) return
  const p: Policy = {
    kind: 'Policy',
    schema: t.schema,
    table: t.name,
    name,
    permissive: !!n.permissive,
    command,
    roles,
    ...(n.qual ? { using: expr(c, t, n.qual) } : {}),
    ...(n.with_check ? { check: expr(c, t, n.with_check) } : {}),
    span: c.span,
  }
  c.st.policies.set(key, p)
}

export const alterPolicy = (c: Ctx, n: AlterPolicyStmt): void => {
  const t = policyTable(c, n.table)
  if (!t) return
  const name = n.policy_name ?? ''
  const key = policyKey(t.schema, t.name, name)
  const p = c.st.policies.get(key)
  if (!p) return c.st.error('E-UNDEFINED-OBJECT', `policy "${name}" for table "${t.name}" does not exist`, c.span)
  if (n.qual && p.command === 'insert') return c.st.error('E-SYNTAX', 'only WITH CHECK expression allowed for INSERT', c.span)
  if (n.with_check && (p.command === 'select' || p.command === 'delete'))
    return c.st.error('E-SYNTAX', 'only USING expression allowed for SELECT, DELETE', c.span)
  const roles = n.roles?.length ? policyRoles(c, n.roles) : p.roles
  if (!roles) return
  c.st.policies.set(key, {
    ...p,
    roles,
    ...(n.qual ? { using: expr(c, t, n.qual) } : {}),
    ...(n.with_check ? { check: expr(c, t, n.with_check) } : {}),
  })
}

/** Policies of a table (by its schema and name). */
export const policiesOf = (c: Ctx, schema: string, table: string): ReadonlyArray<[string, Policy]> =>
  [...c.st.policies].filter(([, p]) => p.schema === schema && p.table === table)

/** A table renamed or moved: its policies follow. */
export const movePolicies = (c: Ctx, from: { schema: string; name: string }, to: { schema: string; name: string }): void => {
  for (const [k, p] of policiesOf(c, from.schema, from.name)) {
    c.st.policies.delete(k)
    c.st.policies.set(policyKey(to.schema, to.name, p.name), { ...p, schema: to.schema, table: to.name })
  }
}

/** ALTER POLICY p ON t RENAME TO q */
export const renamePolicy = (c: Ctx, rv: RangeVar | undefined, from: string, to: string): void => {
  const t = policyTable(c, rv)
  if (!t) return
  const p = c.st.policies.get(policyKey(t.schema, t.name, from))
  if (!p) return c.st.error('E-UNDEFINED-OBJECT', `policy "${from}" for table "${t.name}" does not exist`, c.span)
  if (c.st.policies.has(policyKey(t.schema, t.name, to)))
    return c.st.error('E-DUPLICATE-OBJECT', `policy "${to}" for table "${t.name}" already exists`, c.span)
  c.st.policies.delete(policyKey(t.schema, t.name, from))
  c.st.policies.set(policyKey(t.schema, t.name, to), { ...p, name: to })
}

/** DROP POLICY [IF EXISTS] p ON t (the object list is table name parts, then the policy name). */
export const dropPolicy = (c: Ctx, parts: ReadonlyArray<string>, missingOk: boolean): void => {
  const name = parts[parts.length - 1] ?? ''
  const relname = parts[parts.length - 2] ?? ''
  const schemaname = parts.length > 2 ? parts[parts.length - 3] : undefined
  const key = c.st.resolve(schemaname, relname, (k) => c.st.relations.get(k)?.kind === 'Table')
  const t = key ? c.st.relations.get(key) : undefined
  if (!t || t.kind !== 'Table') {
    if (!missingOk) c.st.error('E-UNDEFINED-TABLE', `relation "${relname}" does not exist`, c.span)
    return
  }
  const pk = policyKey(t.schema, t.name, name)
  if (c.st.policies.has(pk)) c.st.policies.delete(pk)
  else if (!missingOk) c.st.error('E-UNDEFINED-OBJECT', `policy "${name}" for table "${t.name}" does not exist`, c.span)
}
