/**
 * IR → canonical HCL in the dialect of src/parse/hcl/DIALECT.md. Deterministic: blocks by kind
 * (schemas, roles and users, extensions, enums, domains, composites, sequences, tables with their
 * indexes and policies, views, materialized views, functions, procedures, triggers, permissions,
 * default privileges), then by schema and name. What the dialect cannot express is printed as a
 * `# note:` comment where it applies and returned in `notes`.
 */
import { freshCatalog, type Catalog } from '../../ir/catalog.js'
import { irEqual } from '../../ir/equal.js'
import { idOf } from '../../ir/identity.js'
import type { DbObject, Index, Membership, ObjectOfKind, Policy } from '../../ir/objects.js'
import { defaultPrivilegesBlock, roleBlock } from './access.js'
import { comment, printDocument, type Block, type Item } from './doc.js'
import type { EmitHclOptions, HclContext } from './context.js'
import { compositeBlock, domainBlock, enumBlock, extensionBlock, schemaBlock, sequenceBlock } from './objects.js'
import { permissionBlocks } from './permissions.js'
import { makeRefs } from './refs.js'
import { materializedBlock, routineBlock, triggerBlock, viewBlock } from './routines.js'
import { tableBlock, withNotes } from './table.js'

export type { EmitHclOptions } from './context.js'

export interface HclOutput {
  readonly text: string
  /** what the dialect cannot express (each also a `# note:` comment in the text) */
  readonly notes: ReadonlyArray<string>
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const byKey =
  <T>(key: (o: T) => string) =>
  (a: T, b: T): number =>
    cmp(key(a), key(b))

/** Objects of one kind, by schema and name (the identity breaks ties between overloads). */
const ofKind = <K extends DbObject['kind']>(c: Catalog, kind: K): Array<ObjectOfKind<K>> =>
  [...c.objects.values()]
    .filter((o): o is ObjectOfKind<K> => o.kind === kind)
    .sort(byKey((o) => `${'schema' in o ? o.schema : ''}\u0000${'name' in o ? o.name : ''}\u0000${idOf(o)}`))

export const emitHclWithNotes = (catalog: Catalog, options: EmitHclOptions = {}): HclOutput => {
  const notes: string[] = []
  let pending: string[] = []
  const ctx: HclContext = {
    catalog,
    refs: makeRefs(catalog),
    role: options.role ?? 'postgres',
    note: (m) => {
      pending.push(m)
      notes.push(m)
    },
  }
  const take = (): string[] => {
    const p = pending
    pending = []
    return p
  }
  /** Build a block and put the notes made while building it inside it. */
  const noted = (make: () => Block): Block => {
    const b = make()
    return withNotes(b, take())
  }
  const items: Item[] = []

  items.push(...ofKind(catalog, 'Schema').map((s) => noted(() => schemaBlock(ctx, s))))

  const memberships = ofKind(catalog, 'Membership')
  const roles = ofKind(catalog, 'Role')
  const declaredRoles = new Set(roles.map((r) => r.name))
  items.push(...roles.map((r) => noted(() => roleBlock(ctx, r, memberships.filter((m) => m.member === r.name).sort(byKey((m: Membership) => m.role))))))
  for (const m of memberships.filter((x) => !declaredRoles.has(x.member)))
    ctx.note(`membership of ${m.member} in ${m.role}: the member is not a declared role, and only a declared role can say member_of`)

  const plpgsql = freshCatalog(catalog.pgVersion).objects.get('extension:"plpgsql"')
  const extensions = ofKind(catalog, 'Extension').filter((e) => !irEqual(e, plpgsql))
  if (!catalog.objects.has('extension:"plpgsql"')) ctx.note('the plpgsql extension was dropped: a schema always has it')
  items.push(...take().map((n) => comment(`note: ${n}`)))
  items.push(...extensions.map((e) => noted(() => extensionBlock(ctx, e))))
  items.push(...ofKind(catalog, 'Enum').map((e) => noted(() => enumBlock(ctx, e))))
  items.push(...ofKind(catalog, 'Domain').map((d) => noted(() => domainBlock(ctx, d))))
  items.push(...ofKind(catalog, 'CompositeType').map((c) => noted(() => compositeBlock(ctx, c))))
  items.push(...ofKind(catalog, 'Sequence').map((s) => noted(() => sequenceBlock(ctx, s))))

  const indexes = ofKind(catalog, 'Index')
  const policies = ofKind(catalog, 'Policy')
  const on = <T extends Index | Policy>(xs: ReadonlyArray<T>, t: { schema: string; name: string }): T[] =>
    xs.filter((x) => x.schema === t.schema && x.table === t.name).sort(byKey((x) => x.name))
  items.push(...ofKind(catalog, 'Table').map((t) => noted(() => tableBlock(ctx, t, on(indexes, t), on(policies, t)))))
  items.push(...ofKind(catalog, 'View').map((v) => noted(() => viewBlock(ctx, v))))
  items.push(...ofKind(catalog, 'MaterializedView').map((m) => noted(() => materializedBlock(ctx, m, on(indexes, m)))))
  const routines = ofKind(catalog, 'Function')
  items.push(...routines.filter((f) => f.routine === 'function').map((f) => noted(() => routineBlock(ctx, f))))
  items.push(...routines.filter((f) => f.routine === 'procedure').map((f) => noted(() => routineBlock(ctx, f))))
  items.push(...ofKind(catalog, 'Trigger').map((t) => noted(() => triggerBlock(ctx, t))))

  // permissions, object by object in the order above; the database's first
  const database = ofKind(catalog, 'Database')[0]
  if (database !== undefined && database.owner !== ctx.role) ctx.note(`the database is owned by ${database.owner}: the dialect has no database owner`)
  const KIND_ORDER: ReadonlyArray<DbObject['kind']> = ['Database', 'Schema', 'Enum', 'Domain', 'CompositeType', 'Sequence', 'Table', 'View', 'MaterializedView', 'Function']
  for (const kind of KIND_ORDER) {
    for (const o of ofKind(catalog, kind)) {
      const blocks = permissionBlocks(ctx, o)
      items.push(...take().map((n) => comment(`note: ${n}`)), ...blocks)
    }
  }
  const defaults = ofKind(catalog, 'DefaultAcl').sort(byKey((d) => `${d.role}\u0000${d.schema}\u0000${d.objectType}`))
  items.push(...defaults.map((d) => noted(() => defaultPrivilegesBlock(ctx, d))))
  return { text: printDocument(items), notes }
}

/** The canonical HCL of a catalog. */
export const emitHcl = (catalog: Catalog, options: EmitHclOptions = {}): string => emitHclWithNotes(catalog, options).text
