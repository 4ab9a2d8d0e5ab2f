/** CREATE TABLE: columns, constraints, partitioning, LIKE, serial sequences. */
import type { Constraint as PgConstraint, CreateStmt } from '@pgsql/types'
import { quoteIdent, relationKey, sqlPath } from '../../ir/names.js'
import type { Column, Constraint, PartitionBy, Sequence, Table } from '../../ir/objects.js'
import { partitionBoundText } from '../../normalize/expr.js'
import { typeNameOf } from '../../normalize/server-form.js'
import { canonicalType, serialType } from '../../normalize/types.js'
import { storedExpr } from './server-env.js'
import { chooseName, indexColumnNames, nameAddition } from '../../normalize/names.js'
import { buildColumn } from './column.js'
import { buildConstraint, namingPhase, type Draft } from './constraint.js'
import { withoutRedundantUnique } from './redundant-unique.js'
import { at, optionsRecord, strings, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'

const STRATEGIES: Readonly<Record<string, PartitionBy['strategy']>> = {
  PARTITION_STRATEGY_RANGE: 'range',
  PARTITION_STRATEGY_LIST: 'list',
  PARTITION_STRATEGY_HASH: 'hash',
}

type Cols = ReadonlyArray<{ readonly name: string; readonly type: string }>

const partitionBy = (c: Ctx, n: CreateStmt, cols: Cols): PartitionBy | undefined => {
  const spec = n.partspec
  if (!spec) return undefined
  return {
    strategy: STRATEGIES[spec.strategy ?? ''] ?? 'range',
    keys: (spec.partParams ?? []).flatMap((p) => {
      if (!('PartitionElem' in p)) return []
      const e = p.PartitionElem
      const expression = e.name !== undefined ? quoteIdent(e.name) : `(${e.expr ? storedExpr(c.st, cols, e.expr) : ''})`
      const collation = sqlPath(strings(e.collation))
      const opclass = sqlPath(strings(e.opclass))
      return [{ expression, ...(collation ? { collation } : {}), ...(opclass ? { opclass } : {}) }]
    }),
  }
}

/** Constraints a partition gets from its parent (checks and FKs keep their names; keys get the partition's). */
const inheritedConstraints = (c: Ctx, d: Draft, parent: Table): Constraint[] =>
  parent.constraints.flatMap((con): Constraint[] => {
    switch (con.kind) {
      case 'Check':
        if (con.noInherit) return []
        d.used.add(con.name)
        return [con]
      case 'ForeignKey':
        d.used.add(con.name)
        return [con]
      case 'PrimaryKey': {
        const name = chooseName(d.name, undefined, 'pkey', (n) => d.used.has(n) || c.st.relationNameTaken(d.schema, n) || c.st.constraintNameTaken(d.schema, n))
        d.used.add(name)
        return [{ ...con, name }]
      }
      case 'Unique': {
        const cols = nameAddition(indexColumnNames([...con.columns, ...(con.include ?? [])]))
        const name = chooseName(d.name, cols, 'key', (n) => d.used.has(n) || c.st.relationNameTaken(d.schema, n) || c.st.constraintNameTaken(d.schema, n))
        d.used.add(name)
        return [{ ...con, name }]
      }
      case 'Exclusion':
        return []
    }
  })

export const createTable = (c: Ctx, n: CreateStmt): void => {
  const rv = n.relation
  if (!rv) return
  if (rv.relpersistence === 't') return c.st.warn('W-UNSUPPORTED', 'temporary tables are skipped', c.span)
  const schema = c.st.creationSchema(rv.schemaname, at(c, rv.location))
  if (schema === undefined) return
  const name = rv.relname ?? ''
  if (c.st.relationNameTaken(schema, name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, at(c, rv.location))
    return
  }
  const used = new Set<string>()
  const columns: Column[] = []
  const sequences: Sequence[] = []
  const pending: Array<{ con: PgConstraint; column: string | undefined }> = []
  let inherited: Constraint[] = []
  let partitionOf: Table['partitionOf']

  // PARTITION OF parent / INHERITS (parent, …): the parent's columns come first
  for (const node of n.inhRelations ?? []) {
    if (!('RangeVar' in node)) continue
    const prv = node.RangeVar
    const key = c.st.relationKeyOf(prv)
    const parent = key ? c.st.relations.get(key) : undefined
    if (!parent || parent.kind !== 'Table') {
      c.st.error('E-UNDEFINED-TABLE', `relation "${prv.relname ?? ''}" does not exist`, at(c, prv.location))
      return
    }
    for (const col of parent.columns) {
      const { identity: _i, span: _s, comment: _c, ...rest } = col
      if (!columns.some((x) => x.name === col.name)) columns.push(rest)
    }
    if (n.partbound) {
      if (!parent.partitionBy) {
        c.st.error('E-WRONG-OBJECT-TYPE', `table "${parent.name}" is not partitioned`, at(c, prv.location))
        return
      }
      partitionOf = { parent: { schema: parent.schema, name: parent.name }, bound: partitionBoundText(n.partbound) }
    } else c.st.warn('W-UNSUPPORTED', 'table inheritance (INHERITS) is modelled only as copied columns', at(c, prv.location))
    inherited = inheritedConstraints(c, { schema, name, columns, constraints: [], used }, parent)
  }

  // every column's type, for expressions (generated columns, checks) that refer to others
  const declared = [
    ...columns.map((x) => ({ name: x.name, type: x.type })),
    ...(n.tableElts ?? []).flatMap((el) => {
      if (!('ColumnDef' in el) || !el.ColumnDef.typeName) return []
      const tn = el.ColumnDef.typeName
      const t = serialType(tn) ?? canonicalType(tn, c.st.typeResolver)
      return [{ name: el.ColumnDef.colname ?? '', type: typeof t === 'string' ? t : t.text }]
    }),
  ]
  for (const el of n.tableElts ?? []) {
    if ('ColumnDef' in el) {
      const def = el.ColumnDef
      const existing = columns.findIndex((x) => x.name === def.colname)
      if (existing >= 0 && (partitionOf || !def.typeName)) {
        // partition column options: WITH OPTIONS NOT NULL / DEFAULT
        const prev = columns[existing]!
        const built = def.typeName ? undefined : buildColumn(c, schema, name, { ...def, typeName: typeNameOf(prev.type) }, used, declared)
        if (built) {
          columns[existing] = {
            ...prev,
            notNull: prev.notNull || built.column.notNull,
            ...(built.column.default !== undefined ? { default: built.column.default } : {}),
          }
          pending.push(...built.constraints.map((con) => ({ con, column: prev.name })))
        }
        continue
      }
      if (existing >= 0) {
        c.st.error('E-DUPLICATE-COLUMN', `column "${def.colname ?? ''}" specified more than once`, at(c, def.location))
        continue
      }
      const built = buildColumn(c, schema, name, def, used, declared)
      if (!built) continue
      columns.push(built.column)
      if (built.sequence) sequences.push(built.sequence)
      pending.push(...built.constraints.map((con) => ({ con, column: built.column.name })))
    } else if ('Constraint' in el) {
      pending.push({ con: el.Constraint, column: undefined })
    } else if ('TableLikeClause' in el) {
      const like = el.TableLikeClause
      const key = like.relation ? c.st.relationKeyOf(like.relation) : undefined
      const src = key ? c.st.relations.get(key) : undefined
      if (!src || src.kind !== 'Table') {
        c.st.error('E-UNDEFINED-TABLE', `relation "${like.relation?.relname ?? ''}" does not exist`, at(c, like.relation?.location))
        return
      }
      const withDefaults = ((like.options ?? 0) & (1 << 3)) !== 0 // CREATE_TABLE_LIKE_DEFAULTS
      for (const col of src.columns)
        columns.push({
          name: col.name,
          type: col.type,
          notNull: col.notNull,
          ...(withDefaults && col.default !== undefined && !col.default.startsWith('nextval(') ? { default: col.default } : {}),
          ...(col.collation !== undefined ? { collation: col.collation } : {}),
        })
      if (like.options) c.st.warn('W-UNSUPPORTED', 'LIKE … INCLUDING copies columns, NOT NULL and defaults only', c.span)
    }
  }

  // primary key columns are NOT NULL
  const draft: Draft & { constraints: Constraint[] } = { schema, name, columns, constraints: [...inherited], used }
  for (const p of pending)
    if (p.con.contype === 'CONSTR_PRIMARY') {
      const keys = p.column !== undefined ? [p.column] : strings(p.con.keys)
      for (let i = 0; i < columns.length; i++) if (keys.includes(columns[i]!.name)) columns[i] = { ...columns[i]!, notNull: true }
    }
  const declaredConstraints = withoutRedundantUnique(pending)
  for (const phase of [0, 1, 2])
    for (const p of declaredConstraints) {
      if (namingPhase(p.con) !== phase) continue
      const built = buildConstraint(c, draft, p.con, p.column, true)
      if (built) draft.constraints.push(built)
    }

  const pby = partitionBy(c, n, declared)
  const options = optionsRecord(n.options)
  const table: Table = {
    kind: 'Table',
    schema,
    name,
    owner: c.st.role,
    persistence: rv.relpersistence === 'u' ? 'unlogged' : 'permanent',
    columns,
    constraints: draft.constraints,
    ...(pby ? { partitionBy: pby } : {}),
    ...(partitionOf ? { partitionOf } : {}),
    ...(options ? { options } : {}),
    ...creationAcl(c.st, 'table', c.st.role, schema),
    span: c.span,
  }
  c.st.setRelation(relationKey(schema, name), table)
  for (const seq of sequences) c.st.setRelation(relationKey(seq.schema, seq.name), seq)
}
