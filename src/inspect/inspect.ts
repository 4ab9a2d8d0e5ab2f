/**
 * A live database's catalogs → Catalog. One set-based query per object kind, run with an empty
 * search_path so that every non-catalog name in printed types and expressions is schema-qualified.
 */
import { catalog, type Catalog, type PgVersion } from '../ir/catalog.js'
import type { DbObject } from '../ir/objects.js'
import { ready } from '../parse/sql/parser.js'
import type { Queryable } from './queryable.js'
import { readColumns } from './read-columns.js'
import { readConstraints } from './read-constraints.js'
import { readFunctions } from './read-functions.js'
import { readIndexes } from './read-indexes.js'
import { readExtensions, readSchemas } from './read-schemas.js'
import { readSequences } from './read-sequences.js'
import { readTables } from './read-tables.js'
import { readTriggers } from './read-triggers.js'
import { readViews } from './read-views.js'
import { readComposites, readDomains, readEnums } from './read-types.js'
import { int, str, type Row } from './rows.js'

export interface InspectOptions {
  readonly pgVersion?: PgVersion
}

/** server_version_num clamped to the versions we model. */
export const serverVersion = async (db: Queryable): Promise<PgVersion> => {
  const r = (await db.query<Row>(`SELECT pg_catalog.current_setting('server_version_num') AS v`)).rows[0]
  const major = Math.floor(int(r?.v) / 10000)
  return major <= 15 ? 15 : major >= 18 ? 18 : (major as PgVersion)
}

const readAll = async (db: Queryable): Promise<ReadonlyArray<DbObject>> => {
  const columns = await readColumns(db)
  const constraints = await readConstraints(db)
  const groups: ReadonlyArray<ReadonlyArray<DbObject>> = [
    await readSchemas(db),
    await readExtensions(db),
    await readTables(db, columns, constraints),
    await readIndexes(db),
    await readViews(db, columns),
    await readSequences(db),
    await readEnums(db),
    await readDomains(db),
    await readComposites(db, columns),
    await readFunctions(db),
    await readTriggers(db),
  ]
  return groups.flat()
}

export const inspect = async (db: Queryable, options: InspectOptions = {}): Promise<Catalog> => {
  await ready()
  const pgVersion = options.pgVersion ?? (await serverVersion(db))
  const saved = (await db.query<Row>(`SELECT pg_catalog.current_setting('search_path') AS p`)).rows[0]
  await db.query(`SELECT pg_catalog.set_config('search_path', '', false)`)
  try {
    return catalog(pgVersion, await readAll(db))
  } finally {
    await db.query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [str(saved?.p)])
  }
}
