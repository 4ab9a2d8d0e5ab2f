/**
 * In-place diff of every object kind but tables: the ALTER / CREATE OR REPLACE changes that take
 * one version of an object to the other, or the reason it must be dropped and recreated.
 * Comments and owners are left to `meta.ts`.
 */
import { absurd } from 'fp-ts/lib/function.js'
import type { PgVersion } from '../ir/catalog.js'
import { parseSyncRaw } from '../parse/sql/parser.js'
import type { AttributeAction, Change, DomainAction, SequenceParams } from '../ir/change.js'
import { irEqual } from '../ir/equal.js'
import type { DbObject, DefaultAcl, Domain, Enum, Function as Routine, Membership, Policy, Role, Sequence, Trigger, View, CompositeType } from '../ir/objects.js'
import { defaultAclChanges } from './default-acl.js'
import { policyDiff } from './policies.js'
import { membershipChanges, roleChanges } from './roles.js'

export type ObjectDiff =
  | { readonly kind: 'alter'; readonly changes: ReadonlyArray<Change> }
  | { readonly kind: 'recreate'; readonly reason: string; readonly destructive?: string }

const alter = (changes: ReadonlyArray<Change>): ObjectDiff => ({ kind: 'alter', changes })
const recreate = (reason: string, destructive?: string): ObjectDiff =>
  destructive === undefined ? { kind: 'recreate', reason } : { kind: 'recreate', reason, destructive }

/** The object without the fields handled elsewhere (comment, owner, privileges incl. view column privileges, span). */
export const body = (o: DbObject): Record<string, unknown> => {
  const { comment: _c, span: _s, ...rest } = o as DbObject & { owner?: string; comment?: string }
  const { owner: _o, acl: _a, columnAcls: _ca, ...bare } = rest as Record<string, unknown>
  return bare
}

/** ADD VALUE steps when `to` is `from` with insertions, else undefined. */
export const enumInsertions = (e0: Enum, e1: Enum): Change[] | undefined => {
  const old = new Set(e0.values)
  const kept = e1.values.filter((v) => old.has(v))
  if (!irEqual(kept, e0.values)) return undefined
  return e1.values.flatMap((value, i): Change[] => {
    if (old.has(value)) return []
    const base = { kind: 'AddEnumValue' as const, schema: e1.schema, name: e1.name, value, summary: `add value '${value}' to enum "${e1.name}"` }
    if (e0.values.length === 0 && i === 0) return [base]
    if (i > 0) return [{ ...base, after: e1.values[i - 1] as string }]
    return [{ ...base, before: e1.values[1] as string }]
  })
}

const sequenceDiff = (s0: Sequence, s1: Sequence): Change[] => {
  const keys = ['dataType', 'start', 'increment', 'minValue', 'maxValue', 'cache', 'cycle', 'persistence'] as const
  const params: Record<string, string | boolean> = {}
  for (const k of keys) if (s0[k] !== s1[k]) params[k] = s1[k]
  // the current value must stay within the bounds: move it forward to the new start of the range
  const ascending = !s1.increment.startsWith('-')
  if (ascending && BigInt(s1.minValue) > BigInt(s0.minValue)) params['atLeast'] = s1.minValue
  if (!ascending && BigInt(s1.maxValue) < BigInt(s0.maxValue)) params['atMost'] = s1.maxValue
  return Object.keys(params).length
    ? [
        {
          kind: 'AlterSequence',
          schema: s1.schema,
          name: s1.name,
          params: params as SequenceParams,
          summary: `modify sequence "${s1.name}"`,
        },
      ]
    : []
}

/** A domain check or composite attribute without its comment (COMMENT ON is a change of its own: see subComments in index.ts). */
export const withoutComment = <T extends { readonly comment?: string }>(x: T): Omit<T, 'comment'> => {
  const { comment: _c, ...rest } = x
  return rest
}
const sameBody = <T extends { readonly comment?: string }>(a: T, b: T): boolean => irEqual(withoutComment(a), withoutComment(b))

/** A domain check that is kept as it is, or only validated (otherwise it is dropped and added again). */
export const checkKept = (a: Domain['checks'][number], b: Domain['checks'][number]): boolean =>
  sameBody(a, b) || (a.notValid && !b.notValid && a.expression === b.expression)

