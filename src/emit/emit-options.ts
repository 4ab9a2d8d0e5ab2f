/** What SQL emission needs to know beyond the changes: the target server version (syntax differs, e.g. membership options from 16). */
import { DEFAULT_PG_VERSION, type PgVersion } from '../ir/catalog.js'

export interface EmitOptions {
  readonly pgVersion: PgVersion
}

export const DEFAULT_EMIT_OPTIONS: EmitOptions = { pgVersion: DEFAULT_PG_VERSION }
