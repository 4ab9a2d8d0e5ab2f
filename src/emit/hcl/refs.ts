/**
 * References as the dialect writes them: `schema.public`, `table.users` (the name is unique among
 * tables) or `table.s.users`, `table.users.column.id`, `role.app` / `user.bob` for declared roles,
 * `ref("role.postgres")` for roles the catalog does not declare, `PUBLIC`.
 *
 * A name that is not an HCL identifier cannot be a traversal step: it is written with index
 * syntax, `table.public["My Table"].column["a b"]` (the loader resolves `x["n"]` like `x.n`).
 */
import type { Catalog } from '../../ir/catalog.js'
import { qualified } from '../../ir/names.js'
import type { DbObject } from '../../ir/objects.js'
import { isIdentifier, quoted, sqlCall } from './strings.js'

/** Block types of objects that live in a schema. */
export type SchemaBlock = 'table' | 'view' | 'materialized' | 'sequence' | 'enum' | 'domain' | 'composite' | 'function' | 'procedure'

/** An object in a schema as the dialect addresses it, undefined for other objects. */
export interface Addressed {
  readonly type: SchemaBlock
  readonly schema: string
  readonly name: string
}

const TYPE_OF = {
  Table: 'table',
  View: 'view',
  MaterializedView: 'materialized',
  Sequence: 'sequence',
  Enum: 'enum',
  Domain: 'domain',
  CompositeType: 'composite',
} as const

export const addressOf = (o: DbObject): Addressed | undefined => {
  if (o.kind === 'Function') return { type: o.routine, schema: o.schema, name: o.name }
  if (o.kind in TYPE_OF && 'schema' in o && 'name' in o) return { type: TYPE_OF[o.kind as keyof typeof TYPE_OF], schema: o.schema, name: o.name }
  return undefined
}

/** A traversal from its steps: `.step` for identifiers, `["step"]` otherwise. */
export const traversal = (root: string, steps: ReadonlyArray<string>): string =>
  root + steps.map((s) => (isIdentifier(s) ? `.${s}` : `[${quoted(s)}]`)).join('')

/** Words that are not type keywords: HCL literals and roots, and the dialect's block types. */
const NOT_TYPE_WORDS: ReadonlySet<string> = new Set([
  'null', 'true', 'false', 'var', 'local', 'each', 'self', 'count', 'for', 'in', 'if',
  'schema', 'extension', 'enum', 'domain', 'composite', 'sequence', 'table', 'view', 'materialized',
  'function', 'procedure', 'trigger', 'policy', 'role', 'user', 'column', 'index', 'foreign_key',
  'check', 'unique', 'primary_key', 'exclude', 'permission', 'default_privileges', 'variable', 'locals',
  'sql', 'ref', 'getenv',
] as const)

export interface Refs {
  /** `PUBLIC`, `role.r`, `user.u`, or `ref("role.x")` for a role the catalog does not declare */
  role(name: string): string
  /** `schema.s`, or the name as a string when the schema is not declared (extensions in pg_catalog) */
  schema(name: string): string
  isSchemaDeclared(name: string): boolean
  /** an object in a schema */
  object(type: SchemaBlock, schema: string, name: string): string
  /** a column of a relation, from elsewhere: `table.t.column.c` */
  column(type: SchemaBlock, schema: string, table: string, column: string): string
  /** a column inside its own table block: `column.c` */
  local(column: string): string
  /** a type: a reference to a declared enum/domain/composite, a keyword, or `sql("…")` */
  type(t: string): string
}

export const makeRefs = (c: Catalog): Refs => {
  const roles = new Map<string, 'role' | 'user'>()
  const schemas = new Set<string>()
  // how many objects of a block type share a name (across schemas)
  const counts = new Map<string, number>()
  const types = new Map<string, [SchemaBlock, string, string]>()
  for (const o of c.objects.values()) {
    if (o.kind === 'Role') roles.set(o.name, o.login ? 'user' : 'role')
    if (o.kind === 'Schema') schemas.add(o.name)
    const a = addressOf(o)
    if (a !== undefined) {
      const k = `${a.type}\u0000${a.name}`
      counts.set(k, (counts.get(k) ?? 0) + 1)
      if (a.type === 'enum' || a.type === 'domain' || a.type === 'composite') types.set(qualified(a.schema, a.name), [a.type, a.schema, a.name])
    }
  }
  const object = (type: SchemaBlock, schema: string, name: string): string =>
    (counts.get(`${type}\u0000${name}`) ?? 0) > 1 ? traversal(type, [schema, name]) : traversal(type, [name])
  return {
    role: (name) => {
      if (name === 'PUBLIC') return 'PUBLIC'
      const kind = roles.get(name)
      return kind === undefined ? `ref(${quoted(`role.${name}`)})` : traversal(kind, [name])
    },
    schema: (name) => (schemas.has(name) ? traversal('schema', [name]) : quoted(name)),
    isSchemaDeclared: (name) => schemas.has(name),
    object,
    column: (type, schema, table, column) => `${object(type, schema, table)}${traversal('', ['column', column])}`,
    local: (column) => traversal('column', [column]),
    type: (t) => {
      const hit = types.get(t)
      if (hit !== undefined) return object(...hit)
      return /^[a-z][a-z0-9]*$/.test(t) && !NOT_TYPE_WORDS.has(t) ? t : sqlCall(t)
    },
  }
}
