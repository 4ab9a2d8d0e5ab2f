/** COMMENT ON … IS '…' | NULL */
import type { CommentStmt, Node } from '@pgsql/types'
import { functionLabel, lookupFunction } from './function.js'
import { policyKey, triggerKey } from './state.js'
import { typeKeyOf, typeTarget } from './type-stmt.js'
import { listItems, strings, type Ctx } from './util.js'

const RELATION_KINDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'Table',
  OBJECT_VIEW: 'View',
  OBJECT_MATVIEW: 'MaterializedView',
  OBJECT_INDEX: 'Index',
  OBJECT_SEQUENCE: 'Sequence',
}

type Commented = { readonly comment?: string }
const withComment = <T extends Commented>(o: T, text: string | undefined): T => {
  const { comment: _c, ...rest } = o
  return (text === undefined ? rest : { ...rest, comment: text }) as T
}

const splitTarget = (parts: string[]): { schema: string | undefined; table: string; sub: string } => {
  const sub = parts.pop() ?? ''
  const table = parts.pop() ?? ''
  return { schema: parts.pop(), table, sub }
}

export const commentOn = (c: Ctx, n: CommentStmt): void => {
  const text = n.comment
  const obj: Node | undefined = n.object
  const type = n.objtype ?? ''
  const notFound = (what: string) => c.st.error('E-UNDEFINED-OBJECT', `${what} does not exist`, c.span)
  const relKind = RELATION_KINDS[type]
  if (relKind) {
    const parts = strings(listItems(obj))
    const name = parts.pop() ?? ''
    const key = c.st.resolve(parts.pop(), name, (k) => c.st.relations.has(k))
    const r = key ? c.st.relations.get(key) : undefined
    if (relKind === 'Index' && !r && c.st.relationNameTaken(c.st.path()[0] ?? 'public', name))
      return c.st.warn('W-UNSUPPORTED', `comment on index "${name}" of a constraint is not modelled`, c.span)
    if (!key || !r || r.kind !== relKind) return c.st.error('E-UNDEFINED-TABLE', `relation "${name}" does not exist`, c.span)
    c.st.setRelation(key, withComment(r, text))
    return
  }
  switch (type) {
    case 'OBJECT_COLUMN': {
      const t = splitTarget(strings(listItems(obj)))
      const key = c.st.resolve(t.schema, t.table, (k) => c.st.relations.has(k) || c.st.types.get(k)?.kind === 'CompositeType')
      const r = key ? (c.st.relations.get(key) ?? c.st.types.get(key)) : undefined
      if (!key || !r) return c.st.error('E-UNDEFINED-TABLE', `relation "${t.table}" does not exist`, c.span)
      if (r.kind === 'CompositeType') {
        if (!r.attributes.some((x) => x.name === t.sub)) return c.st.error('E-UNDEFINED-COLUMN', `column "${t.sub}" of relation "${t.table}" does not exist`, c.span)
        c.st.setType(key, { ...r, attributes: r.attributes.map((x) => (x.name === t.sub ? withComment(x, text) : x)) })
      } else if (r.kind === 'Table') {
        if (!r.columns.some((x) => x.name === t.sub)) return c.st.error('E-UNDEFINED-COLUMN', `column "${t.sub}" of relation "${t.table}" does not exist`, c.span)
        c.st.setRelation(key, { ...r, columns: r.columns.map((x) => (x.name === t.sub ? withComment(x, text) : x)) })
      } else if (r.kind === 'View' || r.kind === 'MaterializedView') {
        if (!r.columns.includes(t.sub)) return c.st.error('E-UNDEFINED-COLUMN', `column "${t.sub}" of relation "${t.table}" does not exist`, c.span)
        const cc: Record<string, string> = { ...(r.columnComments ?? {}) }
        if (text === undefined) delete cc[t.sub]
        else cc[t.sub] = text
        const { columnComments: _x, ...rest } = r
        c.st.setRelation(key, Object.keys(cc).length ? { ...rest, columnComments: cc } : rest)
      } else notFound(`column "${t.sub}"`)
      return
    }
    case 'OBJECT_TABCONSTRAINT': {
      const t = splitTarget(strings(listItems(obj)))
      const key = c.st.resolve(t.schema, t.table, (k) => c.st.relations.has(k))
      const r = key ? c.st.relations.get(key) : undefined
      if (!key || r?.kind !== 'Table' || !r.constraints.some((x) => x.name === t.sub))
        return notFound(`constraint "${t.sub}" for table "${t.table}"`)
      c.st.setRelation(key, { ...r, constraints: r.constraints.map((x) => (x.name === t.sub ? withComment(x, text) : x)) })
      return
    }
    case 'OBJECT_DOMCONSTRAINT': {
      const items = listItems(obj)
      const first = items[0]
      const names = first && 'TypeName' in first ? first.TypeName.names : undefined
      const sub = strings(items.slice(1))[0] ?? ''
      const key = typeKeyOf(c, names)
      const d = key ? c.st.types.get(key) : undefined
      if (!key || d?.kind !== 'Domain' || !d.checks.some((k) => k.name === sub)) return notFound(`constraint "${sub}"`)
      c.st.setType(key, { ...d, checks: d.checks.map((k) => (k.name === sub ? withComment(k, text) : k)) })
      return
    }
    case 'OBJECT_TRIGGER': {
      const t = splitTarget(strings(listItems(obj)))
      const key = c.st.resolve(t.schema, t.table, (k) => c.st.relations.has(k))
      const r = key ? c.st.relations.get(key) : undefined
      const tk = r ? triggerKey(r.schema, r.name, t.sub) : undefined
      const trig = tk ? c.st.triggers.get(tk) : undefined
      if (!tk || !trig) return notFound(`trigger "${t.sub}" for table "${t.table}"`)
      c.st.setTrigger(tk, withComment(trig, text))
      return
    }
    case 'OBJECT_POLICY': {
      const t = splitTarget(strings(listItems(obj)))
      const key = c.st.resolve(t.schema, t.table, (k) => c.st.relations.has(k))
      const r = key ? c.st.relations.get(key) : undefined
      const pk = r ? policyKey(r.schema, r.name, t.sub) : undefined
      const pol = pk ? c.st.policies.get(pk) : undefined
      if (!pk || !pol) return notFound(`policy "${t.sub}" for table "${t.table}"`)
      c.st.policies.set(pk, withComment(pol, text))
      return
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const { names, key } = typeTarget(c, obj)
      const t = key ? c.st.types.get(key) : undefined
      if (!key || !t) return notFound(`type "${strings(names).join('.')}"`)
      c.st.setType(key, withComment(t, text))
      return
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE': {
      if (!obj || !('ObjectWithArgs' in obj)) return
      const found = lookupFunction(c, obj.ObjectWithArgs)
      if (!found || found === 'ambiguous') return c.st.error('E-UNDEFINED-FUNCTION', `function ${functionLabel(obj.ObjectWithArgs)} does not exist`, c.span)
      c.st.setFunction(found.id, withComment(found.fn, text))
      return
    }
    case 'OBJECT_SCHEMA': {
      const name = strings(obj ? [obj] : [])[0] ?? ''
      const s = c.st.schemas.get(name)
      if (!s) return c.st.error('E-UNDEFINED-SCHEMA', `schema "${name}" does not exist`, c.span)
      c.st.schemas.set(name, withComment(s, text))
      return
    }
    case 'OBJECT_EXTENSION': {
      const name = strings(obj ? [obj] : [])[0] ?? ''
      const e = c.st.extensions.get(name)
      if (!e) return notFound(`extension "${name}"`)
      c.st.extensions.set(name, withComment(e, text))
      return
    }
    case 'OBJECT_ROLE': {
      const name = strings(obj ? [obj] : [])[0] ?? ''
      const r = c.st.roles.get(name)
      if (c.st.droppedRoles.has(name)) return c.st.error('E-UNDEFINED-ROLE', `role "${name}" does not exist`, c.span)
      if (!r) return c.st.warn('W-EXTERNAL-ROLE', `role "${name}" is not declared in the files (external): its comment is not managed; statement skipped`, c.span)
      c.st.roles.set(name, withComment(r, text))
      return
    }
    default:
      c.st.warn('W-UNSUPPORTED', `COMMENT ON ${type.replace(/^OBJECT_/, '')} is not supported; statement skipped`, c.span)
  }
}
