/**
 * The GRANT / REVOKE statements that take one ACL to another, found by simulating them with the
 * ACL algebra: revokes first (dependents before what they depend on; CASCADE only when no order
 * avoids it, and what the cascade took that must stay is granted again), then grants, the owner's
 * before other grantors' (who need their grant option first).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Acl, AclItem, Privilege } from '../ir/objects.js'
import { grant, PRIVILEGE_ORDER, revoke, sortAcl } from '../normalize/acl.js'

export interface AclStep {
  readonly action: 'grant' | 'revoke'
  readonly grantee: string
  /** the role recorded as grantor (the owner for ordinary statements) */
  readonly grantor: string
  readonly privileges: ReadonlyArray<Privilege>
  /** grant: WITH GRANT OPTION; revoke: GRANT OPTION FOR only */
  readonly flag: boolean
  readonly cascade: boolean
}

const byPrivilege = (a: Privilege, b: Privilege): number => PRIVILEGE_ORDER.indexOf(a) - PRIVILEGE_ORDER.indexOf(b)
const itemKey = (i: AclItem): string => `${i.grantee}\u0000${i.grantor}\u0000${i.privilege}`

interface Group {
  readonly key: string
  readonly grantee: string
  readonly grantor: string
  readonly flag: boolean
  readonly privileges: Privilege[]
}

const groups = (entries: ReadonlyArray<{ grantee: string; grantor: string; flag: boolean; privilege: Privilege }>): Group[] => {
  const m = new Map<string, Group>()
  for (const e of entries) {
    const key = `${e.grantee}\u0000${e.grantor}\u0000${e.flag ? 1 : 0}`
    const g = m.get(key) ?? { key, grantee: e.grantee, grantor: e.grantor, flag: e.flag, privileges: [] }
    g.privileges.push(e.privilege)
    m.set(key, g)
  }
  return [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((g) => ({ ...g, privileges: g.privileges.sort(byPrivilege) }))
}

/** What still has to be revoked from `cur` to reach `after`. */
const pendingRevokes = (cur: Acl, after: Acl): Group[] => {
  const want = new Map(after.map((i) => [itemKey(i), i]))
  return groups(
    cur.flatMap((i) => {
      const w = want.get(itemKey(i))
      if (!w) return [{ grantee: i.grantee, grantor: i.grantor, flag: false as boolean, privilege: i.privilege }]
      return i.grantable && !w.grantable ? [{ grantee: i.grantee, grantor: i.grantor, flag: true, privilege: i.privilege }] : []
    }),
  )
}

/** What still has to be granted on `cur` to reach `after`. */
const pendingGrants = (cur: Acl, after: Acl): Group[] => {
  const have = new Map(cur.map((i) => [itemKey(i), i]))
  return groups(
    after.flatMap((i) => {
      const h = have.get(itemKey(i))
      return !h || (i.grantable && !h.grantable) ? [{ grantee: i.grantee, grantor: i.grantor, flag: i.grantable, privilege: i.privilege }] : []
    }),
  )
}

export const applyRevoke = (acl: Acl, s: Pick<AclStep, 'grantee' | 'grantor' | 'privileges' | 'flag' | 'cascade'>, owner: string): E.Either<string, Acl> =>
  revoke(acl, { grantees: [s.grantee], privileges: s.privileges, grantOptionOnly: s.flag, grantor: s.grantor, cascade: s.cascade, owner })

/** The revoke steps alone, and the ACL they leave. */
export const revokeSteps = (before: Acl, after: Acl, owner: string): { readonly steps: AclStep[]; readonly acl: Acl } => {
  let cur = sortAcl(before)
  const steps: AclStep[] = []
  for (let pending = pendingRevokes(cur, after); pending.length; pending = pendingRevokes(cur, after)) {
    let done = false
    for (const g of pending) {
      const r = applyRevoke(cur, { ...g, cascade: false }, owner)
      if (E.isRight(r)) {
        cur = r.right
        steps.push({ action: 'revoke', grantee: g.grantee, grantor: g.grantor, privileges: g.privileges, flag: g.flag, cascade: false })
        done = true
        break
      }
    }
    if (done) continue
    // every remaining revoke has dependents that stay: cascade, and grant them again below
    const g = pending[0] as Group
    cur = E.getOrElse((): Acl => cur)(applyRevoke(cur, { ...g, cascade: true }, owner))
    steps.push({ action: 'revoke', grantee: g.grantee, grantor: g.grantor, privileges: g.privileges, flag: g.flag, cascade: true })
  }
  return { steps, acl: cur }
}

/** The grant steps from `cur` to `after` (nothing to revoke any more). */
export const grantSteps = (cur0: Acl, after: Acl, owner: string): { readonly steps: AclStep[]; readonly acl: Acl } => {
  let cur = cur0
  const steps: AclStep[] = []
  const canGrant = (g: Group): boolean =>
    g.grantor === owner || g.privileges.every((p) => cur.some((i) => i.grantee === g.grantor && i.privilege === p && i.grantable))
  for (let pending = pendingGrants(cur, after); pending.length; pending = pendingGrants(cur, after)) {
    const ordered = [...pending.filter((g) => g.grantor === owner), ...pending.filter((g) => g.grantor !== owner)]
    // a grantor without its grant option yet waits; if none can go, the first goes anyway (the server will say why)
    const g = ordered.find(canGrant) ?? (ordered[0] as Group)
    cur = grant(cur, { grantees: [g.grantee], privileges: g.privileges, grantable: g.flag, grantor: g.grantor })
    steps.push({ action: 'grant', grantee: g.grantee, grantor: g.grantor, privileges: g.privileges, flag: g.flag, cascade: false })
  }
  return { steps, acl: cur }
}

/** Revokes then grants from `before` to `after`, as the owner `owner` (or the grantors, under SET ROLE). */
export const aclSteps = (before: Acl, after: Acl, owner: string): AclStep[] => {
  const r = revokeSteps(before, after, owner)
  return [...r.steps, ...grantSteps(r.acl, sortAcl(after), owner).steps]
}