const domainDiff = (d0: Domain, d1: Domain): ObjectDiff => {
  if (d0.baseType !== d1.baseType || d0.collation !== d1.collation)
    return recreate(`domain "${d1.name}" changes its base type or collation`)
  const actions: DomainAction[] = []
  if (d0.default !== d1.default)
    actions.push(d1.default === undefined ? { kind: 'DropDefault' } : { kind: 'SetDefault', expression: d1.default })
  if (d0.notNull !== d1.notNull) actions.push(d1.notNull ? { kind: 'SetNotNull' } : { kind: 'DropNotNull' })
  const c1 = new Map(d1.checks.map((c) => [c.name, c]))
  const c0 = new Map(d0.checks.map((c) => [c.name, c]))
  for (const a of d0.checks) {
    const b = c1.get(a.name)
    if (!b || !checkKept(a, b)) actions.push({ kind: 'DropCheck', check: a.name })
  }
  for (const b of d1.checks) {
    const a = c0.get(b.name)
    if (!a || !checkKept(a, b)) actions.push({ kind: 'AddCheck', check: withoutComment(b) })
    else if (!sameBody(a, b)) actions.push({ kind: 'ValidateCheck', check: b.name })
  }
  const mayFail = actions.some((a) => a.kind === 'SetNotNull' || (a.kind === 'AddCheck' && !a.check.notValid))
  return alter(
    actions.length
      ? [
          {
            kind: 'AlterDomain',
            schema: d1.schema,
            name: d1.name,
            actions,
            summary: `modify domain "${d1.name}"`,
            ...(mayFail ? { destructive: `domain "${d1.name}" gets a new constraint: fails if stored values violate it` } : {}),
          },
        ]
      : [],
  )
}

const compositeDiff = (c0: CompositeType, c1: CompositeType): ObjectDiff => {
  const a1 = new Map(c1.attributes.map((a) => [a.name, a]))
  const a0 = new Map(c0.attributes.map((a) => [a.name, a]))
  // attribute order is part of the type: only appends and in-place changes keep it
  const kept1 = c1.attributes.filter((a) => a0.has(a.name)).map((a) => a.name)
  const kept0 = c0.attributes.filter((a) => a1.has(a.name)).map((a) => a.name)
  const appended = c1.attributes.slice(0, kept1.length).every((a) => a0.has(a.name))
  if (!irEqual(kept0, kept1) || !appended)
    return recreate(`composite type "${c1.name}" reorders its attributes`, `composite type "${c1.name}" is recreated`)
  const actions: AttributeAction[] = []
  const reasons: string[] = []
  for (const a of c0.attributes)
    if (!a1.has(a.name)) {
      actions.push({ kind: 'DropAttribute', attribute: a.name })
      reasons.push(`attribute "${a.name}" is dropped`)
    }
  for (const b of c1.attributes) {
    const a = a0.get(b.name)
    if (!a) actions.push({ kind: 'AddAttribute', attribute: withoutComment(b) })
    else if (!sameBody(a, b)) {
      actions.push({ kind: 'AlterAttributeType', attribute: b.name, type: b.type, ...(b.collation !== undefined ? { collation: b.collation } : {}) })
      reasons.push(`attribute "${b.name}" changes type`)
    }
  }
  return alter(
    actions.length
      ? [
          {
            kind: 'AlterCompositeType',
            schema: c1.schema,
            name: c1.name,
            actions,
            summary: `modify composite type "${c1.name}"`,
            ...(reasons.length ? { destructive: reasons.join('; ') } : {}),
          },
        ]
      : [],
  )
}

const viewDiff = (v0: View, v1: View): ObjectDiff => {
  const { columnComments: _a, ...b0 } = body(v0) as View
  const { columnComments: _b, ...b1 } = body(v1) as View
  if (irEqual(b0, b1)) return alter([])
  const t0 = targets(v0.query)
  const t1 = targets(v1.query)
  // an existing column keeps its type only if its expression is unchanged (types are not in the IR)
  const appendsOnly =
    v0.columns.every((c, i) => v1.columns[i] === c) &&
    t0 !== undefined &&
    t1 !== undefined &&
    t0.every((x, i) => t1[i] === x)
  if (!appendsOnly) return recreate(`view "${v1.name}" changes its columns`)
  return alter([{ kind: 'ReplaceView', view: v1, summary: `replace view "${v1.name}"` }])
}

const functionDiff = (f0: Routine, f1: Routine): ObjectDiff => {
  if (irEqual(body(f0), body(f1))) return alter([])
  const shape = (f: Routine) => ({
    routine: f.routine,
    returns: f.returns,
    returnsSet: f.returnsSet,
    args: f.args.map((a) => ({ mode: a.mode, name: a.name, type: a.type })),
  })
  const defaultsKept = f0.args.every((a, i) => a.default === undefined || f1.args[i]?.default !== undefined)
  if (!irEqual(shape(f0), shape(f1)) || !defaultsKept)
    return recreate(`${f1.routine} "${f1.name}" changes its result type or argument names`)
  return alter([{ kind: 'ReplaceFunction', function: f1, summary: `replace ${f1.routine} "${f1.name}"` }])
}

