/** Comments and owners: the changes every object kind shares. */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change, Target } from '../ir/change.js'
import { signatureTypes } from '../ir/identity.js'
import type { DbObject } from '../ir/objects.js'

export const targetOf = (o: DbObject): Target => {
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
    case 'Membership':
    case 'DefaultAcl':
    case 'Policy':
    case 'Database':
      throw new Error(`${o.kind}: access control is not wired into this step yet`)
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
  t.parent !== undefined ? `${t.on.toLowerCase()} "${t.parent}"."${t.name}"` : `${t.on.toLowerCase()} "${t.name}"`

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
  const target = targetOf(to)
  const ownerOf = (o: DbObject): string | undefined => ('owner' in o ? o.owner : undefined)
  // a sequence owned by a column follows its table's owner
  const ownedSeq = to.kind === 'Sequence' && to.ownedBy !== undefined
  return [
    ...commentChange(target, from && 'comment' in from ? from.comment : undefined, 'comment' in to ? to.comment : undefined),
    ...(ownedSeq ? [] : ownerChange(target, from ? ownerOf(from) : creatorRole, ownerOf(to))),
  ]
}
