/**
 * Table constraints: from a libpg-query Constraint node to an IR constraint, with PostgreSQL's
 * implicit names. Shared by CREATE TABLE and ALTER TABLE … ADD CONSTRAINT.
 */
import type { Constraint as PgConstraint, IndexElem, Node } from '@pgsql/types'
import { quoteIdent, relationKey } from '../../ir/names.js'
import type { Column, Constraint, FkAction, QualifiedName } from '../../ir/objects.js'
import { chooseName, indexColumnNames, indexExprColname, nameAddition } from '../../normalize/names.js'
import { storedExpr } from './server-env.js'
import { at, listItems, strings, type Ctx } from './util.js'

/** The table a constraint is being added to, while it is being built. */
export interface Draft {
  readonly schema: string
  readonly name: string
  readonly columns: ReadonlyArray<Column>
  readonly constraints: ReadonlyArray<Constraint>
  /** names chosen in this command, not yet in the state */
  readonly used: Set<string>
}

const ACTIONS: Readonly<Record<string, FkAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/** Distinct column names referenced by an expression (ColumnRef with one field). */
export const referencedColumns = (node: unknown, out: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(node)) {
    for (const x of node) referencedColumns(x, out)
  } else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>
    const cr = o['ColumnRef'] as { fields?: Node[] } | undefined
    if (cr) {
      const f = strings(cr.fields)
      if (f.length && cr.fields?.length === f.length) out.add(f[f.length - 1]!)
      return out
    }
    for (const v of Object.values(o)) if (typeof v === 'object') referencedColumns(v, out)
  }
  return out
}

const elemName = (e: IndexElem): string => e.name ?? (e.expr ? indexExprColname(e.expr) : 'expr')

const constraintTaken = (c: Ctx, d: Draft) => (n: string) => d.used.has(n) || c.st.constraintNameTaken(d.schema, n)
const relationTaken = (c: Ctx, d: Draft) => (n: string) =>
  d.used.has(n) || c.st.constraintNameTaken(d.schema, n) || c.st.relationNameTaken(d.schema, n)

const hasColumn = (d: Draft, name: string): boolean => d.columns.some((col) => col.name === name)

const checkColumns = (c: Ctx, d: Draft, cols: ReadonlyArray<string>, loc: number | undefined): boolean => {
  for (const col of cols)
    if (!hasColumn(d, col)) {
      c.st.error('E-UNDEFINED-COLUMN', `column "${col}" named in key does not exist`, at(c, loc))
      return false
    }
  return true
}

const common = (con: PgConstraint) => ({ deferrable: !!con.deferrable, initiallyDeferred: !!con.initdeferred })

/**
 * Build one constraint. `column` is set for a column constraint. `creating` is true inside CREATE
 * TABLE, where NOT VALID is ignored (the constraint is valid from the start).
 */
