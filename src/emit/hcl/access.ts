/**
 * Roles (`role` / `user` blocks with only non-default attributes and `member_of`) and
 * `default_privileges` blocks. A password is never written: the IR has none.
 */
import type { Acl, DefaultAcl, Membership, Privilege, Role, RoleSetting } from '../../ir/objects.js'
import { aclDefault, aclKindOfObjectType, PRIVILEGE_ORDER } from '../../normalize/acl.js'
import { attr, block, opt, type Block, type Item } from './doc.js'
import { commentAttr, type HclContext } from './context.js'
import { bool, isIdentifier, list, quoted } from './strings.js'

const FLAGS = [
  ['superuser', 'superuser', false],
  ['createDb', 'create_db', false],
  ['createRole', 'create_role', false],
  ['inherit', 'inherit', true],
  ['replication', 'replication', false],
  ['bypassRls', 'bypass_rls', false],
] as const

/**
 * A plain `member_of` entry is `GRANT role TO member`: no ADMIN, SET true, and INHERIT following
 * the member's INHERIT attribute (on 15 the options do not exist: only ADMIN counts).
 */
const isPlain = (ctx: HclContext, r: Role, m: Membership): boolean =>
  !m.admin && (ctx.catalog.pgVersion < 16 || (m.set && m.inherit === r.inherit))

const memberOf = (ctx: HclContext, r: Role, ms: ReadonlyArray<Membership>): Array<Item | undefined> => {
  const plain = ms.filter((m) => isPlain(ctx, r, m))
  const options = ms.filter((m) => !isPlain(ctx, r, m))
  return [
    plain.length ? attr('member_of', list(plain.map((m) => ctx.refs.role(m.role)))) : undefined,
    ...options.map((m) =>
      block('member_of', [], [
        attr('role', ctx.refs.role(m.role)),
        m.admin ? attr('admin', 'true') : undefined,
        ctx.catalog.pgVersion >= 16 && m.inherit !== r.inherit ? attr('inherit', bool(m.inherit)) : undefined,
        ctx.catalog.pgVersion >= 16 && !m.set ? attr('set', 'false') : undefined,
      ]),
    ),
  ]
}

const settingsBlock = (ctx: HclContext, r: Role, settings: ReadonlyArray<RoleSetting>, inDatabase: boolean): Block | undefined => {
  const mine = settings.filter((s) => s.inDatabase === inDatabase)
  const ok = mine.filter((s) => isIdentifier(s.name))
  for (const s of mine.filter((x) => !isIdentifier(x.name))) ctx.note(`setting "${s.name}" of role ${r.name}: a setting name that is not an identifier cannot be a config attribute`)
  return ok.length ? block('config', inDatabase ? ['in_database'] : [], ok.map((s) => attr(s.name, quoted(s.value)))) : undefined
}

/** A role (`user` when it can log in). */
export const roleBlock = (ctx: HclContext, r: Role, memberships: ReadonlyArray<Membership>): Block =>
  block(r.login ? 'user' : 'role', [r.name], [
    ...FLAGS.map(([k, name, def]) => (r[k] !== def ? attr(name, bool(r[k])) : undefined)),
    r.connectionLimit !== -1 ? attr('conn_limit', String(r.connectionLimit)) : undefined,
    opt('valid_until', r.validUntil === undefined ? undefined : quoted(r.validUntil)),
    commentAttr(r.comment),
    ...memberOf(ctx, r, memberships),
    settingsBlock(ctx, r, r.settings ?? [], false),
    settingsBlock(ctx, r, r.settings ?? [], true),
  ])

type Held = 'none' | 'plain' | 'grantable'
const held = (acl: Acl, grantee: string, p: Privilege): Held => {
  const items = acl.filter((i) => i.grantee === grantee && i.privilege === p)
  return items.length === 0 ? 'none' : items.some((i) => i.grantable) ? 'grantable' : 'plain'
}

/**
 * `default_privileges`: the revokes and grants that take the entry from what exists without it
 * (global: the built-in default, which holds no grant option; per schema: nothing) to its ACL.
 * Revokes only remove what the default has and grants only add, so their order does not matter.
 */
export const defaultPrivilegesBlock = (ctx: HclContext, d: DefaultAcl): Block => {
  const from = d.schema === '' ? aclDefault(aclKindOfObjectType(d.objectType), d.role, ctx.catalog.pgVersion) : []
  const grantees = [...new Set([...from, ...d.acl].map((i) => i.grantee))].sort()
  const revokes: Block[] = []
  const grants: Block[] = []
  for (const g of grantees) {
    const states = PRIVILEGE_ORDER.map((p) => [p, held(from, g, p), held(d.acl, g, p)] as const)
    const revoked = states.filter(([, a, b]) => a !== 'none' && b === 'none').map(([p]) => p)
    const plain = states.filter(([, a, b]) => b === 'plain' && a === 'none').map(([p]) => p)
    const grantable = states.filter(([, a, b]) => b === 'grantable' && a !== 'grantable').map(([p]) => p)
    if (revoked.length) revokes.push(block('revoke', [], [attr('from', ctx.refs.role(g)), attr('privileges', list(revoked))]))
    if (plain.length) grants.push(block('grant', [], [attr('to', ctx.refs.role(g)), attr('privileges', list(plain))]))
    if (grantable.length) grants.push(block('grant', [], [attr('to', ctx.refs.role(g)), attr('privileges', list(grantable)), attr('grantable', 'true')]))
  }
  return block('default_privileges', [], [
    d.role === ctx.role ? undefined : attr('for', ctx.refs.role(d.role)),
    d.schema === '' ? undefined : attr('schema', ctx.refs.schema(d.schema)),
    attr('on', d.objectType.toUpperCase()),
    ...grants,
    ...revokes,
  ])
}
