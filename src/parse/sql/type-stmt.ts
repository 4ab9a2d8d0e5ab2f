/** CREATE TYPE … AS ENUM / AS (composite), CREATE DOMAIN, ALTER TYPE … VALUE, ALTER DOMAIN. */
import type {
  AlterDomainStmt,
  AlterEnumStmt,
  CompositeTypeStmt,
  Constraint as PgConstraint,
  CreateDomainStmt,
  CreateEnumStmt,
  Node,
} from '@pgsql/types'
import { relationKey, sqlPath } from '../../ir/names.js'
import type { Domain } from '../../ir/objects.js'
import { storedExpr } from './server-env.js'
import { chooseName } from '../../normalize/names.js'
import { at, listItems, qname, strings, typeText, type Ctx, type QName } from './util.js'
import { creationAcl } from './acl-create.js'

/** Schema and key for a new type, or undefined (with a diagnostic) when it cannot be created. */
const newType = (c: Ctx, q: QName, location?: number): { schema: string; key: string } | undefined => {
  const schema = c.st.creationSchema(q.schema, at(c, location))
  if (schema === undefined) return undefined
  if (c.st.relationNameTaken(schema, q.name)) {
    c.st.error('E-DUPLICATE-OBJECT', `type "${q.name}" already exists`, at(c, location))
    return undefined
  }
  return { schema, key: relationKey(schema, q.name) }
}

export const typeKeyOf = (c: Ctx, names: ReadonlyArray<Node> | undefined): string | undefined => {
  const q = qname(names)
  return c.st.resolve(q.schema, q.name, (k) => c.st.types.has(k))
}

/**
 * The type a statement's object node names (a TypeName, or a dotted list of names): its name
 * parts, for messages, and its key when such a type exists.
 */
export const typeTarget = (c: Ctx, obj: Node | undefined): { readonly names: ReadonlyArray<Node>; readonly key: string | undefined } => {
  const names = obj !== undefined && 'TypeName' in obj ? (obj.TypeName.names ?? []) : listItems(obj)
  return { names, key: typeKeyOf(c, names) }
}

export const createEnum = (c: Ctx, n: CreateEnumStmt): void => {
  const q = qname(n.typeName)
  const t = newType(c, q)
  if (!t) return
  c.st.setType(t.key, { kind: 'Enum', schema: t.schema, name: q.name, owner: c.st.role, values: strings(n.vals), ...creationAcl(c.st, 'type', c.st.role, t.schema), span: c.span })
}

export const createComposite = (c: Ctx, n: CompositeTypeStmt): void => {
  const rv = n.typevar
  if (!rv) return
  const q = { schema: rv.schemaname, name: rv.relname ?? '' }
  const t = newType(c, q, rv.location)
  if (!t) return
  const attributes = (n.coldeflist ?? []).flatMap((el) => {
    if (!('ColumnDef' in el) || !el.ColumnDef.typeName) return []
    const d = el.ColumnDef
    const collation = d.collClause ? sqlPath(strings(d.collClause.collname)) : ''
    return [{ name: d.colname ?? '', type: typeText(c, d.typeName!), ...(collation ? { collation } : {}) }]
  })
  c.st.setType(t.key, { kind: 'CompositeType', schema: t.schema, name: q.name, owner: c.st.role, attributes, ...creationAcl(c.st, 'type', c.st.role, t.schema), span: c.span })
}

const domainCheck = (c: Ctx, d: Domain, con: PgConstraint, used: Set<string>): Domain['checks'][number] | undefined => {
  if (!con.raw_expr) return undefined
  const name = con.conname ?? chooseName(d.name, undefined, 'check', (x) => used.has(x) || d.checks.some((k) => k.name === x))
  used.add(name)
  return { name, expression: storedExpr(c.st, [{ name: 'value', type: d.baseType }], con.raw_expr), notValid: !con.initially_valid }
}

/** Apply domain constraints (NOT NULL, NULL, DEFAULT, CHECK) to a domain. */
const applyDomainConstraints = (c: Ctx, d: Domain, cons: ReadonlyArray<Node>): Domain => {
  let out = d
  const used = new Set<string>()
  for (const node of cons) {
    if (!('Constraint' in node)) continue
    const con = node.Constraint
    switch (con.contype) {
      case 'CONSTR_NOTNULL':
        out = { ...out, notNull: true }
        break
      case 'CONSTR_NULL':
        out = { ...out, notNull: false }
        break
      case 'CONSTR_DEFAULT':
        if (con.raw_expr) out = { ...out, default: storedExpr(c.st, [], con.raw_expr, out.baseType) }
        break
      case 'CONSTR_CHECK': {
        const chk = domainCheck(c, out, con, used)
        if (chk) out = { ...out, checks: [...out.checks, chk] }
        break
      }
      default:
        c.st.warn('W-UNSUPPORTED', `domain constraint ${con.contype ?? ''} is not supported`, at(c, con.location))
    }
  }
  return out
}