export const buildConstraint = (
  c: Ctx,
  d: Draft,
  con: PgConstraint,
  column: string | undefined,
  creating: boolean,
): Constraint | undefined => {
  const explicit = con.conname
  const pick = (n: string) => {
    d.used.add(n)
    return n
  }
  switch (con.contype) {
    case 'CONSTR_CHECK': {
      if (!con.raw_expr) return undefined
      const refs = [...referencedColumns(con.raw_expr)].filter((n) => hasColumn(d, n))
      const only = refs.length === 1 ? refs[0] : undefined
      const name = explicit ?? chooseName(d.name, only, 'check', constraintTaken(c, d))
      return {
        kind: 'Check',
        name: pick(name),
        ...common(con),
        expression: storedExpr(c.st, d.columns, con.raw_expr),
        notValid: !creating && !con.initially_valid,
        noInherit: !!con.is_no_inherit,
        span: at(c, con.location),
      }
    }
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      if (con.indexname) {
        c.st.warn('W-UNSUPPORTED', 'constraint USING INDEX is not supported', at(c, con.location))
        return undefined
      }
      const columns = column !== undefined ? [column] : strings(con.keys)
      if (!checkColumns(c, d, columns, con.location)) return undefined
      const include = strings(con.including)
      const primary = con.contype === 'CONSTR_PRIMARY'
      if (primary && d.constraints.some((x) => x.kind === 'PrimaryKey')) {
        c.st.error('E-INVALID-TABLE-DEFINITION', `multiple primary keys for table "${d.name}" are not allowed`, at(c, con.location))
        return undefined
      }
      const name =
        explicit ??
        (primary
          ? chooseName(d.name, undefined, 'pkey', relationTaken(c, d))
          : chooseName(d.name, nameAddition(indexColumnNames([...columns, ...include])), 'key', relationTaken(c, d)))
      const base = { name: pick(name), ...common(con), columns, span: at(c, con.location) }
      const withInclude = include.length ? { include } : {}
      return primary
        ? { kind: 'PrimaryKey', ...base, ...withInclude }
        : { kind: 'Unique', ...base, nullsNotDistinct: !!con.nulls_not_distinct, ...withInclude }
    }
    case 'CONSTR_EXCLUSION': {
      const pairs = (con.exclusions ?? []).map((p) => listItems(p))
      const elems = pairs.flatMap(([e, op]) =>
        e && 'IndexElem' in e ? [{ elem: e.IndexElem, op: strings(listItems(op)).join('.') }] : [],
      )
      const include = strings(con.including)
      const name =
        explicit ??
        chooseName(d.name, nameAddition(indexColumnNames([...elems.map((e) => elemName(e.elem)), ...include])), 'excl', relationTaken(c, d))
      return {
        kind: 'Exclusion',
        name: pick(name),
        ...common(con),
        method: con.access_method ?? 'btree',
        elements: elems.map((e) => ({
          expression: e.elem.name !== undefined ? quoteIdent(e.elem.name) : `(${e.elem.expr ? storedExpr(c.st, d.columns, e.elem.expr) : ''})`,
          operator: e.op,
        })),
        ...(con.where_clause ? { where: storedExpr(c.st, d.columns, con.where_clause) } : {}),
        ...(include.length ? { include } : {}),
        span: at(c, con.location),
      }
    }
    case 'CONSTR_FOREIGN': {
      const columns = column !== undefined ? [column] : strings(con.fk_attrs)
      if (!checkColumns(c, d, columns, con.location)) return undefined
      const target = resolveReferenced(c, d, con)
      if (!target) return undefined
      let referencedColumns = strings(con.pk_attrs)
      if (!referencedColumns.length) {
        const pk = target.constraints.find((x) => x.kind === 'PrimaryKey')
        if (!pk || pk.kind !== 'PrimaryKey') {
          c.st.error('E-INVALID-FOREIGN-KEY', `there is no primary key for referenced table "${target.ref.name}"`, at(c, con.pktable?.location))
          return undefined
        }
        referencedColumns = [...pk.columns]
      }
      for (const rc of referencedColumns)
        if (!target.columns.some((x) => x.name === rc)) {
          c.st.error('E-UNDEFINED-COLUMN', `column "${rc}" referenced in foreign key constraint does not exist`, at(c, con.pktable?.location))
          return undefined
        }
      const keySet = [...referencedColumns].sort().join('\0')
      const unique = target.constraints.some(
        (x) => (x.kind === 'PrimaryKey' || x.kind === 'Unique') && [...x.columns].sort().join('\0') === keySet,
      )
      if (!unique) {
        c.st.error('E-INVALID-FOREIGN-KEY', `there is no unique constraint matching given keys for referenced table "${target.ref.name}"`, at(c, con.pktable?.location))
        return undefined
      }
      if (referencedColumns.length !== columns.length) {
        c.st.error('E-INVALID-FOREIGN-KEY', 'number of referencing and referenced columns for foreign key disagree', at(c, con.location))
        return undefined
      }
      const name = explicit ?? chooseName(d.name, nameAddition(columns), 'fkey', constraintTaken(c, d))
      return {
        kind: 'ForeignKey',
        name: pick(name),
        ...common(con),
        columns,
        references: target.ref,
        referencedColumns,
        onDelete: ACTIONS[con.fk_del_action ?? 'a'] ?? 'no action',
        onUpdate: ACTIONS[con.fk_upd_action ?? 'a'] ?? 'no action',
        match: con.fk_matchtype === 'f' ? 'full' : 'simple',
        notValid: !creating && !con.initially_valid,
        span: at(c, con.location),
      }
    }
    default:
      return undefined
  }
}

/** The referenced table of a foreign key: the table being built itself, or one in the state. */
const resolveReferenced = (
  c: Ctx,
  d: Draft,
  con: PgConstraint,
): { ref: QualifiedName; columns: ReadonlyArray<Column>; constraints: ReadonlyArray<Constraint> } | undefined => {
  const rv = con.pktable
  if (!rv) return undefined
  const name = rv.relname ?? ''
  const key = c.st.relationKeyOf(rv)
  const selfKey = relationKey(d.schema, d.name)
  if (name === d.name && (rv.schemaname === d.schema || (rv.schemaname === undefined && (key === undefined || key === selfKey))))
    return { ref: { schema: d.schema, name: d.name }, columns: d.columns, constraints: d.constraints }
  const t = key ? c.st.relations.get(key) : undefined
  if (!t || t.kind !== 'Table') {
    c.st.error('E-UNDEFINED-TABLE', `relation "${rv.schemaname ? `${rv.schemaname}.` : ''}${name}" does not exist`, at(c, rv.location))
    return undefined
  }
  return { ref: { schema: t.schema, name: t.name }, columns: t.columns, constraints: t.constraints }
}

/** Order PostgreSQL names constraints in: checks, then index-backed ones, then foreign keys. */
export const namingPhase = (con: PgConstraint): number =>
  con.contype === 'CONSTR_CHECK' ? 0 : con.contype === 'CONSTR_FOREIGN' ? 2 : 1
