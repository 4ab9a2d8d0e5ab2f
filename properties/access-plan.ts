/**
 * The shrinkable skeleton of the access-control layer added on top of a generated catalog: roles
 * (attributes, settings), memberships, grants on the catalog's objects and columns, default
 * privileges, policies and RLS flags. Small numbers and flags only, resolved modulo the candidates
 * by access-build.ts, so every plan builds a valid catalog.
 */
import fc from 'fast-check'

export interface RoleSettingPlan {
  readonly name: number
  readonly value: number
  readonly inDatabase: boolean
}
export interface RolePlan {
  readonly name: number
  /** bit set: superuser, createDb, createRole, noinherit, login, replication, bypassRls */
  readonly attrs: number
  readonly connectionLimit: number | undefined
  readonly validUntil: number | undefined
  readonly settings: ReadonlyArray<RoleSettingPlan>
  readonly comment: number | undefined
}
export interface MembershipPlan {
  readonly role: number
  readonly member: number
  readonly admin: boolean
  readonly inherit: boolean
  readonly set: boolean
}
export interface GrantPlan {
  /** index among the catalog's securable objects */
  readonly object: number
  /** index among the generated roles, PUBLIC at the end */
  readonly grantee: number
  /** bit set over the kind's privileges */
  readonly privileges: number
  readonly grantable: boolean
  /** a column of a table or view instead of the object itself */
  readonly column: number | undefined
  /** REVOKE instead of GRANT (from the owner's own rights or PUBLIC's defaults too) */
  readonly revoke: boolean
}
export interface DefaultAclOpPlan {
  readonly revoke: boolean
  readonly grantee: number
  readonly privileges: number
  readonly grantable: boolean
}
export interface DefaultAclPlan {
  /** 0 = postgres, otherwise a generated role */
  readonly role: number
  /** undefined = global, otherwise a schema index */
  readonly schema: number | undefined
  readonly objectType: number
  readonly ops: ReadonlyArray<DefaultAclOpPlan>
}
export interface PolicyPlan {
  readonly table: number
  readonly name: number
  readonly permissive: boolean
  readonly command: number
  readonly roles: ReadonlyArray<number>
  readonly using: number | undefined
  readonly check: number | undefined
  readonly comment: number | undefined
}
export interface RlsPlan {
  readonly table: number
  readonly enable: boolean
  readonly force: boolean
}
export interface AccessPlan {
  readonly roles: ReadonlyArray<RolePlan>
  readonly memberships: ReadonlyArray<MembershipPlan>
  readonly grants: ReadonlyArray<GrantPlan>
  readonly defaultAcls: ReadonlyArray<DefaultAclPlan>
  readonly policies: ReadonlyArray<PolicyPlan>
  readonly rls: ReadonlyArray<RlsPlan>
}

const n = (max = 40): fc.Arbitrary<number> => fc.nat({ max })
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined, freq: 2 })

export const accessPlanArbitrary = (): fc.Arbitrary<AccessPlan> =>
  fc.record({
    roles: fc.array(
      fc.record({
        name: n(),
        attrs: n(127),
        connectionLimit: opt(n(3)),
        validUntil: opt(n(1)),
        settings: fc.array(fc.record({ name: n(3), value: n(2), inDatabase: fc.boolean() }), { maxLength: 2 }),
        comment: opt(n(11)),
      }),
      { maxLength: 4 },
    ),
    memberships: fc.array(
      fc.record({ role: n(5), member: n(5), admin: fc.boolean(), inherit: fc.boolean(), set: fc.boolean() }),
      { maxLength: 4 },
    ),
    grants: fc.array(
      fc.record({ object: n(20), grantee: n(5), privileges: n(8191), grantable: fc.boolean(), column: opt(n(10)), revoke: fc.boolean() }),
      { maxLength: 6 },
    ),
    defaultAcls: fc.array(
      fc.record({
        role: n(4),
        schema: opt(n(3)),
        objectType: n(4),
        ops: fc.array(fc.record({ revoke: fc.boolean(), grantee: n(5), privileges: n(8191), grantable: fc.boolean() }), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
      { maxLength: 3 },
    ),
    policies: fc.array(
      fc.record({
        table: n(10),
        name: n(),
        permissive: fc.boolean(),
        command: n(4),
        roles: fc.array(n(5), { maxLength: 2 }),
        using: opt(n(3)),
        check: opt(n(3)),
        comment: opt(n(11)),
      }),
      { maxLength: 3 },
    ),
    rls: fc.array(fc.record({ table: n(10), enable: fc.boolean(), force: fc.boolean() }), { maxLength: 2 }),
  })