export const createDomain = (c: Ctx, n: CreateDomainStmt): void => {
  const q = qname(n.domainname)
  const t = newType(c, q)
  if (!t || !n.typeName) return
  const collation = n.collClause ? sqlPath(strings(n.collClause.collname)) : ''
  const base: Domain = {
    kind: 'Domain',
    schema: t.schema,
    name: q.name,
    owner: c.st.role,
    baseType: typeText(c, n.typeName),
    notNull: false,
    checks: [],
    ...(collation ? { collation } : {}),
    ...creationAcl(c.st, 'type', c.st.role, t.schema),
    span: c.span,
  }
  c.st.setType(t.key, applyDomainConstraints(c, base, n.constraints ?? []))
}

export const alterEnum = (c: Ctx, n: AlterEnumStmt): void => {
  const key = typeKeyOf(c, n.typeName)
  const e = key ? c.st.types.get(key) : undefined
  if (!key || !e || e.kind !== 'Enum') {
    c.st.error('E-UNDEFINED-OBJECT', `type "${qname(n.typeName).name}" does not exist`, c.span)
    return
  }
  const values = [...e.values]
  if (n.oldVal !== undefined) {
    const i = values.indexOf(n.oldVal)
    if (i < 0) return c.st.error('E-INVALID-PARAMETER', `"${n.oldVal}" is not an existing enum label`, c.span)
    values[i] = n.newVal ?? ''
  } else {
    const v = n.newVal ?? ''
    if (values.includes(v)) {
      if (!n.skipIfNewValExists) c.st.error('E-DUPLICATE-OBJECT', `enum label "${v}" already exists`, c.span)
      return
    }
    if (n.newValNeighbor !== undefined) {
      const i = values.indexOf(n.newValNeighbor)
      if (i < 0) return c.st.error('E-INVALID-PARAMETER', `"${n.newValNeighbor}" is not an existing enum label`, c.span)
      values.splice(n.newValIsAfter ? i + 1 : i, 0, v)
    } else values.push(v)
  }
  c.st.setType(key, { ...e, values })
}

export const alterDomain = (c: Ctx, n: AlterDomainStmt): void => {
  const key = typeKeyOf(c, n.typeName)
  const d = key ? c.st.types.get(key) : undefined
  if (!key || !d || d.kind !== 'Domain') {
    c.st.error('E-UNDEFINED-OBJECT', `type "${qname(n.typeName).name}" does not exist`, c.span)
    return
  }
  switch (n.subtype) {
    case 'T': {
      if (n.def) c.st.setType(key, { ...d, default: storedExpr(c.st, [], n.def, d.baseType) })
      else {
        const { default: _d, ...rest } = d
        c.st.setType(key, rest)
      }
      return
    }
    case 'N':
      return c.st.setType(key, { ...d, notNull: false })
    case 'O':
      return c.st.setType(key, { ...d, notNull: true })
    case 'C': {
      if (!n.def || !('Constraint' in n.def)) return
      const con = n.def.Constraint
      if (con.conname && d.checks.some((k) => k.name === con.conname))
        return c.st.error('E-DUPLICATE-OBJECT', `constraint "${con.conname}" for domain "${d.name}" already exists`, c.span)
      const chk = domainCheck(c, d, con, new Set())
      if (chk) c.st.setType(key, { ...d, checks: [...d.checks, { ...chk, notValid: !con.initially_valid }] })
      return
    }
    case 'X': {
      if (!d.checks.some((k) => k.name === n.name)) {
        if (!n.missing_ok) c.st.error('E-UNDEFINED-OBJECT', `constraint "${n.name ?? ''}" of domain "${d.name}" does not exist`, c.span)
        return
      }
      return c.st.setType(key, { ...d, checks: d.checks.filter((k) => k.name !== n.name) })
    }
    case 'V':
      return c.st.setType(key, { ...d, checks: d.checks.map((k) => (k.name === n.name ? { ...k, notValid: false } : k)) })
    default:
      c.st.warn('W-UNSUPPORTED', 'this ALTER DOMAIN form is not supported', c.span)
  }
}
