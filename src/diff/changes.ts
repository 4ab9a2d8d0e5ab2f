/** Constructors of the Create / Drop / RenameType changes, with their summaries and safety notes. */
import { absurd } from 'fp-ts/lib/function.js'
import type { Change } from '../ir/change.js'
import type { DbObject } from '../ir/objects.js'

/** Human name of an object kind, as the SQL comments print it. */
export const kindWord = (o: DbObject): string => {
  switch (o.kind) {
    case 'Schema':
      return 'schema'
    case 'Extension':
      return 'extension'
    case 'Table':
      return 'table'
    case 'View':
      return 'view'
    case 'MaterializedView':
      return 'materialized view'
    case 'Index':
      return 'index'
    case 'Sequence':
      return 'sequence'
    case 'Enum':
      return 'enum type'
    case 'Domain':
      return 'domain'
    case 'CompositeType':
      return 'composite type'
    case 'Function':
      return o.routine
    case 'Trigger':
      return 'trigger'
    case 'Role':
      return 'role'
    case 'Membership':
      return 'membership'
    case 'DefaultAcl':
      return 'default privileges'
    case 'Policy':
      return 'policy'
    case 'Database':
      return 'database'
    default:
      return absurd(o)
  }
}

/** Why dropping an object (for good) loses data or breaks clients, if it does. */
const dropHazard = (o: DbObject): string | undefined => {
  switch (o.kind) {
    case 'Schema':
      return `schema "${o.name}" is dropped with everything in it`
    case 'Table':
      return `table "${o.name}" is dropped: its data is lost`
    case 'MaterializedView':
      return `materialized view "${o.name}" is dropped`
    case 'Sequence':
      return `sequence "${o.name}" is dropped: its current value is lost`
    case 'Enum':
    case 'Domain':
    case 'CompositeType':
      return `type "${o.name}" is dropped`
    case 'View':
      return `view "${o.name}" is dropped: clients reading it break`
    case 'Function':
      return `${o.routine} "${o.name}" is dropped: callers break`
    case 'Extension':
      return `extension "${o.name}" is dropped with its objects`
    case 'Role':
      return `role "${o.name}" is dropped`
    case 'Index':
    case 'Trigger':
    case 'Membership':
    case 'DefaultAcl':
    case 'Policy':
    case 'Database':
      return undefined
    default:
      return absurd(o)
  }
}

export const nameOf = (o: DbObject): string => ('name' in o ? o.name : o.kind === 'Membership' ? `${o.role}/${o.member}` : o.kind === 'DefaultAcl' ? `${o.role}/${o.schema}/${o.objectType}` : 'database')

export const createChange = (o: DbObject): Change => ({ kind: 'Create', object: o, summary: `create ${kindWord(o)} "${nameOf(o)}"` })

/** A drop; for an object that comes back, `recreate.destructive` says whether that loses anything. */
export const dropChange = (o: DbObject, cascade: boolean, recreate?: { readonly destructive?: string }): Change => {
  const hazard = recreate === undefined ? dropHazard(o) : recreate.destructive
  return {
    kind: 'Drop',
    object: o,
    cascade,
    summary: `drop ${kindWord(o)} "${nameOf(o)}"`,
    ...(hazard !== undefined ? { destructive: hazard } : {}),
  }
}

/** Name a recreated type is moved aside to while its users are converted. */
export const tempName = (o: DbObject): string => `${nameOf(o).slice(0, 40)}__pgcharter_old`

export const renameChange = (o: DbObject): Change => {
  if (o.kind !== 'Enum' && o.kind !== 'Domain' && o.kind !== 'CompositeType') throw new Error(`cannot move aside ${o.kind}`)
  return {
    kind: 'RenameType',
    typeKind: o.kind,
    schema: o.schema,
    name: o.name,
    newName: tempName(o),
    summary: `move ${kindWord(o)} "${o.name}" aside to rebuild it`,
  }
}
