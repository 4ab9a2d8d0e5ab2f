/**
 * Reading roles and privileges out of access-control blocks: a role is a reference to a `role` or
 * `user` block, `ref("role.x")` (external), or a name string (external, as owner strings are);
 * `PUBLIC` is the pseudo-role where a grantee may be it.
 */
import type { Privilege } from '../../../ir/objects.js'
import { privilegesOf, PRIVILEGE_ORDER, type AclKind } from '../../../normalize/acl.js'
import type { PgVersion } from '../../../ir/catalog.js'
import { KIND_WORD, type Value } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'

export const ROLE_TYPES = ['role', 'user'] as const

/**
 * Is the attribute missing from the block? (Not merely undefined: an attribute whose evaluation
 * failed is undefined too, and its error is already reported.)
 */
export const missing = (b: BlockView, name: string): boolean => !b.attributeNames.includes(name)

/** A role as a grantee or member: its name, and whether it is external (not declared by a block). */
export interface RoleName {
  readonly name: string
  readonly external: boolean
  /** PUBLIC or a session-role word: written as the SQL keyword, not as an identifier */
  readonly keyword?: boolean
}

/** Session-role keywords a policy's `to` may name (the server resolves them when the policy is created). */
export const SESSION_ROLE_WORDS = ['CURRENT_USER', 'CURRENT_ROLE', 'SESSION_USER'] as const

/**
 * A role from a value. `PUBLIC` (a keyword, any case) only when `allowPublic`; session-role
 * keywords only when `allowSession` (their SQL word is returned, marked external).
 */
export const roleOf = (ctx: LowerContext, v: Value, what: string, opts: { allowPublic?: boolean; allowSession?: boolean } = {}): RoleName | undefined => {
  if (v.kind === 'ref' && (ROLE_TYPES as ReadonlyArray<string>).includes(v.target.type))
    return { name: v.target.name, external: !ctx.exists(v.target) }
  if (v.kind === 'string' && v.value !== '') return { name: v.value, external: true }
  if (v.kind === 'keyword') {
    const word = v.name.toUpperCase()
    if (word === 'PUBLIC' && opts.allowPublic) return { name: 'PUBLIC', external: false, keyword: true }
    if (opts.allowSession && (SESSION_ROLE_WORDS as ReadonlyArray<string>).includes(word)) return { name: word, external: true, keyword: true }
  }
  const allowed = ['a reference to a role or user', ...(opts.allowPublic ? ['PUBLIC'] : []), ...(opts.allowSession ? SESSION_ROLE_WORDS : [])]
  const got = v.kind === 'ref' ? `a reference to ${v.target.type}` : v.kind === 'keyword' ? `the keyword ${v.name}` : KIND_WORD[v.kind]
  ctx.error('E-TYPE', `${what}: expected ${allowed.join(' or ')}, got ${got}`, v.span)
  return undefined
}

/** A list of roles (a single role is accepted as a list of one). */
export const rolesOf = (ctx: LowerContext, v: Value, what: string, opts: { allowPublic?: boolean; allowSession?: boolean } = {}): ReadonlyArray<RoleName> | undefined => {
  const items = v.kind === 'list' ? v.items : [v]
  const out = items.map((i) => roleOf(ctx, i, what, opts))
  return out.every((r): r is RoleName => r !== undefined) ? out : undefined
}

/** Privilege words the dialect accepts besides the GRANT keywords themselves. */
const ALIASES: Readonly<Record<string, Privilege>> = { TEMP: 'TEMPORARY' } as const

/** `ALL` / `ALL_PRIVILEGES` / `ALL PRIVILEGES`. */
const isAll = (word: string): boolean => /^ALL([ _]PRIVILEGES)?$/.test(word)

export type PrivilegeWords = 'ALL' | ReadonlyArray<Privilege>

/**
 * `privileges = [SELECT, INSERT]` (keywords or strings, any case) or `[ALL]`; duplicates merged,
 * in the server's order. E-INVALID-PRIVILEGE for an unknown word.
 */
export const privilegeWords = (ctx: LowerContext, v: Value, what: string): PrivilegeWords | undefined => {
  if (v.kind !== 'list') {
    ctx.error('E-TYPE', `${what}: expected a list, got ${KIND_WORD[v.kind]}`, v.span)
    return undefined
  }
  const out = new Set<Privilege>()
  let all = false
  let ok = true
  for (const i of v.items) {
    const word = i.kind === 'keyword' ? i.name.toUpperCase() : i.kind === 'string' ? i.value.toUpperCase() : undefined
    if (word === undefined) {
      ctx.error('E-TYPE', `${what}: expected a privilege keyword, got ${KIND_WORD[i.kind]}`, i.span)
      ok = false
    } else if (isAll(word)) all = true
    else {
      const p = ALIASES[word] ?? PRIVILEGE_ORDER.find((x) => x === word)
      if (p === undefined) {
        ctx.error('E-INVALID-PRIVILEGE', `${what}: unknown privilege ${word} (expected ALL or one of ${PRIVILEGE_ORDER.join(', ')})`, i.span)
        ok = false
      } else out.add(p)
    }
  }
  if (!ok) return undefined
  if (all) return 'ALL'
  if (!out.size) {
    ctx.error('E-TYPE', `${what}: no privilege given`, v.span)
    return undefined
  }
  return PRIVILEGE_ORDER.filter((p) => out.has(p))
}

/** The privileges a word list means on a kind (ALL expanded for the server version). */
export const expandPrivileges = (words: PrivilegeWords, kind: AclKind, v: PgVersion): ReadonlyArray<Privilege> =>
  words === 'ALL' ? privilegesOf(kind, v) : words
