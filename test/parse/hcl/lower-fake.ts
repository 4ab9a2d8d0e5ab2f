/**
 * A fake of the loader for the block lowerers' unit tests: evaluated values and BlockViews built
 * by hand, a LowerContext that records statements and errors, and a runner that feeds the recorded
 * statements phase by phase (retrying failures after the rest of their phase) to the SQL session.
 */
import { loadSql, sqlSession } from '../../../src/parse/sql/index.js'
import { irEqual, stripSpans } from '../../../src/ir/equal.js'
import type { Catalog, PgVersion } from '../../../src/ir/catalog.js'
import type { Diagnostic, Span } from '../../../src/ir/span.js'
import type { BlockAddress, Value } from '../../../src/parse/hcl/eval/value.js'
import { PHASES, type BlockView, type LowerContext, type Phase } from '../../../src/parse/hcl/lower/context.js'
import { runStatements } from '../../../src/parse/hcl/load/run.js'
import { LOWERERS } from '../../../src/parse/hcl/lower/registry.js'

const span: Span = { file: 'fake.hcl', line: 1, column: 1 }

export const str = (value: string): Value => ({ kind: 'string', value, span })
export const num = (value: number): Value => ({ kind: 'number', value, text: String(value), span })
export const bool = (value: boolean): Value => ({ kind: 'bool', value, span })
export const kw = (name: string): Value => ({ kind: 'keyword', name, span })
export const sql = (text: string): Value => ({ kind: 'sql', text, span })
export const list = (...items: Value[]): Value => ({ kind: 'list', items, span })
export const obj = (o: Record<string, Value>): Value => ({ kind: 'object', entries: new Map(Object.entries(o)), span })
export const call = (name: string, ...args: Value[]): Value => ({ kind: 'call', name, args, span })
export const ref = (target: BlockAddress): Value => ({ kind: 'ref', target, span })
/** `table.s.t` / `schema.s` / `role.r` … */
export const at = (type: string, name: string, schema?: string): BlockAddress => (schema !== undefined ? { type, schema, name } : { type, name })
/** `column.c` inside a table, or `table.s.t.column.c`. */
export const col = (name: string, table?: BlockAddress): Value => ref(table ? { type: 'column', name, parent: table } : { type: 'column', name })

export interface Fake {
  readonly type: string
  readonly labels: ReadonlyArray<string>
  readonly attrs: Readonly<Record<string, Value>>
  readonly blocks: ReadonlyArray<Fake>
}

/** A block: `blk('table', ['users'], { schema: ref(at('schema','public')) }, [children])`. */
export const blk = (type: string, labels: ReadonlyArray<string>, attrs: Record<string, Value> = {}, blocks: ReadonlyArray<Fake> = []): Fake => ({ type, labels, attrs, blocks })

const view = (f: Fake, parent?: BlockAddress): BlockView => {
  const s = f.attrs['schema']
  const schema = s?.kind === 'ref' && s.target.type === 'schema' ? s.target.name : undefined
  const name = f.labels[f.labels.length - 1] ?? f.type
  const address: BlockAddress = { type: f.type, name, ...(schema !== undefined && parent === undefined && f.type !== 'extension' ? { schema } : {}), ...(parent ? { parent } : {}) }
  return {
    type: f.type,
    labels: f.labels,
    address,
    span,
    nameSpan: span,
    attributeNames: Object.keys(f.attrs),
    attr: (n) => f.attrs[n],
    attrSpan: (n) => (n in f.attrs ? span : undefined),
    blocks: (t) => f.blocks.filter((b) => b.type === t).map((b) => view(b, address)),
    blockTypes: [...new Set(f.blocks.map((b) => b.type))],
  }
}

export interface Recorded {
  readonly statements: Array<{ phase: Phase; sql: string }>
  readonly errors: Array<{ code: string; message: string }>
}

/** Lower blocks with a recording context; `role` is the migration role. */
export const lower = (blocks: ReadonlyArray<Fake>, role = 'postgres'): Recorded => {
  const rec: Recorded = { statements: [], errors: [] }
  const ctx: LowerContext = {
    pgVersion: 16,
    role,
    error: (code, message) => void rec.errors.push({ code, message }),
    warn: () => undefined,
    allow: (b, attributes, nested) => {
      for (const a of b.attributeNames) if (!attributes.includes(a)) rec.errors.push({ code: 'E-UNKNOWN-ATTRIBUTE', message: `${b.type}: ${a}` })
      for (const t of b.blockTypes) if (!nested.includes(t)) rec.errors.push({ code: 'E-UNKNOWN-BLOCK', message: `${b.type}: ${t}` })
    },
    exists: () => true,
    sql: (phase, statement) => void rec.statements.push({ phase, sql: statement }),
    privilege: () => undefined,
  }
  for (const b of blocks) {
    const lowerer = LOWERERS[b.type]
    if (lowerer === undefined) throw new Error(`no lowerer for ${b.type}`)
    lowerer(view(b), ctx)
  }
  return rec
}

/** The statements in the order the loader runs them (by phase, then source order), as one script. */
export const script = (rec: Recorded): string =>
  PHASES.flatMap((p) => rec.statements.filter((s) => s.phase === p).map((s) => `${s.sql};\n`)).join('')

/** The statements only, `phase: sql`. */
export const statements = (blocks: ReadonlyArray<Fake>, role?: string): string[] => lower(blocks, role).statements.map((s) => `${s.phase}: ${s.sql}`)

/** Run recorded statements through the SQL session as the loader does (load/run.ts: phases, retries). */
export const run = (rec: Recorded, role = 'postgres', pgVersion: PgVersion = 16): { catalog: Catalog; diagnostics: Diagnostic[] } => {
  const session = sqlSession({ role, pgVersion })
  const diagnostics = runStatements(session, rec.statements.map((s) => ({ ...s, span }))).filter((d) => d.severity === 'error')
  return { catalog: session.catalog(), diagnostics }
}

/**
 * The catalog the blocks give (through the SQL session) against `loadSql(sql)`: undefined when
 * equal, else the identities that differ with both sides, for the assertion message.
 */
export const differences = (blocks: ReadonlyArray<Fake>, sqlText: string, role = 'postgres'): string | undefined => {
  const rec = lower(blocks, role)
  if (rec.errors.length) return `lowering errors: ${JSON.stringify(rec.errors)}`
  const got = run(rec, role)
  if (got.diagnostics.length) return `SQL errors: ${JSON.stringify(got.diagnostics.map((d) => d.message))}\n${rec.statements.map((s) => s.sql).join(';\n')}`
  const want = loadSql([{ file: 'want.sql', text: sqlText }], { role })
  const wantErrors = want.diagnostics.filter((d) => d.severity === 'error')
  if (wantErrors.length) return `errors in the expected SQL: ${JSON.stringify(wantErrors.map((d) => d.message))}`
  const ids = new Set([...got.catalog.objects.keys(), ...want.catalog.objects.keys()])
  const out: string[] = []
  for (const id of ids) {
    const a = got.catalog.objects.get(id)
    const b = want.catalog.objects.get(id)
    if (!irEqual(a, b)) out.push(`${id}\n  hcl: ${JSON.stringify(a && stripSpans(a))}\n  sql: ${JSON.stringify(b && stripSpans(b))}`)
  }
  return out.length ? `${out.join('\n')}\n--- statements:\n${rec.statements.map((s) => s.sql).join(';\n')}` : undefined
}
