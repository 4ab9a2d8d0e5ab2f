/**
 * `permission` blocks: declared privileges (lower/context.ts DeclaredPrivilege), applied after the
 * statements ran (apply-privileges.ts). Nothing is lowered to SQL: an object's ACL is its owner's
 * implicit entries plus exactly what is declared, which GRANT statements cannot say.
 */
import { identity } from '../../../ir/names.js'
import type { AclKind } from '../../../normalize/acl.js'
import type { BlockAddress } from '../eval/value.js'
import type { BlockView, LowerContext } from './context.js'
import { readBool } from './read.js'
import { expandPrivileges, missing, privilegeWords, roleOf } from './access-names.js'

/** Block types a permission may be `for`, with the ACL kind of their objects. */
export const SECURABLE_TYPES: Readonly<Record<string, AclKind>> = {
  schema: 'schema',
  table: 'table',
  view: 'table',
  materialized: 'table',
  sequence: 'sequence',
  function: 'function',
  procedure: 'function',
  enum: 'type',
  domain: 'type',
  composite: 'type',
} as const

/** The IR kind of a securable block type (for identities). */
const IR_KIND = {
  schema: 'Schema',
  table: 'Table',
  view: 'View',
  materialized: 'MaterializedView',
  sequence: 'Sequence',
  function: 'Function',
  procedure: 'Function',
  enum: 'Enum',
  domain: 'Domain',
  composite: 'CompositeType',
} as const

/** Relations whose columns take privileges. */
const COLUMN_HOLDERS = ['table', 'view', 'materialized'] as const

/**
 * The identity a DeclaredPrivilege names for a block address. A routine's is its identity
 * without the signature (routine names are unique in the dialect; apply-privileges.ts matches it
 * by name), since its argument types are only known once its CREATE ran.
 */
export const privilegeObject = (a: BlockAddress): string | undefined => {
  const kind = IR_KIND[a.type as keyof typeof IR_KIND]
  if (kind === undefined) return undefined
  if (kind === 'Schema') return identity('Schema', [a.name])
  return identity(kind, [a.schema ?? 'public', a.name])
}

/** The identity of the current database (`for = database`). */
export const DATABASE_OBJECT = identity('Database', [])

const ATTRIBUTES = ['to', 'for', 'privileges', 'grantable', 'columns', 'grantor', 'depends_on', 'for_each'] as const

const sameObject = (a: BlockAddress | undefined, b: BlockAddress): boolean =>
  a !== undefined && a.type === b.type && a.name === b.name && (a.schema ?? 'public') === (b.schema ?? 'public')

/** `columns = [table.t.column.c, …]` (or `column.c` names as strings): column names of the `for` relation. */
const columnsOf = (ctx: LowerContext, b: BlockView, target: BlockAddress): ReadonlyArray<string> | undefined => {
  const v = b.attr('columns')
  if (v === undefined || v.kind === 'null') return undefined
  if (v.kind !== 'list' || !v.items.length) {
    ctx.error('E-TYPE', 'attribute "columns" of permission: expected a non-empty list of columns', v.span)
    return undefined
  }
  if (!(COLUMN_HOLDERS as ReadonlyArray<string>).includes(target.type)) {
    ctx.error('E-TYPE', `attribute "columns" of permission: column privileges need "for" to be a table, view or materialized view, not a ${target.type}`, v.span)
    return undefined
  }
  const names: string[] = []
  for (const i of v.items) {
    if (i.kind === 'string') names.push(i.value)
    else if (i.kind === 'ref' && i.target.type === 'column' && (i.target.parent === undefined || sameObject(i.target.parent, target))) names.push(i.target.name)
    else if (i.kind === 'ref' && i.target.type === 'column')
      ctx.error('E-TYPE', `attribute "columns" of permission: column "${i.target.name}" is not a column of ${target.type} "${target.name}"`, i.span)
    else ctx.error('E-TYPE', 'attribute "columns" of permission: expected references to columns', i.span)
  }
  return names.length === v.items.length ? [...new Set(names)] : undefined
}

export const lowerPermission = (b: BlockView, ctx: LowerContext): void => {
  ctx.allow(b, ATTRIBUTES, [])
  const to = b.attr('to')
  const forV = b.attr('for')
  const privs = b.attr('privileges')
  for (const name of ['to', 'for', 'privileges'])
    if (missing(b, name)) ctx.error('E-MISSING-ATTRIBUTE', `permission needs "${name}"`, b.span)
  if (to === undefined || forV === undefined || privs === undefined) return
  const grantee = roleOf(ctx, to, 'attribute "to" of permission', { allowPublic: true })
  let object: string | undefined
  let kind: AclKind | undefined
  let target: BlockAddress | undefined
  if (forV.kind === 'keyword' && forV.name.toLowerCase() === 'database') {
    object = DATABASE_OBJECT
    kind = 'database'
  } else if (forV.kind === 'ref' && SECURABLE_TYPES[forV.target.type] !== undefined) {
    target = forV.target
    object = privilegeObject(target)
    kind = SECURABLE_TYPES[target.type]
  } else
    ctx.error(
      'E-TYPE',
      `attribute "for" of permission: expected database or a reference to ${Object.keys(SECURABLE_TYPES).join(', ')}, got ${forV.kind === 'ref' ? `a reference to ${forV.target.type}` : forV.kind}`,
      forV.span,
    )
  const words = privilegeWords(ctx, privs, 'attribute "privileges" of permission')
  const grantable = readBool(ctx, b, 'grantable') ?? false
  const colsV = b.attr('columns')
  const colsGiven = colsV !== undefined && colsV.kind !== 'null'
  if (colsGiven && target === undefined && kind === 'database') ctx.error('E-TYPE', 'attribute "columns" of permission: the database has no columns', colsV.span)
  const columns = target ? columnsOf(ctx, b, target) : undefined
  const gv = b.attr('grantor')
  const grantor = gv === undefined || gv.kind === 'null' ? undefined : roleOf(ctx, gv, 'attribute "grantor" of permission')
  if (grantee === undefined || object === undefined || kind === undefined || words === undefined) return
  if (grantable && grantee.name === 'PUBLIC') {
    ctx.error('E-INVALID-GRANT-OPERATION', 'permission: grant options can only be granted to roles, not PUBLIC', b.attrSpan('grantable') ?? b.span)
    return
  }
  if (colsGiven && columns === undefined) return
  ctx.privilege({
    object,
    ...(columns ? { columns } : {}),
    grantee: grantee.name,
    ...(grantee.external ? { granteeExternal: true } : {}),
    privileges: expandPrivileges(words, columns ? 'column' : kind, ctx.pgVersion),
    grantable,
    ...(grantor ? { grantor: grantor.name } : {}),
    span: b.span,
  })
}
