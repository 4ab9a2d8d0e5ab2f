/**
 * Plan → Catalog. Names are allocated once over the whole plan (so both sides of a pair agree on
 * them), then each side keeps the elements present on it, drops what depends on something absent,
 * and (side b) applies the alterations. Expression texts are canonical (`canonicalExpr`), so the IR
 * is exactly what the SQL interpreter produces when it reads the emitted SQL back.
 * Requires `await ready()` before use.
 */
import { catalog, freshCatalog, type Catalog, type PgVersion } from '../src/ir/catalog.js'
import { qualified, quoteIdent, quoteLiteral } from '../src/ir/names.js'
import type { Column, Constraint, DbObject, DomainCheck, FunctionArg, IndexKey } from '../src/ir/objects.js'
import { canonicalExpr, canonicalQuery } from '../src/normalize/expr.js'
import { COMMENTS, ENUM_LABELS, Namespace, clip, poolOf, type NameMode } from './names.js'
import type { Plan, Presence, TablePlan, Versioned } from './plan.js'
import {
  BUILTIN_TYPES, DOMAIN_BASES, FK_ACTIONS, SEQUENCE_INCREMENTS, SEQUENCE_TYPES, VOLATILITIES, builtinByName,
} from './types.js'

export type Side = 'a' | 'b'
type DomainCheckT = typeof DomainCheck._A

const at = <T>(xs: ReadonlyArray<T>, i: number): T => xs[i % xs.length] as T
const onSide = (p: Presence, side: Side): boolean => p === 'both' || p === side
/** the alteration number when it applies (side b, element present on both sides) */
const altered = (v: Versioned, side: Side): number | undefined =>
  side === 'b' && v.presence === 'both' ? v.alter : undefined
const commentOf = (c: number | undefined): { comment?: string } => (c === undefined ? {} : { comment: at(COMMENTS, c) })
/** comment after an alteration: changed, or removed */
const alteredComment = (c: number | undefined, alter: number | undefined): { comment?: string } =>
  alter === undefined ? commentOf(c) : c === undefined ? commentOf(alter) : alter % 2 ? {} : commentOf(c + 1)
const dedup = (xs: ReadonlyArray<number>): number[] => [...new Set(xs)]
const subst = (template: string, target: string, by: string): string =>
  canonicalExpr(template.replace(new RegExp(`\\b${target}\\b`, 'g'), by))

interface TypeChoice {
  readonly type: string
  readonly builtin: boolean
  /** index of the user type it needs (enums then domains), if any */
  readonly needs?: number
  readonly enumLabel?: string
}

interface ResolvedColumn {
  readonly plan: TablePlan['columns'][number] | undefined
  readonly name: string
  readonly choice: TypeChoice
  readonly pk: boolean
  /** referenced by a foreign key, a view or a primary key: never altered in type */
  fixed: boolean
}

