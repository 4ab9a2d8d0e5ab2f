/** Comments and owners: the changes every object kind shares. */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change, Target } from '../ir/change.js'
import { signatureTypes } from '../ir/identity.js'
import type { DbObject, DefaultAcl, Membership } from '../ir/objects.js'

/** Objects that COMMENT ON / ALTER … OWNER TO / GRANT can name (memberships and default ACLs cannot). */
export type Targetable = Exclude<DbObject, Membership | DefaultAcl>

export const isTargetable = (o: DbObject): o is Targetable => o.kind !== 'Membership' && o.kind !== 'DefaultAcl'

export const targetOf = (o: Targetable): Target => {
  switch (o.kind) {
    case 'Schema':
    case 'Extension':
      return { on: o.kind, schema: '', name: o.name }
    case 'Table':
    case 'View':
    case 'MaterializedView':
    case 'Index':
    case 'Sequence':
    case 'Enum':
    case 'Domain':
    case 'CompositeType':
      return { on: o.kind, schema: o.schema, name: o.name }
    case 'Function':
      return {
        on: o.routine === 'procedure' ? 'Procedure' : 'Function',
        schema: o.schema,
        name: o.name,
        args: signatureTypes(o.args),
      }
    case 'Trigger':
      return { on: 'Trigger', schema: o.schema, name: o.name, parent: o.table }
    case 'Role':
      return { on: 'Role', schema: '', name: o.name }
    case 'Policy':
      return { on: 'Policy', schema: o.schema, name: o.name, parent: o.table }
    case 'Database':
      return { on: 'Database', schema: '', name: '' }
    default:
      return absurd(o)
  }
}

export const subTarget = (on: 'Column' | 'Constraint' | 'DomainConstraint', schema: string, table: string, name: string): Target => ({
  on,
  schema,
  name,
  parent: table,
})

const describe = (t: Target): string =>
  t.on === 'Database'
    ? 'the database'
    : t.parent !== undefined ? `${t.on.toLowerCase()} "${t.parent}"."${t.name}"` : `${t.on.toLowerCase()} "${t.name}"`

/** COMMENT ON change when the comment differs (`undefined` = no comment). */
export const commentChange = (target: Target, from: string | undefined, to: string | undefined): Change[] =>
  from === to
    ? []
    : [
        to === undefined
          ? { kind: 'Comment', target, summary: `remove comment on ${describe(target)}` }
          : { kind: 'Comment', target, comment: to, summary: `set comment on ${describe(target)}` },
      ]

/** ALTER … OWNER TO when the owner differs. */
export const ownerChange = (target: Target, from: string | undefined, to: string | undefined): Change[] =>
  to === undefined || from === to ? [] : [{ kind: 'Owner', target, owner: to, summary: `set owner of ${describe(target)} to "${to}"` }]

/** Comment and owner of an object, compared with its previous state (or with nothing, for a creation). */
export const metaChanges = (from: DbObject | undefined, to: DbObject, creatorRole: string): Change[] => {
  if (!isTargetable(to)) return []
  const target = targetOf(to)
  const ownerOf = (o: DbObject): string | undefined => ('owner' in o ? o.owner : undefined)
  // a sequence linked to a column on both sides follows its table's owner (a new link is made after this)
  const ownedSeq = to.kind === 'Sequence' && to.ownedBy !== undefined && from?.kind === 'Sequence' && from.ownedBy !== undefined
  return [
    ...commentChange(target, from && 'comment' in from ? from.comment : undefined, 'comment' in to ? to.comment : undefined),
    ...(ownedSeq ? [] : ownerChange(target, from ? ownerOf(from) : creatorRole, ownerOf(to))),
  ]
}
