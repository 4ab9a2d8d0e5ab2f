/**
 * RENAME, SET SCHEMA and OWNER TO. Renaming keeps the names of dependent objects (as PostgreSQL
 * does) but references to the renamed object follow it.
 */
import type { AlterObjectSchemaStmt, AlterOwnerStmt, Node, RangeVar, RenameStmt } from '@pgsql/types'
import { relationKey } from '../../ir/names.js'
import { idOf } from '../../ir/identity.js'
import type { Constraint, Table } from '../../ir/objects.js'
import { qualified, quoteIdent } from '../../ir/names.js'
import { renameColumnInExpr, renameColumnInQuery, renameRegclassInExpr, renameRelationInQuery } from './rewrite-refs.js'
import { functionLabel, lookupFunction } from './function.js'
import { triggerKey, type Relation } from './state.js'
import { typeKeyOf, typeTarget } from './type-stmt.js'
import { renameRole } from './role-rename.js'
import { at, listItems, qname, roleName, strings, type Ctx } from './util.js'
import { reowned } from './acl-owner.js'
import { movePolicies, policiesOf, renamePolicy } from './policy.js'

const lookupRel = (c: Ctx, rv: RangeVar | undefined, missingOk: boolean | undefined): [string, Relation] | undefined => {
  if (!rv) return undefined
  const key = c.st.relationKeyOf(rv)
  const r = key ? c.st.relations.get(key) : undefined
  if (!key || !r) {
    if (!missingOk) c.st.error('E-UNDEFINED-TABLE', `relation "${rv.relname ?? ''}" does not exist`, at(c, rv.location))
    return undefined
  }
  return [key, r]
}

/** Move a relation to a new schema and/or name, with everything that refers to it. */
export const moveRelation = (c: Ctx, key: string, schema: string, name: string): void => {
  const r = c.st.relations.get(key)
  if (!r) return
  const newKey = relationKey(schema, name)
  if (newKey === key) return
  if (c.st.relationNameTaken(schema, name)) {
    c.st.error('E-DUPLICATE-OBJECT', `relation "${name}" already exists`, c.span)
    return
  }
  const indexes = [...(c.st.indexesOf.get(key) ?? [])]
  const triggers = [...(c.st.triggersOf.get(key) ?? [])]
  const referencing = c.st.referencing(key)
  const owned = [...(c.st.ownedSequences.get(key) ?? [])]
  const parts = [...(c.st.partitions.get(key) ?? [])]
  const views = [...(c.st.viewDependents.get(key) ?? [])]
  const deps = c.st.viewDependencies.get(key)
  const moveSchema = schema !== r.schema
  const retarget = (cs: ReadonlyArray<Constraint>): Constraint[] =>
    cs.map((x) =>
      x.kind === 'ForeignKey' && x.references.schema === r.schema && x.references.name === r.name
        ? { ...x, references: { schema, name } }
        : x,
    )
  c.st.setRelation(key, undefined)
  let next: Relation = { ...r, schema, name }
  if (next.kind === 'Table') next = { ...next, constraints: retarget(next.constraints) }
  if (deps && (next.kind === 'View' || next.kind === 'MaterializedView')) c.st.setView(newKey, next, deps)
  else c.st.setRelation(newKey, next)
  if (r.kind === 'Table') movePolicies(c, r, { schema, name })
  for (const k of indexes) {
    const i = c.st.relations.get(k)
    if (i?.kind !== 'Index') continue
    if (moveSchema) {
      c.st.setRelation(k, undefined)
      c.st.setRelation(relationKey(schema, i.name), { ...i, schema, table: name })
    } else c.st.setRelation(k, { ...i, table: name })
  }
  for (const k of triggers) {
    const t = c.st.triggers.get(k)
    if (!t) continue
    c.st.setTrigger(k, undefined)
    c.st.setTrigger(triggerKey(schema, name, t.name), { ...t, schema, table: name })
  }
  for (const k of referencing) {
    const t = c.st.relations.get(k)
    if (t?.kind === 'Table') c.st.setRelation(k, { ...t, constraints: retarget(t.constraints) })
  }
  for (const k of owned) {
    const s = c.st.relations.get(k)
    if (s?.kind !== 'Sequence' || !s.ownedBy) continue
    const ownedBy = { ...s.ownedBy, schema, table: name }
    if (moveSchema) {
      c.st.setRelation(k, undefined)
      c.st.setRelation(relationKey(schema, s.name), { ...s, schema, ownedBy })
    } else c.st.setRelation(k, { ...s, ownedBy })
  }
  for (const k of parts) {
    const p = c.st.relations.get(k)
    if (p?.kind === 'Table' && p.partitionOf) c.st.setRelation(k, { ...p, partitionOf: { ...p.partitionOf, parent: { schema, name } } })
  }
  for (const v of views) {
    const d = c.st.viewDependencies.get(v)
    if (d) c.st.viewDependencies.set(v, d.map((x) => (x === key ? newKey : x)))
  }
  if (views.length) {
    c.st.viewDependents.set(newKey, new Set(views))
    c.st.viewDependents.delete(key)
  }
  // stored text follows: view queries, and regclass literals naming a sequence
  const rename = { from: { schema: r.schema, name: r.name }, to: { schema, name } }
  for (const v of views) {
    const view = c.st.relations.get(v)
    if (view?.kind === 'View' || view?.kind === 'MaterializedView')
      c.st.setView(v, { ...view, query: renameRelationInQuery(view.query, rename) }, c.st.viewDependencies.get(v))
  }
  if (r.kind === 'Sequence') {
    const from = qualified(r.schema, r.name)
    const to = qualified(schema, name)
    for (const [k, t] of [...c.st.relations]) {
      if (t.kind !== 'Table' || !t.columns.some((x) => x.default?.includes(from))) continue
      c.st.setRelation(k, {
        ...t,
        columns: t.columns.map((x) => (x.default === undefined ? x : { ...x, default: renameRegclassInExpr(x.default, from, to) })),
      })
    }
  }
}

