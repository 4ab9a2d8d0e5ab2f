/** DROP of every object kind; CASCADE follows the dependencies the state indexes. */
import type { DropStmt, Node } from '@pgsql/types'
import type { Table } from '../../ir/objects.js'
import { functionLabel, lookupFunction } from './function.js'
import { triggerKey } from './state.js'
import { dropPolicy, policiesOf } from './policy.js'
import { typeTarget } from './type-stmt.js'
import { listItems, qname, strings, type Ctx } from './util.js'

const RELATION_KINDS = {
  OBJECT_TABLE: 'Table',
  OBJECT_VIEW: 'View',
  OBJECT_MATVIEW: 'MaterializedView',
  OBJECT_INDEX: 'Index',
  OBJECT_SEQUENCE: 'Sequence',
} as const
const KIND_WORDS: Readonly<Record<string, string>> = {
  Table: 'table',
  View: 'view',
  MaterializedView: 'materialized view',
  Index: 'index',
  Sequence: 'sequence',
}

/** Drop a relation and everything (views over it and foreign keys to it need CASCADE)  that depends on it. Returns false (with an error) when RESTRICT forbids it. */
export const dropRelation = (c: Ctx, key: string, cascade: boolean): boolean => {
  const r = c.st.relations.get(key)
  if (!r) return true
  const views = [...(c.st.viewDependents.get(key) ?? [])]
  const refs = c.st.referencing(key)
  if ((views.length || refs.length) && !cascade) {
    c.st.error('E-DEPENDENT-OBJECTS', `cannot drop ${KIND_WORDS[r.kind] ?? 'relation'} ${r.name} because other objects depend on it`, c.span)
    return false
  }
  c.st.setRelation(key, undefined)
  for (const v of views) dropRelation(c, v, true)
  c.st.viewDependents.delete(key)
  if (r.kind === 'Table') {
    for (const t of refs) {
      const other = c.st.relations.get(t)
      if (other?.kind !== 'Table') continue
      const constraints = other.constraints.filter(
        (x) => !(x.kind === 'ForeignKey' && x.references.schema === r.schema && x.references.name === r.name),
      )
      c.st.setRelation(t, { ...other, constraints })
    }
    c.st.referencedBy.delete(key)
    for (const s of [...(c.st.ownedSequences.get(key) ?? [])]) c.st.setRelation(s, undefined)
    for (const p of [...(c.st.partitions.get(key) ?? [])]) dropRelation(c, p, true)
  }
  for (const i of [...(c.st.indexesOf.get(key) ?? [])]) c.st.setRelation(i, undefined)
  for (const t of [...(c.st.triggersOf.get(key) ?? [])]) c.st.setTrigger(t, undefined)
  if (r.kind === 'Table') for (const [k] of policiesOf(c, r.schema, r.name)) c.st.policies.delete(k)
  return true
}

const dropSchema = (c: Ctx, name: string, cascade: boolean): void => {
  const inSchema = (o: { schema: string }) => o.schema === name
  const rels = [...c.st.relations].filter(([, r]) => inSchema(r)).map(([k]) => k)
  const types = [...c.st.types].filter(([, t]) => inSchema(t)).map(([k]) => k)
  const fns = [...c.st.functions].filter(([, f]) => inSchema(f)).map(([k]) => k)
  if ((rels.length || types.length || fns.length) && !cascade) {
    c.st.error('E-DEPENDENT-OBJECTS', `cannot drop schema ${name} because other objects depend on it`, c.span)
    return
  }
  for (const k of rels) dropRelation(c, k, true)
  for (const k of types) c.st.setType(k, undefined)
  for (const k of fns) c.st.setFunction(k, undefined)
  for (const [k, e] of c.st.extensions) if (e.schema === name) c.st.extensions.delete(k)
  c.st.schemas.delete(name)
}

const missing = (c: Ctx, n: DropStmt, what: string): void => {
  if (!n.missing_ok) c.st.error(what.startsWith('relation') ? 'E-UNDEFINED-TABLE' : 'E-UNDEFINED-OBJECT', `${what} does not exist`, c.span)
}

const dropOne = (c: Ctx, n: DropStmt, obj: Node, cascade: boolean): void => {
  const type = n.removeType ?? ''
  if (Object.hasOwn(RELATION_KINDS, type)) {
    const kind = RELATION_KINDS[type as keyof typeof RELATION_KINDS]
    const q = qname(listItems(obj))
    const key = c.st.resolve(q.schema, q.name, (k) => c.st.relations.has(k))
    const r = key ? c.st.relations.get(key) : undefined
    if (!key || !r) return missing(c, n, `${kind === 'Table' ? 'relation' : KIND_WORDS[kind]} "${q.name}"`)
    if (r.kind !== kind) {
      c.st.error('E-WRONG-OBJECT-TYPE', `"${q.name}" is not a ${KIND_WORDS[kind]}`, c.span)
      return
    }
    dropRelation(c, key, cascade)
    return
  }
  switch (type) {
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, obj)
      if (!key) return missing(c, n, `type "${qname(names).name}"`)
      c.st.setType(key, undefined)
      return
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      if (!('ObjectWithArgs' in obj)) return
      const found = lookupFunction(c, obj.ObjectWithArgs)
      if (found === 'ambiguous') return c.st.error('E-AMBIGUOUS-FUNCTION', `function name "${functionLabel(obj.ObjectWithArgs)}" is not unique`, c.span)
      if (!found) return missing(c, n, `function ${functionLabel(obj.ObjectWithArgs)}`)
      for (const [k, t] of c.st.triggers)
        if (t.function.schema === found.fn.schema && t.function.name === found.fn.name) {
          if (!cascade) return c.st.error('E-DEPENDENT-OBJECTS', `cannot drop function ${found.fn.name} because other objects depend on it`, c.span)
          c.st.setTrigger(k, undefined)
        }
      c.st.setFunction(found.id, undefined)
      return
    }
    case 'OBJECT_TRIGGER': {
      const parts = strings(listItems(obj))
      const name = parts.pop() ?? ''
      const q = { schema: parts.length > 1 ? parts[0] : undefined, name: parts[parts.length - 1] ?? '' }
      const tkey = c.st.resolve(q.schema, q.name, (k) => c.st.relations.has(k))
      const t = tkey ? (c.st.relations.get(tkey) as Table | undefined) : undefined
      if (!t) return missing(c, n, `relation "${q.name}"`)
      const key = triggerKey(t.schema, t.name, name)
      if (!c.st.triggers.has(key)) return missing(c, n, `trigger "${name}" for table "${t.name}"`)
      c.st.setTrigger(key, undefined)
      return
    }
    case 'OBJECT_POLICY':
      return dropPolicy(c, strings(listItems(obj)), !!n.missing_ok)
    case 'OBJECT_SCHEMA': {
      const name = strings([obj])[0] ?? ''
      if (!c.st.schemas.has(name)) return missing(c, n, `schema "${name}"`)
      dropSchema(c, name, cascade)
      return
    }
    case 'OBJECT_EXTENSION': {
      const name = strings([obj])[0] ?? ''
      if (!c.st.extensions.has(name)) return missing(c, n, `extension "${name}"`)
      c.st.extensions.delete(name)
      return
    }
    default:
      c.st.warn('W-UNSUPPORTED', `DROP ${type.replace(/^OBJECT_/, '')} is not supported; statement skipped`, c.span)
  }
}

export const dropStmt = (c: Ctx, n: DropStmt): void => {
  const cascade = n.behavior === 'DROP_CASCADE'
  for (const obj of n.objects ?? []) dropOne(c, n, obj, cascade)
}

