/**
 * Table diff: the ALTER TABLE actions that take one table to another in place, split into the
 * actions that remove things (run early, before what they used is dropped) and those that add or
 * change things (run late, after what they use is created). When no in-place path exists the
 * table must be recreated, and the reason is returned instead.
 */
import type { PgVersion } from '../ir/catalog.js'
import type { Change, TableAction } from '../ir/change.js'
import { irEqual } from '../ir/equal.js'
import { quoteIdent } from '../ir/names.js'
import type { Column, Constraint, Table } from '../ir/objects.js'
import { commentChange, subTarget } from './meta.js'
import { isSafeWidening, needsTextCast } from './types.js'

export interface Step {
  readonly action: TableAction
  readonly destructive?: string
}

export interface TableAlter {
  readonly kind: 'alter'
  readonly pre: ReadonlyArray<Step>
  readonly post: ReadonlyArray<Step>
  /** ALTER TABLE parent DETACH / ATTACH PARTITION this */
  readonly detach?: Change
  readonly attach?: Change
  readonly meta: ReadonlyArray<Change>
}
export interface TableRecreate {
  readonly kind: 'recreate'
  readonly reason: string
}

export interface TableContext {
  readonly pgVersion: PgVersion
  /** foreign keys (by name) that must be dropped and re-added because what they reference is recreated */
  readonly forcedFks: ReadonlySet<string>
  /** foreign keys (by name) added in a later step (they close a cycle) */
  readonly deferredFks: ReadonlySet<string>
  /** true when the column's type is recreated (moved aside and rebuilt) and the column must be re-typed */
  readonly retyped: (column: Column) => boolean
  /** the partition parent, before and after, when the table is a partition (it inherits columns and constraints) */
  readonly parent?: { readonly from?: Table; readonly to?: Table }
}

/** True when a partition's constraint comes from its parent (same name, or the same key columns). */
export const inherited = (k: Constraint, parent: Table | undefined): boolean =>
  parent !== undefined &&
  parent.constraints.some(
    (p) =>
      p.name === k.name ||
      ((p.kind === 'PrimaryKey' || p.kind === 'Unique') && p.kind === k.kind && irEqual(p.columns, (k as typeof p).columns)),
  )

/** A partition as created: PARTITION OF brings the parent's constraints along. */
export const withoutInherited = (t: Table, parent: Table | undefined): Table =>
  t.partitionOf && parent ? { ...t, constraints: t.constraints.filter((k) => !inherited(k, parent)) } : t

const usingCast = (col: Column, viaText: boolean): string => {
  const arrays = /(\[\])+$/.exec(col.type)?.[0] ?? ''
  return viaText ? `${quoteIdent(col.name)}::text${arrays}::${col.type}` : `${quoteIdent(col.name)}::${col.type}`
}

const sameConstraintButValidation = (a: Constraint, b: Constraint): boolean =>
  (a.kind === 'Check' || a.kind === 'ForeignKey') &&
  a.kind === b.kind &&
  a.notValid &&
  !(b as typeof a).notValid &&
  irEqual({ ...a, notValid: false }, b)