const renameColumn = (c: Ctx, key: string, r: Relation, from: string, to: string): void => {
  if (r.kind === 'View' || r.kind === 'MaterializedView') {
    if (!r.columns.includes(from)) return c.st.error('E-UNDEFINED-COLUMN', `column "${from}" does not exist`, c.span)
    const renamedKeys = <V>(m: Readonly<Record<string, V>> | undefined) => (m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k === from ? to : k, v])) : undefined)
    const columnComments = renamedKeys(r.columnComments)
    const columnAcls = renamedKeys(r.columnAcls)
    c.st.setRelation(key, {
      ...r,
      columns: r.columns.map((x) => (x === from ? to : x)),
      ...(columnComments ? { columnComments } : {}),
      ...(columnAcls ? { columnAcls: Object.fromEntries(Object.entries(columnAcls).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {}),
    })
    return
  }
  if (r.kind !== 'Table') return c.st.error('E-WRONG-OBJECT-TYPE', `"${r.name}" is not a table`, c.span)
  if (!r.columns.some((x) => x.name === from))
    return c.st.error('E-UNDEFINED-COLUMN', `column "${from}" does not exist`, c.span)
  if (r.columns.some((x) => x.name === to))
    return c.st.error('E-DUPLICATE-COLUMN', `column "${to}" of relation "${r.name}" already exists`, c.span)
  const ren = (xs: ReadonlyArray<string>) => xs.map((x) => (x === from ? to : x))
  const fromQ = quoteIdent(from)
  const self = (x: Constraint): Constraint => {
    switch (x.kind) {
      case 'PrimaryKey':
      case 'Unique':
        return { ...x, columns: ren(x.columns), ...(x.include ? { include: ren(x.include) } : {}) }
      case 'ForeignKey': {
        const selfRef = x.references.schema === r.schema && x.references.name === r.name
        return { ...x, columns: ren(x.columns), ...(selfRef ? { referencedColumns: ren(x.referencedColumns) } : {}) }
      }
      default:
        return x
    }
  }
  const ex = (e: string): string => renameColumnInExpr(e, from, to)
  const exprs = (x: Constraint): Constraint => {
    switch (x.kind) {
      case 'Check':
        return { ...x, expression: ex(x.expression) }
      case 'Exclusion':
        return {
          ...x,
          elements: x.elements.map((e) => ({ ...e, expression: e.expression === fromQ ? quoteIdent(to) : ex(e.expression) })),
          ...(x.where !== undefined ? { where: ex(x.where) } : {}),
        }
      default:
        return x
    }
  }
  c.st.setRelation(key, {
    ...r,
    columns: r.columns.map((x) => {
      const y = x.generated !== undefined ? { ...x, generated: ex(x.generated) } : x
      return y.name === from ? { ...y, name: to } : y
    }),
    constraints: r.constraints.map((x) => exprs(self(x))),
    ...(r.partitionBy
      ? { partitionBy: { ...r.partitionBy, keys: r.partitionBy.keys.map((k) => ({ ...k, expression: k.expression === fromQ ? quoteIdent(to) : ex(k.expression) })) } }
      : {}),
  })
  for (const v of [...(c.st.viewDependents.get(key) ?? [])]) {
    const view = c.st.relations.get(v)
    if (view?.kind === 'View' || view?.kind === 'MaterializedView')
      c.st.setView(v, { ...view, query: renameColumnInQuery(view.query, r, from, to) }, c.st.viewDependencies.get(v))
  }
  for (const k of c.st.referencing(key)) {
    const t = c.st.relations.get(k)
    if (t?.kind !== 'Table') continue
    c.st.setRelation(k, {
      ...t,
      constraints: t.constraints.map((x) =>
        x.kind === 'ForeignKey' && x.references.schema === r.schema && x.references.name === r.name
          ? { ...x, referencedColumns: ren(x.referencedColumns) }
          : x,
      ),
    })
  }
  for (const k of [...(c.st.indexesOf.get(key) ?? [])]) {
    const i = c.st.relations.get(k)
    if (i?.kind !== 'Index') continue
    c.st.setRelation(k, {
      ...i,
      keys: i.keys.map((x) => ({ ...x, expression: x.expression === fromQ ? quoteIdent(to) : ex(x.expression) })),
      include: ren(i.include),
      ...(i.where !== undefined ? { where: ex(i.where) } : {}),
    })
  }
  for (const k of [...(c.st.ownedSequences.get(key) ?? [])]) {
    const s = c.st.relations.get(k)
    if (s?.kind === 'Sequence' && s.ownedBy?.column === from) c.st.setRelation(k, { ...s, ownedBy: { ...s.ownedBy, column: to } })
  }
  for (const k of [...(c.st.triggersOf.get(key) ?? [])]) {
    const t = c.st.triggers.get(k)
    if (t?.columns.includes(from)) c.st.setTrigger(k, { ...t, columns: ren(t.columns) })
  }
  for (const [k, p] of policiesOf(c, r.schema, r.name))
    c.st.policies.set(k, { ...p, ...(p.using !== undefined ? { using: ex(p.using) } : {}), ...(p.check !== undefined ? { check: ex(p.check) } : {}) })
}

