/**
 * The declarative semantics of privileges (DIALECT.md, "Privileges"): after the statements ran,
 * every securable object's ACL becomes its owner's implicit entries plus exactly the declared
 * privileges; column ACLs exactly the declared column privileges. Whatever the server would have
 * granted on its own (PUBLIC EXECUTE on routines, PUBLIC USAGE on types and on schema public) is
 * gone unless declared: the diff then emits the REVOKEs after the CREATEs.
 */
import { catalog as makeCatalog, type Catalog } from '../../../ir/catalog.js'
import { identity } from '../../../ir/names.js'
import type { AclItem, DbObject } from '../../../ir/objects.js'
import { diagnostic, type Diagnostic, type Span } from '../../../ir/span.js'
import { aclDefault, aclKindOf, appliesTo, columnNames, holdsColumnAcls, storedAcl, withColumnAcl } from '../../../normalize/acl.js'
import type { DeclaredPrivilege } from './context.js'

const DATABASE = identity('Database', [])

/** What an identity names, for messages (`function:"public"."f"` → `function "public"."f"`). */
const describe = (id: string): string => (id === DATABASE ? 'the database' : id.replace(/^([a-z-]+):/, '$1 '))

/** The object with its ACL replaced (stored form: absent when it is the built-in default). */
const withAcl = (o: DbObject, items: ReadonlyArray<AclItem>, v: Catalog['pgVersion']): DbObject => {
  const kind = aclKindOf(o)
  if (kind === undefined || !('owner' in o)) return o
  const own = aclDefault(kind, o.owner, v).filter((i) => i.grantee === o.owner)
  const acl = storedAcl(kind, o.owner, [...own, ...items], v)
  const { acl: _old, ...rest } = o as DbObject & { acl?: unknown }
  return (acl ? { ...rest, acl } : rest) as DbObject
}

/**
 * Apply the declared privileges to a catalog. `role` is the role the schema runs as (the owner of
 * the database when a privilege names it and the catalog has no Database object).
 */
export const applyDeclaredPrivileges = (
  catalog: Catalog,
  privileges: ReadonlyArray<DeclaredPrivilege>,
  role = 'postgres',
): { readonly catalog: Catalog; readonly diagnostics: ReadonlyArray<Diagnostic> } => {
  const v = catalog.pgVersion
  const diagnostics: Diagnostic[] = []
  const error = (code: string, message: string, span: Span): void => void diagnostics.push(diagnostic('error', code, message, span))
  const objects = new Map(catalog.objects)
  const roles = new Set([...objects.values()].flatMap((o) => (o.kind === 'Role' ? [o.name] : [])))
  // routines are named without their signature (DeclaredPrivilege.object)
  const routines = new Map<string, string[]>()
  for (const [id, o] of objects)
    if (o.kind === 'Function') {
      const k = identity('Function', [o.schema, o.name])
      routines.set(k, [...(routines.get(k) ?? []), id])
    }

  const resolve = (p: DeclaredPrivilege): string | undefined => {
    if (objects.has(p.object)) return p.object
    if (p.object === DATABASE) {
      objects.set(DATABASE, { kind: 'Database', owner: role })
      return DATABASE
    }
    const ids = routines.get(p.object) ?? []
    if (ids.length === 1) return ids[0]
    if (ids.length > 1) error('E-AMBIGUOUS-FUNCTION', `${describe(p.object)} is overloaded (${ids.length} routines): a permission cannot tell which`, p.span)
    else error('E-UNDEFINED-OBJECT', `${describe(p.object)} does not exist: declare it, or remove the permission`, p.span)
    return undefined
  }

  const declared = new Map<string, AclItem[]>()
  const declaredColumns = new Map<string, Map<string, AclItem[]>>()
  for (const p of privileges) {
    const id = resolve(p)
    const o = id === undefined ? undefined : objects.get(id)
    if (id === undefined || o === undefined) continue
    const kind = aclKindOf(o)
    if (kind === undefined || !('owner' in o)) {
      error('E-WRONG-OBJECT-TYPE', `${describe(id)} takes no privileges`, p.span)
      continue
    }
    if (p.grantee !== 'PUBLIC' && !p.granteeExternal && !roles.has(p.grantee)) {
      error('E-UNDEFINED-ROLE', `role "${p.grantee}" is not declared (declare it with a role or user block, or name it with ref("role.${p.grantee}") when it exists elsewhere)`, p.span)
      continue
    }
    if (p.grantor === 'PUBLIC') {
      error('E-INVALID-GRANT-OPERATION', 'PUBLIC cannot be a grantor', p.span)
      continue
    }
    const onKind = p.columns ? 'column' : kind
    const bad = p.privileges.filter((x) => !appliesTo(onKind, x, v))
    if (bad.length) {
      error('E-INVALID-PRIVILEGE', `invalid privilege type ${bad.join(', ')} for ${p.columns ? 'a column' : kind === 'table' ? 'a relation' : `a ${kind}`} (${describe(id)})`, p.span)
      continue
    }
    const items = p.privileges.map((privilege): AclItem => ({ grantee: p.grantee, privilege, grantable: p.grantable, grantor: p.grantor ?? o.owner }))
    if (p.columns === undefined) {
      declared.set(id, [...(declared.get(id) ?? []), ...items])
      continue
    }
    if (!holdsColumnAcls(o)) {
      error('E-WRONG-OBJECT-TYPE', `${describe(id)} has no columns to grant on`, p.span)
      continue
    }
    const names = columnNames(o)
    const missing = p.columns.filter((c) => !names.includes(c))
    if (missing.length) {
      error('E-UNDEFINED-COLUMN', `column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} of ${describe(id)} do${missing.length > 1 ? '' : 'es'} not exist`, p.span)
      continue
    }
    const cols = declaredColumns.get(id) ?? new Map<string, AclItem[]>()
    for (const c of p.columns) cols.set(c, [...(cols.get(c) ?? []), ...items])
    declaredColumns.set(id, cols)
  }

  const out: DbObject[] = []
  for (const [id, o] of objects) {
    // the database's ACL is declared only when a permission names it
    if (aclKindOf(o) === undefined || !('owner' in o) || (o.kind === 'Database' && !declared.has(id))) {
      out.push(o)
      continue
    }
    let next = withAcl(o, declared.get(id) ?? [], v)
    if (holdsColumnAcls(next)) {
      const cols = declaredColumns.get(id)
      for (const c of columnNames(next)) next = withColumnAcl(next, c, cols?.get(c) ?? [])
    }
    // the database is an object only when something about it differs from a fresh one
    if (next.kind === 'Database' && next.owner === role && next.acl === undefined) continue
    out.push(next)
  }
  return { catalog: makeCatalog(v, out), diagnostics }
}