/** Build side `side` of a plan. */
export const buildSide = (plan: Plan, side: Side, mode: NameMode, v: PgVersion): Catalog => {
  const pool = poolOf(mode)
  const fresh = freshCatalog(v)
  const objects: DbObject[] = [...fresh.objects.values()]
  const owner = 'postgres'

  // ── schemas ──
  const schemaNs = new Namespace(pool)
  for (const s of ['public', 'pg_catalog', 'information_schema', 'pg_toast']) schemaNs.reserve(s)
  const schemaNames = ['public', ...plan.schemas.map((s) => schemaNs.take(s.name))]
  const schemaOn = [true, ...plan.schemas.map((s) => onSide(s.presence, side))]
  plan.schemas.forEach((s, i) => {
    if (!schemaOn[i + 1]) return
    objects.push({ kind: 'Schema', name: schemaNames[i + 1] as string, owner, ...alteredComment(s.comment, altered(s, side)) })
  })
  const relNs = schemaNames.map(() => new Namespace(pool))
  const fnNs = schemaNames.map(() => new Namespace(pool))
  const sch = (i: number): number => i % schemaNames.length
  const sname = (i: number): string => schemaNames[sch(i)] as string
  const present = (v0: Versioned, schema: number): boolean => onSide(v0.presence, side) && (schemaOn[sch(schema)] as boolean)

  // ── user types: enums then domains (one list for column type choices) ──
  const userTypes: { qualified: string; on: boolean; enumLabel?: string }[] = []
  for (const e of plan.enums) {
    const name = (relNs[sch(e.schema)] as Namespace).take(e.name)
    const labels = dedup(e.labels).map((l) => at(ENUM_LABELS, l))
    const uniqueLabels = [...new Set(labels)]
    const on = present(e, e.schema)
    userTypes.push({ qualified: qualified(sname(e.schema), name), on, enumLabel: uniqueLabels[0] as string })
    if (!on) continue
    const alter = altered(e, side)
    const extra = alter === undefined ? [] : ENUM_LABELS.filter((l) => !uniqueLabels.includes(l)).slice(alter % 3, (alter % 3) + 1)
    objects.push({
      kind: 'Enum', schema: sname(e.schema), name, owner, values: [...uniqueLabels, ...extra],
      ...alteredComment(e.comment, alter !== undefined && alter % 2 ? alter : undefined),
    })
  }
  for (const d of plan.domains) {
    const name = (relNs[sch(d.schema)] as Namespace).take(d.name)
    const on = present(d, d.schema)
    userTypes.push({ qualified: qualified(sname(d.schema), name), on })
    if (!on) continue
    const base = at(DOMAIN_BASES, d.base)
    const alter = altered(d, side)
    const notNull = alter !== undefined && alter % 3 === 0 ? !d.notNull : d.notNull
    const dflt = alter !== undefined && alter % 3 === 1 ? (d.default === undefined ? 0 : undefined) : d.default
    const checks: DomainCheckT[] =
      d.check === undefined ? [] : [{ name: `${clip(name, 20)}_check`, expression: canonicalExpr(at(base.checks, d.check)), notValid: false }]
    objects.push({
      kind: 'Domain', schema: sname(d.schema), name, owner, baseType: base.name, notNull, checks,
      ...(dflt === undefined ? {} : { default: canonicalExpr(at(base.defaults, dflt)) }),
      ...alteredComment(d.comment, alter !== undefined && alter % 3 === 2 ? alter : undefined),
    })
  }

  // ── sequences ──
  for (const q of plan.sequences) {
    const name = (relNs[sch(q.schema)] as Namespace).take(q.name)
    if (!present(q, q.schema)) continue
    const alter = altered(q, side)
    const type = at(SEQUENCE_TYPES, q.type)
    let increment: string = at(SEQUENCE_INCREMENTS, q.increment)
    if (alter !== undefined && alter % 3 === 0) increment = increment === '1' ? '5' : increment === '5' ? '10' : increment === '10' ? '1' : increment
    const desc = increment.startsWith('-')
    objects.push({
      kind: 'Sequence', schema: sname(q.schema), name, owner, dataType: type.name,
      start: desc ? '-1' : '1', increment, minValue: desc ? type.min : '1', maxValue: desc ? '-1' : type.max,
      cache: q.cache ? '20' : '1', cycle: alter !== undefined && alter % 3 === 1 ? !q.cycle : q.cycle, persistence: 'permanent',
      ...alteredComment(q.comment, alter !== undefined && alter % 3 === 2 ? alter : undefined),
    })
  }

  const choose = (t: number): TypeChoice => {
    if (t < BUILTIN_TYPES.length || userTypes.length === 0) return { type: at(BUILTIN_TYPES, t).name, builtin: true }
    const k = t - BUILTIN_TYPES.length
    const u = at(userTypes, k)
    const needs = k % userTypes.length
    const array = u.enumLabel !== undefined && k >= userTypes.length
    return { type: array ? `${u.qualified}[]` : u.qualified, builtin: false, needs, ...(u.enumLabel !== undefined && !array ? { enumLabel: u.enumLabel } : {}) }
  }

  // ── tables, pass 1: every name, over the full plan (both sides must agree on them) ──
  const tables = plan.tables.map((t) => {
    const rel = relNs[sch(t.schema)] as Namespace
    const name = rel.take(t.name)
    const colNs = new Namespace(pool)
    const conNs = new Namespace(pool)
    const cols: ResolvedColumn[] = t.columns.map((c) => ({ plan: c, name: colNs.take(c.name), choice: choose(c.type), pk: false, fixed: false }))
    const pkCols = cols.filter((c) => c.choice.builtin && c.plan?.presence === 'both').slice(0, t.pkWidth)
    for (const c of pkCols) Object.assign(c, { pk: true, fixed: true })
    const pkName = pkCols.length ? takeBoth(rel, conNs, at(pool, t.pkName)) : ''
    const uniqueNames = t.uniques.map((u) => takeBoth(rel, conNs, at(pool, u.name)))
    const checkNames = t.checks.map((c) => conNs.take(c.name))
    const indexNames = t.indexes.map((ix) => rel.take(ix.name))
    return { plan: t, name, colNs, conNs, cols, pkCols, pkName, uniqueNames, checkNames, indexNames, on: present(t, t.schema) }
  })
  // foreign keys add their own columns, typed as the target's primary key
  const fks = tables.map((tb, i) =>
    tb.plan.fks.flatMap((fk) => {
      const target = at(tables.slice(0, i + 1), fk.target)
      if (!target.pkCols.length) return []
      const cols: ResolvedColumn[] = target.pkCols.map((pc, k) => ({
        plan: undefined, name: tb.colNs.take(at(fk.columnNames, k)), choice: pc.choice, pk: false, fixed: true,
      }))
      tb.cols.push(...cols)
      return [{ fk, target, cols, name: tb.conNs.take(fk.name) }]
    }),
  )
  for (const vw of plan.views) {
    if (!tables.length) break
    const tb = at(tables, vw.table)
    for (const c of dedup(vw.columns)) at(tb.cols, c).fixed = true
  }
  const colOn = (c: ResolvedColumn): boolean =>
    (c.plan === undefined || onSide(c.plan.presence, side)) && (c.choice.needs === undefined || (userTypes[c.choice.needs]?.on ?? false))

  // ── tables, pass 2: the side's objects ──
  tables.forEach((tb, i) => {
    if (!tb.on) return
    const t = tb.plan
    const schema = sname(t.schema)
    // columns added on side b come last: ADD COLUMN appends, so that is the order b can be reached in
    const added = (c: ResolvedColumn): number => (c.plan?.presence === 'b' ? 1 : 0)
    const ordered = tb.cols.filter(colOn).sort((x, y) => added(x) - added(y))
    const columns: Column[] = ordered.map((c) => {
      const cp = c.plan
      const alter = cp ? altered(cp, side) : undefined
      const op = alter === undefined ? -1 : alter % 4
      const builtin = builtinByName(c.choice.type)
      const type = op === 3 && !c.fixed && builtin?.alterTo ? builtin.alterTo : c.choice.type
      const notNull = c.pk || (cp !== undefined && (op === 0 ? !cp.notNull : cp.notNull))
      let dflt = cp?.default
      if (op === 1) dflt = dflt === undefined ? alter : dflt % 2 ? undefined : dflt + 1
      const dText =
        dflt === undefined
          ? undefined
          : builtin ? at(builtin.defaults, dflt) : c.choice.enumLabel !== undefined ? `${quoteLiteral(c.choice.enumLabel)}::${c.choice.type}` : undefined
      return {
        name: c.name, type, notNull,
        ...(dText === undefined ? {} : { default: canonicalExpr(dText) }),
        ...alteredComment(cp?.comment, op === 2 ? alter : undefined),
      }
    })
    const has = (name: string): boolean => columns.some((c) => c.name === name)
    const constraints: Constraint[] = []
    if (tb.pkCols.length) {
      constraints.push({
        kind: 'PrimaryKey', name: tb.pkName, deferrable: false, initiallyDeferred: false,
        columns: tb.pkCols.map((c) => c.name), ...commentOf(t.pkComment),
      })
    }
    t.uniques.forEach((u, k) => {
      const cols = dedup(u.columns.map((c) => c % tb.cols.length)).map((c) => tb.cols[c] as ResolvedColumn)
      if (!onSide(u.presence, side) || !cols.every((c) => has(c.name))) return
      // PostgreSQL does not create a UNIQUE that repeats the key or an earlier UNIQUE in one
      // CREATE TABLE (src/parse/sql/redundant-unique.ts): such a catalog has no SQL to read back from
      const key = cols.map((c) => c.name).join('\u0000')
      const taken = constraints.some((x) => (x.kind === 'PrimaryKey' || x.kind === 'Unique') && x.columns.join('\u0000') === key)
      if (taken) return
      constraints.push({
        kind: 'Unique', name: tb.uniqueNames[k] as string, deferrable: u.deferrable > 0, initiallyDeferred: u.deferrable > 1,
        columns: cols.map((c) => c.name), nullsNotDistinct: altered(u, side) === undefined ? u.nullsNotDistinct : !u.nullsNotDistinct,
      })
    })
    t.checks.forEach((ck, k) => {
      const col = at(tb.cols, ck.column)
      if (!onSide(ck.presence, side) || !has(col.name)) return
      // the template of the column's type on this side (an altered column changes type, and the
      // server form of a check depends on it: length(c) on text, length(c::text) on varchar)
      const sideType = columns.find((c) => c.name === col.name)?.type ?? col.choice.type
      const template = builtinByName(sideType)?.checks ?? ['c IS NOT NULL']
      constraints.push({
        kind: 'Check', name: tb.checkNames[k] as string, deferrable: false, initiallyDeferred: false,
        expression: subst(at(template, ck.variant + (altered(ck, side) ?? 0)), 'c', quoteIdent(col.name)), notValid: false, noInherit: false,
      })
    })
    for (const f of fks[i] ?? []) {
      if (!onSide(f.fk.presence, side) || !f.target.on || !f.cols.every((c) => has(c.name))) continue
      const alter = altered(f.fk, side)
      constraints.push({
        kind: 'ForeignKey', name: f.name, deferrable: f.fk.deferrable > 0, initiallyDeferred: f.fk.deferrable > 1,
        columns: f.cols.map((c) => c.name), references: { schema: sname(f.target.plan.schema), name: f.target.name },
        referencedColumns: f.target.pkCols.map((c) => c.name), onDelete: at(FK_ACTIONS, f.fk.onDelete + (alter ?? 0)),
        onUpdate: at(FK_ACTIONS, f.fk.onUpdate), match: f.fk.full ? 'full' : 'simple', notValid: false,
      })
    }
    objects.push({
      kind: 'Table', schema, name: tb.name, owner, persistence: 'permanent', columns,
      // canonical order: by name (code units), as the interpreter and inspection give them
      constraints: constraints.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
      ...alteredComment(t.comment, altered(t, side)),
    })
    t.indexes.forEach((ix, n) => {
      const positions = dedup(ix.keys.map((k) => k.column % tb.cols.length))
      const keys = positions.map((p) => ({
        col: tb.cols[p] as ResolvedColumn,
        k: ix.keys.find((k) => k.column % tb.cols.length === p) as IndexPlan['keys'][number],
      }))
      if (!onSide(ix.presence, side) || !keys.every((k) => has(k.col.name))) return
      const alter = altered(ix, side)
      const flip = alter !== undefined && alter % 2 === 1
      const irKeys: IndexKey[] = keys.map(({ col, k }, j) => {
        const descending = j === 0 && flip ? !k.descending : k.descending
        return { expression: canonicalExpr(quoteIdent(col.name)), descending, nullsFirst: k.nullsFlip ? !descending : descending }
      })
      const first = (keys[0] as { col: ResolvedColumn }).col
      objects.push({
        kind: 'Index', schema, name: tb.indexNames[n] as string, table: tb.name, unique: ix.unique, method: 'btree',
        keys: irKeys, include: [], nullsNotDistinct: false,
        ...(ix.partial ? { where: canonicalExpr(`${quoteIdent(first.name)} IS NOT NULL`) } : {}),
        ...alteredComment(ix.comment, flip ? undefined : alter),
      })
    })
  })

  // ── views ──
  for (const vw of plan.views) {
    const name = (relNs[sch(vw.schema)] as Namespace).take(vw.name)
    if (!tables.length || !present(vw, vw.schema)) continue
    const tb = at(tables, vw.table)
    const alter = altered(vw, side)
    let cols = dedup(vw.columns.map((c) => c % tb.cols.length)).map((c) => tb.cols[c] as ResolvedColumn)
    if (alter !== undefined && alter % 2 === 1 && cols.length > 1) cols = cols.slice(0, 1)
    if (!tb.on || !cols.every(colOn)) continue
    const query = canonicalQuery(`SELECT ${cols.map((c) => quoteIdent(c.name)).join(', ')} FROM ${qualified(sname(tb.plan.schema), tb.name)}`)
    objects.push({
      kind: 'View', schema: sname(vw.schema), name, owner, query, columns: cols.map((c) => c.name),
      ...alteredComment(vw.comment, alter !== undefined && alter % 2 === 0 ? alter : undefined),
    })
  }

  // ── functions (sql language) ──
  for (const f of plan.functions) {
    const argNs = new Namespace(pool)
    const [a1, a2] = [argNs.take(at(f.argNames, 0)), argNs.take(at(f.argNames, 1))]
    const variant = FUNCTION_VARIANTS[f.variant % FUNCTION_VARIANTS.length] as FunctionVariant
    const args = variant.args(a1, a2)
    const name = takeRoutine(fnNs[sch(f.schema)] as Namespace, at(pool, f.name), args.map((a) => a.type).join(','))
    if (!present(f, f.schema)) continue
    const alter = altered(f, side)
    const op = alter === undefined ? -1 : alter % 3
    objects.push({
      kind: 'Function', schema: sname(f.schema), name, owner, routine: 'function', args, language: 'sql',
      body: op === 1 ? variant.altBody(a1, a2) : variant.body(a1, a2),
      volatility: at(VOLATILITIES, f.volatility + (op === 0 ? 1 : 0)), strict: f.strict, securityDefiner: false,
      leakproof: false, parallel: 'unsafe', config: [], returns: variant.returns,
      ...alteredComment(f.comment, op === 2 ? alter : undefined),
    })
  }
  return catalog(v, objects)
}