const renameSchema = (c: Ctx, from: string, to: string): void => {
  const s = c.st.schemas.get(from)
  if (!s) return c.st.error('E-UNDEFINED-SCHEMA', `schema "${from}" does not exist`, c.span)
  if (c.st.schemas.has(to)) return c.st.error('E-DUPLICATE-SCHEMA', `schema "${to}" already exists`, c.span)
  c.st.schemas.delete(from)
  c.st.schemas.set(to, { ...s, name: to })
  for (const [k, r] of [...c.st.relations]) if (r.schema === from && r.kind !== 'Index') moveRelation(c, k, to, r.name)
  for (const [k, r] of [...c.st.relations]) if (r.schema === from) moveRelation(c, k, to, r.name)
  for (const [k, t] of [...c.st.types])
    if (t.schema === from) {
      c.st.setType(k, undefined)
      c.st.setType(relationKey(to, t.name), { ...t, schema: to })
    }
  for (const [k, f] of [...c.st.functions])
    if (f.schema === from) {
      const g = { ...f, schema: to }
      c.st.setFunction(idOf(g), g, k)
    }
  for (const [k, e] of c.st.extensions) if (e.schema === from) c.st.extensions.set(k, { ...e, schema: to })
}

export const renameStmt = (c: Ctx, n: RenameStmt): void => {
  const to = n.newname ?? ''
  switch (n.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_INDEX':
    case 'OBJECT_SEQUENCE': {
      const found = lookupRel(c, n.relation, n.missing_ok)
      if (found) moveRelation(c, found[0], found[1].schema, to)
      return
    }
    case 'OBJECT_COLUMN': {
      const found = lookupRel(c, n.relation, n.missing_ok)
      if (found) renameColumn(c, found[0], found[1], n.subname ?? '', to)
      return
    }
    case 'OBJECT_TABCONSTRAINT': {
      const found = lookupRel(c, n.relation, n.missing_ok)
      if (!found) return
      const [key, t] = found
      if (t.kind !== 'Table' || !t.constraints.some((x) => x.name === n.subname))
        return c.st.error('E-UNDEFINED-OBJECT', `constraint "${n.subname ?? ''}" for table "${t.name}" does not exist`, c.span)
      if (c.st.constraintNameTaken(t.schema, to) && t.constraints.some((x) => x.name === to))
        return c.st.error('E-DUPLICATE-OBJECT', `constraint "${to}" for relation "${t.name}" already exists`, c.span)
      c.st.setRelation(key, { ...t, constraints: t.constraints.map((x) => (x.name === n.subname ? { ...x, name: to } : x)) })
      return
    }
    case 'OBJECT_TRIGGER': {
      const found = lookupRel(c, n.relation, n.missing_ok)
      if (!found) return
      const t = found[1] as Table
      const k = triggerKey(t.schema, t.name, n.subname ?? '')
      const trig = c.st.triggers.get(k)
      if (!trig) return c.st.error('E-UNDEFINED-OBJECT', `trigger "${n.subname ?? ''}" for table "${t.name}" does not exist`, c.span)
      c.st.setTrigger(k, undefined)
      c.st.setTrigger(triggerKey(t.schema, t.name, to), { ...trig, name: to })
      return
    }
    case 'OBJECT_SCHEMA':
      return renameSchema(c, n.subname ?? '', to)
    case 'OBJECT_POLICY':
      return renamePolicy(c, n.relation, n.subname ?? '', to)
    case 'OBJECT_ROLE':
      return renameRole(c, n.subname ?? '', to)
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, n.object)
      const t = key ? c.st.types.get(key) : undefined
      if (!key || !t) return c.st.error('E-UNDEFINED-OBJECT', `type "${qname(names).name}" does not exist`, c.span)
      if (c.st.relationNameTaken(t.schema, to)) return c.st.error('E-DUPLICATE-OBJECT', `type "${to}" already exists`, c.span)
      c.st.setType(key, undefined)
      c.st.setType(relationKey(t.schema, to), { ...t, name: to })
      return
    }
    case 'OBJECT_ATTRIBUTE': {
      const key = n.relation ? c.st.resolve(n.relation.schemaname, n.relation.relname ?? '', (k) => c.st.types.has(k)) : undefined
      const t = key ? c.st.types.get(key) : undefined
      if (!key || t?.kind !== 'CompositeType') return c.st.error('E-UNDEFINED-OBJECT', 'composite type does not exist', c.span)
      c.st.setType(key, { ...t, attributes: t.attributes.map((a) => (a.name === n.subname ? { ...a, name: to } : a)) })
      return
    }
    case 'OBJECT_DOMCONSTRAINT': {
      const key = typeKeyOf(c, listItems(n.object))
      const d = key ? c.st.types.get(key) : undefined
      if (!key || d?.kind !== 'Domain') return c.st.error('E-UNDEFINED-OBJECT', 'domain does not exist', c.span)
      c.st.setType(key, { ...d, checks: d.checks.map((k) => (k.name === n.subname ? { ...k, name: to } : k)) })
      return
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      return updateRoutine(c, n.object, { name: to })
    }
    default:
      c.st.warn('W-UNSUPPORTED', `RENAME of ${(n.renameType ?? '').replace(/^OBJECT_/, '')} is not supported`, c.span)
  }
}

