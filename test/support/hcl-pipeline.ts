/**
 * The HCL front and back ends as the harnesses use them. They are imported lazily, by path, so
 * that the harnesses build and report "not available yet" while the loader (src/parse/hcl) and
 * the emitter (src/emit/hcl) are being written; the shapes below are their contracts.
 */
import type { Catalog, PgVersion } from '../../src/ir/catalog.js'
import { isError, type Diagnostic } from '../../src/ir/span.js'
import type { HclCase } from './hcl-fixtures.js'

export interface HclLoadOptions {
  readonly pgVersion?: PgVersion
  readonly role?: string
  readonly vars?: Readonly<Record<string, string>>
  readonly env?: Readonly<Record<string, string>>
}
export interface HclSource {
  readonly file: string
  readonly text: string
}
export type LoadHcl = (sources: ReadonlyArray<HclSource>, options?: HclLoadOptions) => { catalog: Catalog; diagnostics: ReadonlyArray<Diagnostic> }
export type EmitHcl = (catalog: Catalog) => string
/** emitHcl with what the dialect could not express */
export type EmitHclWithNotes = (catalog: Catalog) => { readonly text: string; readonly notes: ReadonlyArray<string> }

const has = <K extends string>(m: unknown, key: K): m is Record<K, unknown> => typeof m === 'object' && m !== null && key in m

/** A module's export, or the reason it is not there. */
const lazy = async <T>(spec: string, name: string): Promise<T | string> => {
  try {
    const m: unknown = await import(spec)
    if (has(m, name) && typeof m[name] === 'function') return m[name] as T
    return `${spec} has no export ${name}`
  } catch (e) {
    return `${spec} cannot be imported: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`
  }
}

// paths relative to dist/test/support (and test/support): a variable keeps tsc from resolving them
const LOADER = '../../src/parse/hcl/index.js'
const EMITTER = '../../src/emit/hcl/index.js'

/** loadHcl, or why it is not available. */
export const hclLoader = (): Promise<LoadHcl | string> => lazy<LoadHcl>(LOADER, 'loadHcl')
/** emitHcl, or why it is not available. */
export const hclEmitter = (): Promise<EmitHcl | string> => lazy<EmitHcl>(EMITTER, 'emitHcl')
/** emitHclWithNotes, or why it is not available. */
export const hclEmitterWithNotes = (): Promise<EmitHclWithNotes | string> => lazy<EmitHclWithNotes>(EMITTER, 'emitHclWithNotes')

export interface HclLoaded {
  readonly catalog: Catalog
  readonly errors: ReadonlyArray<Diagnostic>
}

/** A fixture's HCL loaded for a server version, with its vars and environment. */
export const loadHclCase = (loadHcl: LoadHcl, c: HclCase, pgVersion: PgVersion): HclLoaded => {
  const r = loadHcl(c.sources, { pgVersion, vars: c.vars, env: c.env })
  return { catalog: r.catalog, errors: r.diagnostics.filter(isError) }
}

export const showDiagnostics = (ds: ReadonlyArray<Diagnostic>): string =>
  ds.map((d) => `${d.span ? `${d.span.file}:${d.span.line}:${d.span.column}: ` : ''}${d.code}: ${d.message}`).join('\n')