const columnSteps = (t0: Table, c0: Column, c1: Column, ctx: TableContext): { pre: Step[]; post: Step[] } => {
  const pre: Step[] = []
  const post: Step[] = []
  const name = c1.name
  const readd = (why: string): { pre: Step[]; post: Step[] } => ({
    pre: [{ action: { kind: 'DropColumn', column: name }, destructive: `column "${name}" is dropped and re-added (${why}): its data is lost` }],
    post: [{ action: { kind: 'AddColumn', column: stripComment(c1) } }],
  })
  // generated columns
  if (c0.generated !== c1.generated) {
    if (c1.generated === undefined) post.push({ action: { kind: 'DropExpression', column: name } })
    else if (c0.generated === undefined) return readd('it becomes a generated column')
    else if (ctx.pgVersion >= 17) post.push({ action: { kind: 'SetExpression', column: name, expression: c1.generated } })
    else return readd('its generation expression changes')
  }
  const retype = ctx.retyped(c1)
  const typeChanged = c0.type !== c1.type || c0.collation !== c1.collation || retype
  // identity removed first, so that a default can replace it
  if (c0.identity && !c1.identity) pre.push({ action: { kind: 'DropIdentity', column: name } })
  const defaultChanged = c0.default !== c1.default
  // a default that goes away goes early: what it used (a sequence) may be dropped, its name reused
  if (c0.default !== undefined && c1.default === undefined) pre.push({ action: { kind: 'DropDefault', column: name } })
  else if ((defaultChanged || typeChanged) && c0.default !== undefined) post.push({ action: { kind: 'DropDefault', column: name } })
  if (typeChanged) {
    const safe = retype || (c0.collation === c1.collation && isSafeWidening(c0.type, c1.type))
    post.push({
      action: {
        kind: 'AlterColumnType',
        column: name,
        type: c1.type,
        ...(c1.collation !== undefined ? { collation: c1.collation } : {}),
        ...(c0.type !== c1.type || retype ? { using: usingCast(c1, retype || needsTextCast(c0.type, c1.type)) } : {}),
      },
      ...(safe ? {} : { destructive: `column "${name}" changes type from ${c0.type} to ${c1.type}: values may not convert or may lose precision` }),
    })
  }
  if (c1.default !== undefined && (defaultChanged || typeChanged))
    post.push({ action: { kind: 'SetDefault', column: name, expression: c1.default } })
  if (!c0.identity && c1.identity) post.push({ action: { kind: 'AddIdentity', column: name, identity: c1.identity } })
  else if (c0.identity && c1.identity && !irEqual(c0.identity, c1.identity))
    post.push({ action: { kind: 'SetIdentity', column: name, identity: c1.identity } })
  if (!c0.notNull && c1.notNull)
    post.push({
      action: { kind: 'SetNotNull', column: name },
      destructive: `column "${name}" becomes NOT NULL: fails if existing rows hold NULL`,
    })
  else if (c0.notNull && !c1.notNull) post.push({ action: { kind: 'DropNotNull', column: name } })
  void t0
  return { pre, post }
}

const stripComment = (c: Column): Column => {
  const { comment: _c, span: _s, ...rest } = c
  return rest
}

