/** Row-level security policies as SQL (CREATE / ALTER / DROP POLICY, COMMENT ON POLICY). */
import type { Change } from '../ir/change.js'
import { qualified, quoteIdent } from '../ir/names.js'
import type { Policy } from '../ir/objects.js'
import { roleSql } from './sql-acl.js'

type AlterPolicyChange = Extract<Change, { kind: 'AlterPolicy' }>

const policyOn = (name: string, schema: string, table: string): string => `POLICY ${quoteIdent(name)} ON ${qualified(schema, table)}`

/** `TO a, b` (PUBLIC when the list is empty, as the server reads a missing TO). */
const toRoles = (roles: ReadonlyArray<string>): string => `TO ${roles.length ? roles.map(roleSql).join(', ') : 'PUBLIC'}`

/** CREATE POLICY (its comment is a Comment change of its own, as for every object). */
export const createPolicySql = (p: Policy): string[] => [
  [
    `CREATE ${policyOn(p.name, p.schema, p.table)}`,
    `AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}`,
    `FOR ${p.command.toUpperCase()}`,
    toRoles(p.roles),
    ...(p.using !== undefined ? [`USING (${p.using})`] : []),
    ...(p.check !== undefined ? [`WITH CHECK (${p.check})`] : []),
  ].join(' '),
]

export const dropPolicySql = (p: Policy): string => `DROP ${policyOn(p.name, p.schema, p.table)}`

/** ALTER POLICY with the parts that change; nothing when nothing does. */
export const alterPolicySql = (c: AlterPolicyChange): string[] => {
  const parts = [
    ...(c.roles !== undefined ? [toRoles(c.roles)] : []),
    ...(c.using !== undefined ? [`USING (${c.using})`] : []),
    ...(c.check !== undefined ? [`WITH CHECK (${c.check})`] : []),
  ]
  return parts.length ? [`ALTER ${policyOn(c.name, c.schema, c.table)} ${parts.join(' ')}`] : []
}

/** `COMMENT ON` / `ALTER` object clause of a policy target. */
export const policyTarget = (name: string, schema: string, table: string): string => policyOn(name, schema, table)
