/**
 * The objects a GRANT/REVOKE names, as securables: their ACL kind, owner, effective ACL and a way to
 * store an updated object. `ON ALL … IN SCHEMA` expands to the objects that exist now.
 */
import type { GrantStmt, Node, ObjectWithArgs } from '@pgsql/types'
import type { Database, Function, MaterializedView, Schema, Sequence, Table, View } from '../../ir/objects.js'
import type { AclKind } from '../../normalize/acl.js'
import { functionLabel, lookupFunction } from './function.js'
import type { UserType } from './state.js'
import { typeTarget } from './type-stmt.js'
import { at, strings, type Ctx } from './util.js'

export type SecurableObject = Schema | Table | View | MaterializedView | Sequence | UserType | Function | Database

export interface Target {
  readonly kind: AclKind
  /** as the server names it in messages (`t`, `f()`) */
  readonly name: string
  /** the object as it is now (read again after each update) */
  readonly get: () => SecurableObject
  readonly put: (o: SecurableObject) => void
}

/** Object types the IR does not model: the statement is skipped with a warning. */
const UNMODELLED: Readonly<Record<string, string>> = {
  OBJECT_LANGUAGE: 'LANGUAGE',
  OBJECT_FOREIGN_SERVER: 'FOREIGN SERVER',
  OBJECT_FDW: 'FOREIGN DATA WRAPPER',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_LARGEOBJECT: 'LARGE OBJECT',
  OBJECT_PARAMETER_ACL: 'PARAMETER',
  OBJECT_TABLESPACE: 'TABLESPACE',
  OBJECT_AGGREGATE: 'AGGREGATE',
} as const

const relationTarget = (c: Ctx, key: string, name: string): Target => ({
  kind: c.st.relations.get(key)?.kind === 'Sequence' ? 'sequence' : 'table',
  name,
  get: () => c.st.relations.get(key) as Table | View | MaterializedView | Sequence,
  put: (o) => c.st.setRelation(key, o as Table | View | MaterializedView | Sequence),
})

const functionTarget = (c: Ctx, id: string): Target => ({
  kind: 'function',
  name: (() => {
    const f = c.st.functions.get(id)
    return f ? `${f.name}(${f.args.filter((a) => a.mode !== 'out' && a.mode !== 'table').map((a) => a.type).join(', ')})` : id
  })(),
  get: () => c.st.functions.get(id) as Function,
  put: (o) => c.st.setFunction(id, o as Function),
})

const schemaTarget = (c: Ctx, name: string): Target => ({
  kind: 'schema',
  name,
  get: () => c.st.schemas.get(name) as Schema,
  put: (o) => c.st.schemas.set(name, o as Schema),
})

/** The target database, created on first touch (owned by the role the files start as). */
export const databaseTarget = (c: Ctx): Target => ({
  kind: 'database',
  name: 'current database',
  get: () => (c.st.database ??= { kind: 'Database', owner: c.st.initialRole }),
  put: (o) => {
    c.st.database = o as Database
  },
})

const routineTarget = (c: Ctx, objtype: string, o: ObjectWithArgs, span: ReturnType<typeof at>): Target | undefined => {
  const found = lookupFunction(c, o)
  const label = functionLabel(o)
  if (found === 'ambiguous') {
    c.st.error('E-AMBIGUOUS-FUNCTION', `function name "${label}" is not unique`, span)
    return undefined
  }
  const want = objtype === 'OBJECT_PROCEDURE' ? 'procedure' : objtype === 'OBJECT_FUNCTION' ? 'function' : undefined
  if (!found || (want !== undefined && found.fn.routine !== want)) {
    c.st.error('E-UNDEFINED-OBJECT', `could not find a ${want ?? 'routine'} named "${label}"`, span)
    return undefined
  }
  return functionTarget(c, found.id)
}