/** Diff two versions of one table. */
export const diffTable = (t0: Table, t1: Table, ctx: TableContext): TableAlter | TableRecreate => {
  if (!irEqual(t0.partitionBy, t1.partitionBy))
    return { kind: 'recreate', reason: `table "${t1.name}" changes its partitioning: it is dropped and recreated, its data is lost` }
  if (!irEqual(t0.partitionOf?.parent, t1.partitionOf?.parent))
    return { kind: 'recreate', reason: `table "${t1.name}" changes its partition parent: it is dropped and recreated, its data is lost` }
  const pre: Step[] = []
  const post: Step[] = []
  const meta: Change[] = []
  const cols0 = new Map(t0.columns.map((c) => [c.name, c]))
  const cols1 = new Map(t1.columns.map((c) => [c.name, c]))
  const pf = ctx.parent?.from
  const pt = ctx.parent?.to
  const fromParent = (p: Table | undefined, name: string): boolean => p !== undefined && p.columns.some((c) => c.name === name)
  const preCols: Step[] = []
  for (const c0 of t0.columns)
    if (!cols1.has(c0.name) && !fromParent(pf, c0.name))
      preCols.push({ action: { kind: 'DropColumn', column: c0.name }, destructive: `column "${c0.name}" is dropped: its data is lost` })
  // a generated column reading a column that changes type is dropped and re-added (PostgreSQL refuses the change otherwise)
  const retypedNames = t1.columns.filter((c1) => {
    const c0 = cols0.get(c1.name)
    return c0 !== undefined && (c0.type !== c1.type || ctx.retyped(c1))
  }).map((c) => c.name)
  const mentions = (expr: string, name: string): boolean =>
    new RegExp(`(^|[^A-Za-z0-9_$"])(${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|"${name.replace(/"/g, '""').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}")($|[^A-Za-z0-9_$"])`).test(expr)
  for (const c1 of t1.columns) {
    const c0 = cols0.get(c1.name)
    if (c0 && pt && fromParent(pt, c1.name) && fromParent(pf, c1.name)) {
      meta.push(...commentChange(subTarget('Column', t1.schema, t1.name, c1.name), c0.comment, c1.comment))
      continue
    }
    if (c0 && c0.generated !== undefined && c1.generated !== undefined && c0.generated === c1.generated && retypedNames.some((n) => n !== c1.name && mentions(c1.generated as string, n))) {
      preCols.push({ action: { kind: 'DropColumn', column: c1.name } })
      post.push({ action: { kind: 'AddColumn', column: stripComment(c1) } })
    } else if (!c0) {
      if (fromParent(pt, c1.name)) continue
      const mayFail = c1.notNull && c1.default === undefined && !c1.identity && !c1.generated
      post.push({
        action: { kind: 'AddColumn', column: stripComment(c1) },
        ...(mayFail ? { destructive: `column "${c1.name}" is added NOT NULL without a default: fails if the table has rows` } : {}),
      })
    } else {
      const s = columnSteps(t0, c0, c1, ctx)
      preCols.push(...s.pre)
      post.push(...s.post)
    }
    meta.push(...commentChange(subTarget('Column', t1.schema, t1.name, c1.name), c0?.comment, c1.comment))
  }
  const k0 = new Map(t0.constraints.map((k) => [k.name, k]))
  const k1 = new Map(t1.constraints.map((k) => [k.name, k]))
  for (const a of t0.constraints) {
    const b = k1.get(a.name)
    const forced = ctx.forcedFks.has(a.name)
    if (inherited(a, pf)) continue
    if (!b || forced || (!irEqual({ ...a, comment: undefined }, { ...b, comment: undefined }) && !sameConstraintButValidation(a, b)))
      pre.push({ action: { kind: 'DropConstraint', constraint: a.name } })
  }
  for (const b of t1.constraints) {
    const a = k0.get(b.name)
    const { comment: _c, span: _s, ...bare } = b
    if (inherited(b, pt)) continue
    if (!a || ctx.forcedFks.has(b.name) || (!irEqual({ ...a, comment: undefined }, { ...b, comment: undefined }) && !sameConstraintButValidation(a, b))) {
      if (!ctx.deferredFks.has(b.name)) post.push({ action: { kind: 'AddConstraint', constraint: bare as Constraint } })
    } else if (sameConstraintButValidation(a, b)) post.push({ action: { kind: 'ValidateConstraint', constraint: b.name } })
    meta.push(...commentChange(subTarget('Constraint', t1.schema, t1.name, b.name), a && !ctx.forcedFks.has(b.name) ? a.comment : undefined, b.comment))
  }
  pre.push(...preCols)
  if (t0.persistence !== t1.persistence) post.push({ action: { kind: 'SetPersistence', persistence: t1.persistence } })
  const o0 = t0.options ?? {}
  const o1 = t1.options ?? {}
  const reset = Object.keys(o0).filter((k) => !(k in o1)).sort()
  const set = Object.fromEntries(Object.keys(o1).filter((k) => o0[k] !== o1[k]).sort().map((k) => [k, o1[k] as string]))
  if (reset.length) post.push({ action: { kind: 'ResetOptions', options: reset } })
  if (t0.rowSecurity !== t1.rowSecurity) post.push({ action: { kind: 'SetRowSecurity', enabled: t1.rowSecurity === true } })
  if (t0.forceRowSecurity !== t1.forceRowSecurity) post.push({ action: { kind: 'SetForceRowSecurity', forced: t1.forceRowSecurity === true } })
  if (Object.keys(set).length) post.push({ action: { kind: 'SetOptions', options: set } })
  let detach: Change | undefined
  let attach: Change | undefined
  if (t0.partitionOf && t1.partitionOf && t0.partitionOf.bound !== t1.partitionOf.bound) {
    const parent = t1.partitionOf.parent
    const partition = { schema: t1.schema, name: t1.name }
    detach = {
      kind: 'AlterTable',
      schema: parent.schema,
      name: parent.name,
      actions: [{ kind: 'DetachPartition', partition }],
      summary: `detach partition "${t1.name}" from "${parent.name}"`,
    }
    attach = {
      kind: 'AlterTable',
      schema: parent.schema,
      name: parent.name,
      actions: [{ kind: 'AttachPartition', partition, bound: t1.partitionOf.bound }],
      summary: `attach partition "${t1.name}" to "${parent.name}" ${t1.partitionOf.bound}`,
    }
  }
  return { kind: 'alter', pre, post, ...(detach ? { detach } : {}), ...(attach ? { attach } : {}), meta }
}

/** One ALTER TABLE change from steps, or nothing. */
export const alterTableChange = (schema: string, name: string, steps: ReadonlyArray<Step>, what: string): Change[] => {
  if (steps.length === 0) return []
  const reasons = steps.flatMap((s) => (s.destructive ? [s.destructive] : []))
  return [
    {
      kind: 'AlterTable',
      schema,
      name,
      actions: steps.map((s) => s.action),
      summary: `${what} table "${name}"`,
      ...(reasons.length ? { destructive: reasons.join('; ') } : {}),
    },
  ]
}
