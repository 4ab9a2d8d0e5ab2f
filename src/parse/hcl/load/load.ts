/**
 * The HCL loader, from syntax trees to a Catalog: variables and locals, for_each expansion, the
 * declaration index (built in stages so that what an address needs is declared first: schemas and
 * roles, then schema objects, then what attaches to them), duplicate and unknown-block checks,
 * lowering every block to SQL statements and declared privileges, running the statements, and
 * applying the privileges. Deterministic: blocks in file order, then source order.
 */
import * as E from 'fp-ts/lib/Either.js'
import { DEFAULT_PG_VERSION, type PgVersion } from '../../../ir/catalog.js'
import { diagnostic, type Diagnostic } from '../../../ir/span.js'
import { sqlSession, type LoadResult } from '../../sql/index.js'
import { evaluate } from '../eval/evaluate.js'
import { isSchemaType } from '../eval/ref-path.js'
import { didYouMean } from '../eval/suggest.js'
import { applyDeclaredPrivileges } from '../lower/apply-privileges.js'
import type { BlockLowerer } from '../lower/context.js'
import type { Attribute, Block, Body } from '../syntax.js'
import { makeContext, type Collected } from './context.js'
import { checkAttributes, declareLocals, declareVariable, dedupe, reportDuplicates } from './declare.js'
import { DeclIndex, type Instance } from './decls.js'
import { attribute, expand } from './expand.js'
import { runStatements } from './run.js'
import { makeScope, type ScopeParts } from './scope.js'
import { Values, type VariableDecl } from './variables.js'
import { makeViews } from './view.js'

export interface HclFile {
  readonly file: string
  readonly body: Body
}

export interface HclOptions {
  /** default 16 */
  readonly pgVersion?: PgVersion
  /** the role the migration runs as, owner of objects without `owner`; default postgres */
  readonly role?: string
  /** `--var name=value` */
  readonly vars?: Readonly<Record<string, string>>
  /** the environment, for `getenv` and `PGCHARTER_VAR_<name>` */
  readonly env?: Readonly<Record<string, string>>
}

const STAGE_A = ['schema', 'role', 'user', 'extension']
const stageOf = (type: string): number => (STAGE_A.includes(type) ? 0 : isSchemaType(type) ? 1 : 2)

/** Load parsed files with a registry of lowerers (the dialect's, or a test's). */
export const loadBodies = (files: ReadonlyArray<HclFile>, options: HclOptions, lowerers: Readonly<Record<string, BlockLowerer>>): LoadResult => {
  const diagnostics: Diagnostic[] = []
  const report = (ds: ReadonlyArray<Diagnostic>): void => void diagnostics.push(...ds)
  const env = options.env ?? {}
  const role = options.role ?? 'postgres'
  const pgVersion = options.pgVersion ?? DEFAULT_PG_VERSION
  const known = [...Object.keys(lowerers), 'variable', 'locals']

  const variables = new Map<string, VariableDecl>()
  const locals = new Map<string, Attribute>()
  const blocks: Block[] = []
  for (const f of files) {
    for (const item of f.body.items) {
      if (item.kind === 'Attribute') {
        report([diagnostic('error', 'E-UNKNOWN-ATTRIBUTE', `attribute "${item.name}" outside of a block: a schema file holds only blocks (${known.join(', ')})`, item.nameSpan)])
        continue
      }
      checkAttributes(item.body, report)
      if (item.type === 'variable') declareVariable(item, variables, report)
      else if (item.type === 'locals') declareLocals(item, locals, report)
      else if (Object.prototype.hasOwnProperty.call(lowerers, item.type)) blocks.push(item)
      else report([diagnostic('error', 'E-UNKNOWN-BLOCK', `unknown block type "${item.type}".${didYouMean(item.type, known)} Known: ${known.join(', ')}.`, item.typeSpan)])
    }
  }

  const index = new DeclIndex()
  let values: Values | undefined
  const parts: ScopeParts = { index, env, values: () => values! }
  values = new Values(variables, locals, options.vars ?? {}, env, (e) => evaluate(e, makeScope(parts)))

  // the index, in stages; instances keep the source order of their blocks
  const instances = new Map<Block, Instance[]>()
  for (const stage of [0, 1, 2]) {
    values.reset()
    for (const b of blocks) {
      if (stageOf(b.type) !== stage) continue
      const is = expand(b, undefined, parts, report)
      instances.set(b, is)
      for (const i of is) index.add(i)
    }
  }
  values.reset()
  report(values.cycles())
  const all = blocks.flatMap((b) => instances.get(b) ?? [])
  reportDuplicates(index, report)

  const views = makeViews(parts, report)
  const walk = (i: Instance): void => {
    // `schema = schema.x` was read syntactically to build the index: now that it exists, resolve it
    // (an undeclared schema is E-UNRESOLVED with a did-you-mean, not a later SQL error)
    const schema = attribute(i.block, 'schema')
    if (schema !== undefined && schema.value.kind === 'Traversal' && schema.value.root === 'schema') {
      const r = evaluate(schema.value, makeScope(parts, { each: i.each, self: undefined, relation: i.address }))
      if (E.isLeft(r)) report(r.left)
    }
    const deps = attribute(i.block, 'depends_on')
    if (deps !== undefined) {
      const r = evaluate(deps.value, makeScope(parts, { each: i.each, self: undefined, relation: i.address }))
      if (E.isLeft(r)) report(r.left)
      else if (r.right.kind !== 'list' || r.right.items.some((x) => x.kind !== 'ref'))
        report([diagnostic('error', 'E-TYPE', `depends_on of ${i.type}: expected a list of references`, deps.value.span)])
    }
    i.children.forEach(walk)
  }
  all.forEach(walk)

  const collected: Collected = { statements: [], privileges: [] }
  const ctx = makeContext({ pgVersion, role }, index, views, diagnostics, collected)
  for (const i of all) {
    try {
      lowerers[i.type]!(views.view(i), ctx)
    } catch (e) {
      report([diagnostic('error', 'E-INTERNAL', `internal error while lowering ${i.type} "${i.address.name}": ${e instanceof Error ? e.message : String(e)}`, i.block.span)])
    }
  }

  const session = sqlSession({ pgVersion, role })
  report(runStatements(session, collected.statements))
  const applied = applyDeclaredPrivileges(session.catalog(), collected.privileges, role)
  report(applied.diagnostics)
  return { catalog: applied.catalog, diagnostics: dedupe(diagnostics) }
}