const triggerDiff = (t0: Trigger, t1: Trigger, v: PgVersion): ObjectDiff => {
  const { enabled: _e0, ...b0 } = body(t0) as Trigger
  const { enabled: _e1, ...b1 } = body(t1) as Trigger
  const changes: Change[] = []
  if (!irEqual(b0, b1)) {
    if (t0.constraint || t1.constraint || v < 14) return recreate(`trigger "${t1.name}" changes`)
    changes.push({ kind: 'ReplaceTrigger', trigger: t1, summary: `replace trigger "${t1.name}" on "${t1.table}"` })
  }
  if (t0.enabled !== t1.enabled || (changes.length && t1.enabled !== 'origin'))
    changes.push(triggerEnabledChange(t1))
  return alter(changes)
}

export const triggerEnabledChange = (t1: Trigger): Change => ({
  kind: 'AlterTable',
  schema: t1.schema,
  name: t1.table,
  actions: [{ kind: 'SetTriggerEnabled', trigger: t1.name, enabled: t1.enabled }],
  summary: `set trigger "${t1.name}" on "${t1.table}" ${t1.enabled}`,
})

/** In-place diff of two versions of one non-table object. */
export const diffObject = (o0: DbObject, o1: DbObject, v: PgVersion): ObjectDiff => {
  if (o0.kind !== o1.kind) return recreate(`"${'name' in o1 ? o1.name : ''}" changes kind`)
  switch (o1.kind) {
    case 'Schema':
      return alter([])
    case 'Extension': {
      const e0 = o0 as typeof o1
      if (e0.schema !== o1.schema) return recreate(`extension "${o1.name}" moves to another schema`)
      return alter(
        e0.version !== o1.version && o1.version !== undefined
          ? [{ kind: 'AlterExtension', name: o1.name, version: o1.version, summary: `update extension "${o1.name}" to ${o1.version}` }]
          : [],
      )
    }
    case 'Table':
      throw new Error('tables are diffed by diffTable')
    case 'Index':
      return irEqual(body(o0), body(o1)) ? alter([]) : recreate(`index "${o1.name}" changes`)
    case 'View':
      return viewDiff(o0 as View, o1)
    case 'MaterializedView': {
      const { columnComments: _a, ...b0 } = body(o0) as typeof o1
      const { columnComments: _b, ...b1 } = body(o1) as typeof o1
      return irEqual(b0, b1) ? alter([]) : recreate(`materialized view "${o1.name}" changes`, `materialized view "${o1.name}" is recreated: its data is recomputed`)
    }
    case 'Sequence':
      return alter(sequenceDiff(o0 as Sequence, o1))
    case 'Enum': {
      const adds = enumInsertions(o0 as Enum, o1)
      return adds
        ? alter(adds)
        : recreate(`enum "${o1.name}" removes or reorders values`, `enum "${o1.name}" removes or reorders values: it is recreated and columns using it are converted; values no longer listed make the conversion fail`)
    }
    case 'Domain':
      return domainDiff(o0 as Domain, o1)
    case 'CompositeType':
      return compositeDiff(o0 as CompositeType, o1)
    case 'Function':
      return functionDiff(o0 as Routine, o1)
    case 'Trigger':
      return triggerDiff(o0 as Trigger, o1, v)
    case 'Role':
      return alter(roleChanges(o0 as Role, o1))
    case 'Membership':
      return alter(membershipChanges(o0 as Membership, o1))
    case 'DefaultAcl':
      return alter(defaultAclChanges(o0 as DefaultAcl, o1, v))
    case 'Policy':
      return policyDiff(o0 as Policy, o1)
    case 'Database':
      // owner, comment and privileges are meta changes (meta.ts, acl.ts)
      return alter([])
    default:
      return absurd(o1)
  }
}

const noLocations = (_k: string, v: unknown): unknown => (_k === 'location' ? undefined : v)

/** The target list of a plain SELECT, each target as location-free JSON; undefined for other queries. */
const targets = (query: string): string[] | undefined => {
  try {
    const stmt = parseSyncRaw(query).stmts?.[0]?.stmt
    if (!stmt || !('SelectStmt' in stmt) || stmt.SelectStmt.op !== 'SETOP_NONE') return undefined
    return (stmt.SelectStmt.targetList ?? []).map((t) => JSON.stringify(t, noLocations))
  } catch {
    return undefined
  }
}
