/**
 * `permission` blocks (DIALECT.md, "Privileges"): an object's ACL is its owner's implicit entries
 * plus exactly the declared permissions, so every item of the effective ACL that is not one of
 * the owner's implicit entries (the owner's items of acldefault, granted by the owner) is a
 * permission; column privileges likewise, grouped into one block per (grantee, grantable,
 * grantor, privileges) with the columns listed. An owner that revoked its own rights cannot be
 * said in the dialect: that is a note.
 */
import type { AclItem, DbObject, Function as Routine, Privilege } from '../../ir/objects.js'
import { aclDefault, aclKindOf, columnAclOf, columnNames, effectiveAcl, holdsColumnAcls, PRIVILEGE_ORDER } from '../../normalize/acl.js'
import { attr, block, type Block } from './doc.js'
import type { HclContext } from './context.js'
import { addressOf } from './refs.js'
import { list } from './strings.js'

/** What `for =` says for an object (undefined for objects without privileges). */
const target = (ctx: HclContext, o: DbObject): string | undefined => {
  if (o.kind === 'Database') return 'database'
  if (o.kind === 'Schema') return ctx.refs.schema(o.name)
  const a = addressOf(o)
  return a === undefined ? undefined : ctx.refs.object(a.type, a.schema, a.name)
}

const describe = (o: DbObject): string => {
  const a = addressOf(o)
  return a !== undefined ? `${a.type} ${a.schema}.${a.name}` : o.kind === 'Schema' ? `schema ${o.name}` : 'the database'
}

/** Is there another routine of the same kind with the same schema and name? */
const isOverloaded = (ctx: HclContext, f: Routine): boolean =>
  [...ctx.catalog.objects.values()].filter((o) => o.kind === 'Function' && o.routine === f.routine && o.schema === f.schema && o.name === f.name).length > 1

interface Group {
  readonly grantee: string
  readonly grantable: boolean
  readonly grantor: string
  readonly privileges: Privilege[]
}

/** Items grouped by (grantee, grantable, grantor), in the ACL's canonical order. */
const groups = (items: ReadonlyArray<AclItem>): Group[] => {
  const out = new Map<string, Group>()
  for (const i of items) {
    const k = `${i.grantee}\u0000${i.grantable}\u0000${i.grantor}`
    const g = out.get(k) ?? { grantee: i.grantee, grantable: i.grantable, grantor: i.grantor, privileges: [] }
    g.privileges.push(i.privilege)
    out.set(k, g)
  }
  for (const g of out.values()) g.privileges.sort((a, b) => PRIVILEGE_ORDER.indexOf(a) - PRIVILEGE_ORDER.indexOf(b))
  return [...out.values()]
}

const permission = (ctx: HclContext, forRef: string, owner: string, g: Group, columns?: ReadonlyArray<string>): Block =>
  block('permission', [], [
    attr('to', ctx.refs.role(g.grantee)),
    attr('for', forRef),
    attr('privileges', list(g.privileges)),
    g.grantable ? attr('grantable', 'true') : undefined,
    columns === undefined ? undefined : attr('columns', list(columns)),
    g.grantor !== owner ? attr('grantor', ctx.refs.role(g.grantor)) : undefined,
  ])

const same = (a: AclItem, b: AclItem): boolean => a.grantee === b.grantee && a.privilege === b.privilege && a.grantor === b.grantor && a.grantable === b.grantable

/** The permission blocks of one object (object privileges, then column privileges). */
export const permissionBlocks = (ctx: HclContext, o: DbObject): Block[] => {
  const kind = aclKindOf(o)
  const forRef = target(ctx, o)
  if (kind === undefined || forRef === undefined || !('owner' in o)) return []
  if (o.kind === 'Function' && isOverloaded(ctx, o)) {
    ctx.note(`${describe(o)}(${o.args.filter((a) => a.mode !== 'out' && a.mode !== 'table').map((a) => a.type).join(', ')}) is overloaded: a permission cannot name one overload, so its privileges are not written`)
    return []
  }
  const acl = effectiveAcl(o, ctx.catalog.pgVersion)
  const implicit = aclDefault(kind, o.owner, ctx.catalog.pgVersion).filter((i) => i.grantee === o.owner && i.grantor === o.owner)
  const missing = implicit.filter((i) => !acl.some((a) => a.grantee === i.grantee && a.privilege === i.privilege && a.grantor === i.grantor))
  if (missing.length)
    ctx.note(`the owner of ${describe(o)} revoked its own ${missing.map((i) => i.privilege).join(', ')}: the dialect cannot express it (the owner keeps its implicit privileges)`)
  const declared = acl.filter((i) => !implicit.some((m) => same(i, m)))
  const out = groups(declared).map((g) => permission(ctx, forRef, o.owner, g))
  if (!holdsColumnAcls(o)) return out
  // column privileges: per (grantee, grantable, grantor, privileges), the columns in table order
  const byKey = new Map<string, { g: Group; columns: string[] }>()
  const b = addressOf(o)?.type ?? 'table'
  for (const col of columnNames(o)) {
    for (const g of groups(columnAclOf(o, col))) {
      const k = `${g.grantee}\u0000${g.grantable}\u0000${g.grantor}\u0000${g.privileges.join(',')}`
      const e = byKey.get(k) ?? { g, columns: [] }
      e.columns.push(ctx.refs.column(b, o.schema, o.name, col))
      byKey.set(k, e)
    }
  }
  const keys = [...byKey.keys()].sort()
  return [...out, ...keys.map((k) => byKey.get(k) as { g: Group; columns: string[] }).map((e) => permission(ctx, forRef, o.owner, e.g, e.columns))]
}
