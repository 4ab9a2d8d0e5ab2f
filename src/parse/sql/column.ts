/** Column definitions (CREATE TABLE, ALTER TABLE ADD COLUMN): type, defaults, identity, serial. */
import type { ColumnDef, Constraint as PgConstraint } from '@pgsql/types'
import { qualified, quoteLiteral, sqlPath } from '../../ir/names.js'
import type { Column, Sequence } from '../../ir/objects.js'
import { canonicalExpr } from '../../normalize/expr.js'
import { chooseName } from '../../normalize/names.js'
import { serialType } from '../../normalize/types.js'
import { identityOf, seqParams } from './sequence.js'
import { storedExpr } from './server-env.js'
import { at, strings, typeText, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'

export interface BuiltColumn {
  readonly column: Column
  /** constraints declared on the column that become table constraints (CHECK, PK, UNIQUE, FK) */
  readonly constraints: ReadonlyArray<PgConstraint>
  /** the sequence of a serial column */
  readonly sequence?: Sequence
}

let nextvalTemplate: readonly [string, string] | undefined
/** `nextval('schema.seq'::regclass)` in canonical form (deparsed once; plain names are substituted). */
export const nextvalDefault = (schema: string, seq: string): string => {
  const name = qualified(schema, seq)
  if (name.includes("'") || name.includes('\\')) return canonicalExpr(`nextval(${quoteLiteral(name)}::regclass)`)
  if (!nextvalTemplate) {
    const text = canonicalExpr(`nextval('x'::regclass)`)
    const at = text.indexOf("'x'")
    nextvalTemplate = [text.slice(0, at + 1), text.slice(at + 2)]
  }
  return `${nextvalTemplate[0]}${name}${nextvalTemplate[1]}`
}

export const buildColumn = (
  c: Ctx,
  schema: string,
  table: string,
  def: ColumnDef,
  used: Set<string>,
  /** the other columns of the table (name, type), for expressions that refer to them */
  columns: ReadonlyArray<{ readonly name: string; readonly type: string }> = [],
): BuiltColumn | undefined => {
  const name = def.colname ?? ''
  if (!def.typeName) return undefined
  const serial = serialType(def.typeName)
  const type = serial ?? typeText(c, def.typeName)
  const col: {
    name: string
    type: string
    notNull: boolean
    default?: string
    identity?: Column['identity']
    generated?: string
    collation?: string
    span: Column['span']
  } = { name, type, notNull: false, span: at(c, def.location) }
  if (def.collClause) col.collation = sqlPath(strings(def.collClause.collname))
  const constraints: PgConstraint[] = []
  const scope = [...columns.filter((x) => x.name !== name), { name, type }]
  let sequence: Sequence | undefined
  const relTaken = (n: string) => used.has(n) || c.st.relationNameTaken(schema, n)
  for (const node of def.constraints ?? []) {
    if (!('Constraint' in node)) continue
    const con = node.Constraint
    switch (con.contype) {
      case 'CONSTR_NOTNULL':
        col.notNull = true
        break
      case 'CONSTR_NULL':
        col.notNull = false
        break
      case 'CONSTR_DEFAULT':
        if (con.raw_expr) col.default = storedExpr(c.st, scope, con.raw_expr, type)
        break
      case 'CONSTR_GENERATED':
        if (con.raw_expr) col.generated = storedExpr(c.st, scope, con.raw_expr, type)
        break
      case 'CONSTR_IDENTITY': {
        const { params, extras } = seqParams(c, undefined, con.options, type)
        const seqName = extras.sequenceName?.[extras.sequenceName.length - 1] ?? chooseName(table, name, 'seq', relTaken)
        used.add(seqName)
        col.identity = identityOf(con.generated_when === 'a' ? 'always' : 'by default', seqName, params)
        col.notNull = true
        break
      }
      case 'CONSTR_PRIMARY':
        col.notNull = true
        constraints.push(con)
        break
      case 'CONSTR_CHECK':
      case 'CONSTR_UNIQUE':
      case 'CONSTR_FOREIGN':
      case 'CONSTR_EXCLUSION':
        constraints.push(con)
        break
      case 'CONSTR_ATTR_DEFERRABLE':
      case 'CONSTR_ATTR_NOT_DEFERRABLE':
      case 'CONSTR_ATTR_DEFERRED':
      case 'CONSTR_ATTR_IMMEDIATE': {
        // applies to the previous constraint (the grammar keeps them separate for column constraints)
        const prev = constraints[constraints.length - 1]
        if (prev) {
          const i = constraints.length - 1
          constraints[i] = {
            ...prev,
            ...(con.contype === 'CONSTR_ATTR_DEFERRABLE' ? { deferrable: true } : {}),
            ...(con.contype === 'CONSTR_ATTR_NOT_DEFERRABLE' ? { deferrable: false } : {}),
            ...(con.contype === 'CONSTR_ATTR_DEFERRED' ? { initdeferred: true } : {}),
            ...(con.contype === 'CONSTR_ATTR_IMMEDIATE' ? { initdeferred: false } : {}),
          }
        }
        break
      }
      default:
        c.st.warn('W-UNSUPPORTED', `column constraint ${con.contype ?? ''} is not supported`, at(c, con.location))
    }
  }
  if (serial) {
    const seqName = chooseName(table, name, 'seq', relTaken)
    used.add(seqName)
    const { params } = seqParams(c, undefined, [], serial)
    sequence = {
      kind: 'Sequence',
      schema,
      name: seqName,
      owner: c.st.role,
      ...params,
      persistence: 'permanent',
      ownedBy: { schema, table, column: name },
      ...creationAcl(c.st, 'sequence', c.st.role, schema),
      span: c.span,
    }
    col.default = nextvalDefault(schema, seqName)
    col.notNull = true
  }
  return { column: col, constraints, ...(sequence ? { sequence } : {}) }
}
