import { DEFAULT_PG_VERSION, type PgVersion } from '../ir/catalog.js'
import { UsageError } from './errors.js'

/** Run an argument parser, turning its errors into usage errors (exit 2, one line). */
export const usage = <R>(parse: () => R): R => {
  try {
    return parse()
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e))
  }
}

const VERSIONS: ReadonlyArray<PgVersion> = [15, 16, 17, 18]
export const pgVersionArg = (v: string | undefined): PgVersion => {
  if (v === undefined) return DEFAULT_PG_VERSION
  const n = Number(v)
  const found = VERSIONS.find((x) => x === n)
  if (found === undefined) throw new UsageError(`--pg-version must be one of ${VERSIONS.join(', ')} (got "${v}")`)
  return found
}

export const formatArg = <F extends string>(v: string | undefined, allowed: ReadonlyArray<F>, fallback: F): F => {
  if (v === undefined) return fallback
  const found = allowed.find((x) => x === v)
  if (found === undefined) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${v}")`)
  return found
}