type IndexPlan = TablePlan['indexes'][number]

/** A name free in both namespaces (a primary key or unique constraint: its index is a relation). */
const takeBoth = (rel: Namespace, con: Namespace, base: string): string => {
  let name = clip(base, 63)
  for (let n = 2; rel.has(name) || con.has(name); n++) name = clip(base, 63 - `_${n}`.length) + `_${n}`
  rel.reserve(name)
  con.reserve(name)
  return name
}

/** A routine name free for this signature (overloads share a name). */
const takeRoutine = (ns: Namespace, base: string, signature: string): string => {
  let name = clip(base, 63)
  for (let n = 2; ns.has(`${name}\0${signature}`); n++) name = clip(base, 63 - `_${n}`.length) + `_${n}`
  ns.reserve(`${name}\0${signature}`)
  return name
}

interface FunctionVariant {
  readonly args: (a: string, b: string) => FunctionArg[]
  readonly returns: string
  readonly body: (a: string, b: string) => string
  readonly altBody: (a: string, b: string) => string
}
const FUNCTION_VARIANTS: ReadonlyArray<FunctionVariant> = [
  { args: () => [{ mode: 'in', type: 'integer' }], returns: 'integer', body: () => 'SELECT $1 + 1', altBody: () => 'SELECT $1 + 2' },
  { args: () => [], returns: 'text', body: () => "SELECT 'it''s'::text", altBody: () => "SELECT '$$'::text" },
  {
    args: (a, b) => [{ mode: 'in', type: 'text', name: a }, { mode: 'in', type: 'text', name: b }],
    returns: 'text',
    body: (a, b) => `SELECT ${quoteIdent(a)} || ${quoteIdent(b)}`,
    altBody: (a, b) => `SELECT ${quoteIdent(b)} || ${quoteIdent(a)}`,
  },
  { args: () => [{ mode: 'in', type: 'bigint' }, { mode: 'in', type: 'bigint' }], returns: 'bigint', body: () => 'SELECT $1 * $2', altBody: () => 'SELECT $1 - $2' },
  { args: () => [], returns: 'boolean', body: () => 'SELECT true', altBody: () => 'SELECT false' },
]