/** Find the routine an ALTER names and store it renamed or moved (its identity changes with it). */
const updateRoutine = (c: Ctx, object: Node | undefined, patch: { readonly name: string } | { readonly schema: string }): void => {
  if (!object || !('ObjectWithArgs' in object)) return
  const found = lookupFunction(c, object.ObjectWithArgs)
  if (!found || found === 'ambiguous') return c.st.error('E-UNDEFINED-FUNCTION', `function ${functionLabel(object.ObjectWithArgs)} does not exist`, c.span)
  const g = { ...found.fn, ...patch }
  c.st.setFunction(idOf(g), g, found.id)
}

/** ALTER … SET SCHEMA */
export const alterSchemaOf = (c: Ctx, n: AlterObjectSchemaStmt): void => {
  const to = n.newschema ?? ''
  if (!c.st.schemas.has(to)) return c.st.error('E-UNDEFINED-SCHEMA', `schema "${to}" does not exist`, c.span)
  switch (n.objectType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE': {
      const found = lookupRel(c, n.relation, n.missing_ok)
      if (found) moveRelation(c, found[0], to, found[1].name)
      return
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, n.object)
      const t = key ? c.st.types.get(key) : undefined
      if (!key || !t) return c.st.error('E-UNDEFINED-OBJECT', `type "${qname(names).name}" does not exist`, c.span)
      c.st.setType(key, undefined)
      c.st.setType(relationKey(to, t.name), { ...t, schema: to })
      return
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      return updateRoutine(c, n.object, { schema: to })
    }
    case 'OBJECT_EXTENSION': {
      const name = strings(n.object ? [n.object] : [])[0] ?? ''
      const e = c.st.extensions.get(name)
      if (!e) return c.st.error('E-UNDEFINED-OBJECT', `extension "${name}" does not exist`, c.span)
      c.st.extensions.set(name, { ...e, schema: to })
      return
    }
    default:
      c.st.warn('W-UNSUPPORTED', `SET SCHEMA of ${(n.objectType ?? '').replace(/^OBJECT_/, '')} is not supported`, c.span)
  }
}

