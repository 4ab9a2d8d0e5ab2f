/**
 * Row-level security policies: ALTER POLICY where PostgreSQL allows it (roles, USING, WITH CHECK),
 * drop and create otherwise (command, PERMISSIVE/RESTRICTIVE, or an expression that goes away:
 * ALTER POLICY can set an expression but never remove one).
 */
import type { Change } from '../ir/change.js'
import { irEqual } from '../ir/equal.js'
import type { Policy } from '../ir/objects.js'

export type PolicyDiff =
  | { readonly kind: 'alter'; readonly changes: ReadonlyArray<Change> }
  | { readonly kind: 'recreate'; readonly reason: string }

export const policyDiff = (p0: Policy, p1: Policy): PolicyDiff => {
  const what = `policy "${p1.name}" on "${p1.table}"`
  if (p0.command !== p1.command) return { kind: 'recreate', reason: `${what} changes its command` }
  if (p0.permissive !== p1.permissive) return { kind: 'recreate', reason: `${what} changes between PERMISSIVE and RESTRICTIVE` }
  if (p0.using !== undefined && p1.using === undefined) return { kind: 'recreate', reason: `${what} loses its USING expression` }
  if (p0.check !== undefined && p1.check === undefined) return { kind: 'recreate', reason: `${what} loses its WITH CHECK expression` }
  const roles = !irEqual(p0.roles, p1.roles)
  const using = p0.using !== p1.using && p1.using !== undefined
  const check = p0.check !== p1.check && p1.check !== undefined
  if (!roles && !using && !check) return { kind: 'alter', changes: [] }
  return {
    kind: 'alter',
    changes: [
      {
        kind: 'AlterPolicy',
        schema: p1.schema,
        table: p1.table,
        name: p1.name,
        ...(roles ? { roles: p1.roles } : {}),
        ...(using && p1.using !== undefined ? { using: p1.using } : {}),
        ...(check && p1.check !== undefined ? { check: p1.check } : {}),
        summary: `modify ${what}`,
      },
    ],
  }
}