const objectTarget = (c: Ctx, objtype: string, node: Node): Target | undefined => {
  switch (objtype) {
    case 'OBJECT_TABLE':
    case 'OBJECT_SEQUENCE': {
      if (!('RangeVar' in node)) return undefined
      const rv = node.RangeVar
      const key = c.st.relationKeyOf(rv)
      const r = key ? c.st.relations.get(key) : undefined
      const name = rv.relname ?? ''
      if (!key || !r || r.kind === 'Index') {
        c.st.error('E-UNDEFINED-OBJECT', `relation "${name}" does not exist`, at(c, rv.location))
        return undefined
      }
      if (objtype === 'OBJECT_SEQUENCE' && r.kind !== 'Sequence') {
        c.st.error('E-WRONG-OBJECT-TYPE', `"${name}" is not a sequence`, at(c, rv.location))
        return undefined
      }
      return relationTarget(c, key, name)
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE':
      return 'ObjectWithArgs' in node ? routineTarget(c, objtype, node.ObjectWithArgs, c.span) : undefined
    case 'OBJECT_SCHEMA': {
      const name = strings([node])[0] ?? ''
      if (!c.st.schemas.has(name)) {
        c.st.error('E-UNDEFINED-OBJECT', `schema "${name}" does not exist`, c.span)
        return undefined
      }
      return schemaTarget(c, name)
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, node)
      const t = key ? c.st.types.get(key) : undefined
      const name = strings(names).join('.')
      if (!key || !t) {
        // built-in types keep their built-in ACL in the IR: nothing to record
        if (names?.length === 1 || strings(names)[0] === 'pg_catalog') c.st.warn('W-UNSUPPORTED', `privileges on built-in type "${name}" are not modelled`, c.span)
        else c.st.error('E-UNDEFINED-OBJECT', `type "${name}" does not exist`, c.span)
        return undefined
      }
      if (objtype === 'OBJECT_DOMAIN' && t.kind !== 'Domain') {
        c.st.error('E-WRONG-OBJECT-TYPE', `"${name}" is not a domain`, c.span)
        return undefined
      }
      return {
        kind: 'type',
        name,
        get: () => c.st.types.get(key) as UserType,
        put: (o) => c.st.setType(key, o as UserType),
      }
    }
    case 'OBJECT_DATABASE':
      // a schema file describes whichever database loads it: any name is the target database
      return databaseTarget(c)
    default:
      return undefined
  }
}

/** ON ALL TABLES|SEQUENCES|FUNCTIONS|PROCEDURES|ROUTINES IN SCHEMA s: the objects that exist now. */
const allInSchema = (c: Ctx, objtype: string, schema: string): ReadonlyArray<Target> => {
  const out: Target[] = []
  if (objtype === 'OBJECT_TABLE' || objtype === 'OBJECT_SEQUENCE') {
    for (const [key, r] of c.st.relations) {
      if (r.schema !== schema) continue
      const isSeq = r.kind === 'Sequence'
      if (r.kind === 'Index' || isSeq !== (objtype === 'OBJECT_SEQUENCE')) continue
      out.push(relationTarget(c, key, r.name))
    }
  } else
    for (const [id, f] of c.st.functions) {
      if (f.schema !== schema) continue
      if (objtype === 'OBJECT_FUNCTION' && f.routine !== 'function') continue
      if (objtype === 'OBJECT_PROCEDURE' && f.routine !== 'procedure') continue
      out.push(functionTarget(c, id))
    }
  return out
}

/** The targets of a GRANT/REVOKE; undefined when the statement is to be skipped (diagnostic given). */
export const grantTargets = (c: Ctx, n: GrantStmt): ReadonlyArray<Target> | undefined => {
  const objtype = n.objtype ?? 'OBJECT_TABLE'
  const unmodelled = UNMODELLED[objtype]
  if (unmodelled !== undefined) {
    c.st.warn('W-UNSUPPORTED', `privileges on ${unmodelled} are not modelled; statement skipped`, c.span)
    return undefined
  }
  if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    const out: Target[] = []
    for (const s of strings(n.objects)) {
      if (!c.st.schemas.has(s)) {
        c.st.error('E-UNDEFINED-OBJECT', `schema "${s}" does not exist`, c.span)
        return undefined
      }
      out.push(...allInSchema(c, objtype, s))
    }
    return out
  }
  const out: Target[] = []
  for (const node of n.objects ?? []) {
    const t = objectTarget(c, objtype, node)
    if (!t) return undefined
    out.push(t)
  }
  return out
}