/** Change a table's owner (and its owned sequences', as PostgreSQL does). */
export const setRelationOwner = (c: Ctx, key: string, owner: string): void => {
  const r = c.st.relations.get(key)
  if (!r || r.kind === 'Index') return
  c.st.setRelation(key, reowned(r, owner, c.st.pgVersion))
  if (r.kind === 'Table')
    for (const k of [...(c.st.ownedSequences.get(key) ?? [])]) {
      const s = c.st.relations.get(k)
      if (s?.kind === 'Sequence') c.st.setRelation(k, reowned(s, owner, c.st.pgVersion))
    }
}

/** ALTER SCHEMA/TYPE/DOMAIN/FUNCTION/… OWNER TO */
export const alterOwner = (c: Ctx, n: AlterOwnerStmt): void => {
  const owner = roleName(c.st, n.newowner)
  const obj: Node | undefined = n.object
  switch (n.objectType) {
    case 'OBJECT_SCHEMA': {
      const name = strings(obj ? [obj] : [])[0] ?? ''
      const s = c.st.schemas.get(name)
      if (!s) return c.st.error('E-UNDEFINED-SCHEMA', `schema "${name}" does not exist`, c.span)
      c.st.schemas.set(name, reowned(s, owner, c.st.pgVersion))
      return
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, obj)
      const t = key ? c.st.types.get(key) : undefined
      if (!key || !t) return c.st.error('E-UNDEFINED-OBJECT', `type "${qname(names).name}" does not exist`, c.span)
      c.st.setType(key, reowned(t, owner, c.st.pgVersion))
      return
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      if (!obj || !('ObjectWithArgs' in obj)) return
      const found = lookupFunction(c, obj.ObjectWithArgs)
      if (!found || found === 'ambiguous') return c.st.error('E-UNDEFINED-FUNCTION', `function ${functionLabel(obj.ObjectWithArgs)} does not exist`, c.span)
      c.st.setFunction(found.id, reowned(found.fn, owner, c.st.pgVersion))
      return
    }
    case 'OBJECT_DATABASE': {
      // any database name is the target database (see acl-target.ts)
      const d = c.st.database ?? { kind: 'Database', owner: c.st.initialRole }
      c.st.database = reowned(d, owner, c.st.pgVersion)
      return
    }
    default:
      c.st.warn('W-UNSUPPORTED', `OWNER TO for ${(n.objectType ?? '').replace(/^OBJECT_/, '')} is not supported`, c.span)
  }
}

