/**
 * Test doubles for the access lowerers: evaluated values and BlockViews built by hand, a
 * LowerContext that records what the lowerers queue, and a miniature loader that runs the queued
 * SQL phase by phase through the SQL interpreter session and applies the declared privileges.
 */
import type { PgVersion } from '../../../src/ir/catalog.js'
import type { Catalog } from '../../../src/ir/catalog.js'
import type { Diagnostic, Span } from '../../../src/ir/span.js'
import type { BlockAddress, Value } from '../../../src/parse/hcl/eval/value.js'
import { PHASES, type BlockView, type DeclaredPrivilege, type LowerContext, type Phase } from '../../../src/parse/hcl/lower/context.js'
import { ACCESS_LOWERERS } from '../../../src/parse/hcl/lower/access.js'
import { applyDeclaredPrivileges } from '../../../src/parse/hcl/lower/apply-privileges.js'
import { sqlSession } from '../../../src/parse/sql/index.js'

let line = 0
/** A fresh span (each on its own line, so that source order is creation order). */
export const sp = (): Span => ({ file: 'test.hcl', line: ++line, column: 1 })

export const str = (value: string): Value => ({ kind: 'string', value, span: sp() })
export const kw = (name: string): Value => ({ kind: 'keyword', name, span: sp() })
export const bool = (value: boolean): Value => ({ kind: 'bool', value, span: sp() })
export const num = (value: number): Value => ({ kind: 'number', value, text: String(value), span: sp() })
export const list = (...items: Value[]): Value => ({ kind: 'list', items, span: sp() })
export const obj = (entries: Record<string, Value>): Value => ({ kind: 'object', entries: new Map(Object.entries(entries)), span: sp() })
export const sql = (text: string): Value => ({ kind: 'sql', text, span: sp() })
export const ref = (type: string, name: string, schema?: string, parent?: BlockAddress): Value => ({
  kind: 'ref',
  target: { type, name, ...(schema !== undefined ? { schema } : {}), ...(parent ? { parent } : {}) },
  span: sp(),
})

export interface BlockSpec {
  readonly labels?: ReadonlyArray<string>
  readonly schema?: string
  readonly attrs?: Readonly<Record<string, Value>>
  readonly blocks?: ReadonlyArray<readonly [string, BlockView]>
}

export const block = (type: string, spec: BlockSpec = {}): BlockView => {
  const labels = spec.labels ?? []
  const attrs = spec.attrs ?? {}
  const nested = spec.blocks ?? []
  const span = sp()
  return {
    type,
    labels,
    address: { type, name: labels[labels.length - 1] ?? '', ...(spec.schema !== undefined ? { schema: spec.schema } : {}) },
    span,
    nameSpan: span,
    attributeNames: Object.keys(attrs),
    attr: (n) => attrs[n],
    attrSpan: (n) => attrs[n]?.span,
    blocks: (t) => nested.filter(([k]) => k === t).map(([, b]) => b),
    blockTypes: [...new Set(nested.map(([k]) => k))],
  }
}

export interface Recorded {
  readonly sql: Array<{ phase: Phase; statement: string; span: Span }>
  readonly privileges: DeclaredPrivilege[]
  readonly errors: Array<{ code: string; message: string; span: Span }>
  readonly warnings: Array<{ code: string; message: string }>
  readonly ctx: LowerContext
}

/** A recording context; `declared` are the addresses `exists` answers true for (`type:name`). */
export const fakeContext = (opts: { pgVersion?: PgVersion; role?: string; declared?: ReadonlyArray<string> } = {}): Recorded => {
  const r: Omit<Recorded, 'ctx'> = { sql: [], privileges: [], errors: [], warnings: [] }
  const declared = new Set(opts.declared ?? [])
  const ctx: LowerContext = {
    pgVersion: opts.pgVersion ?? 16,
    role: opts.role ?? 'postgres',
    error: (code, message, span) => void r.errors.push({ code, message, span }),
    warn: (code, message) => void r.warnings.push({ code, message }),
    allow: (b, attributes, blocks) => {
      for (const a of b.attributeNames) if (!attributes.includes(a)) r.errors.push({ code: 'E-UNKNOWN-ATTRIBUTE', message: a, span: b.span })
      for (const t of b.blockTypes) if (!blocks.includes(t)) r.errors.push({ code: 'E-UNKNOWN-BLOCK', message: t, span: b.span })
    },
    exists: (a) => declared.has(`${a.type}:${a.name}`),
    sql: (phase, statement, span) => void r.sql.push({ phase, statement, span }),
    privilege: (p) => void r.privileges.push(p),
  }
  return { ...r, ctx }
}

/** Lower one block with its registered lowerer. */
export const lower = (b: BlockView, rec: Recorded): void => {
  const l = ACCESS_LOWERERS[b.type]
  if (!l) throw new Error(`no access lowerer for ${b.type}`)
  l(b, rec.ctx)
}

export interface MiniLoad {
  readonly catalog: Catalog
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly statements: ReadonlyArray<string>
}

/**
 * What the loader does, in miniature: `before` (SQL of the blocks other lowerers own, as text)
 * runs in the phase given, the access blocks are lowered, every statement runs phase by phase,
 * then the declared privileges are applied.
 */
export const miniLoad = (
  blocks: ReadonlyArray<BlockView>,
  opts: { pgVersion?: PgVersion; role?: string; other?: ReadonlyArray<readonly [Phase, string]>; declared?: ReadonlyArray<string> } = {},
): MiniLoad => {
  const rec = fakeContext(opts)
  for (const [phase, statement] of opts.other ?? []) rec.ctx.sql(phase, statement, sp())
  for (const b of blocks) lower(b, rec)
  const session = sqlSession({ pgVersion: opts.pgVersion ?? 16, role: opts.role ?? 'postgres' })
  const diagnostics: Diagnostic[] = rec.errors.map((e) => ({ severity: 'error', ...e }))
  const statements: string[] = []
  for (const phase of PHASES)
    for (const s of rec.sql.filter((x) => x.phase === phase)) {
      statements.push(s.statement)
      diagnostics.push(...session.run(s.statement, s.span))
    }
  const applied = applyDeclaredPrivileges(session.catalog(), rec.privileges, opts.role ?? 'postgres')
  return { catalog: applied.catalog, diagnostics: [...diagnostics, ...applied.diagnostics], statements }
}
