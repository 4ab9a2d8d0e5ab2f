/**
 * A live database's catalogs → Catalog. One set-based query per object kind, run with an empty
 * search_path so that every non-catalog name in printed types and expressions is schema-qualified.
 */
import { catalog, type Catalog, type PgVersion } from '../ir/catalog.js'
import type { DbObject } from '../ir/objects.js'
import { ready } from '../parse/sql/parser.js'
import type { Queryable } from './queryable.js'
import { readColumns } from './read-columns.js'
import { readDatabase } from './read-database.js'
import { readDefaultAcls } from './read-default-acls.js'
import { readConstraints } from './read-constraints.js'
import { readFunctions } from './read-functions.js'
import { readIndexes } from './read-indexes.js'
import { readMemberships } from './read-memberships.js'
import { readPolicies } from './read-policies.js'
import { readRoles } from './read-roles.js'
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

/** The server's major version (15, 16, …). */
const serverMajor = async (db: Queryable): Promise<number> => {
  const r = (await db.query<Row>(`SELECT pg_catalog.current_setting('server_version_num') AS v`)).rows[0]
  return Math.floor(int(r?.v) / 10000)
}

/** server_version_num clamped to the versions we model. */
export const serverVersion = async (db: Queryable): Promise<PgVersion> => {
  const major = await serverMajor(db)
  return major <= 15 ? 15 : major >= 18 ? 18 : (major as PgVersion)
}

/** `v` is the version the catalog models (decides which ACLs are defaults); `major` the server's own. */
const readAll = async (db: Queryable, v: PgVersion, major: number): Promise<ReadonlyArray<DbObject>> => {
  const columns = await readColumns(db)
  const constraints = await readConstraints(db)
  const groups: ReadonlyArray<ReadonlyArray<DbObject>> = [
    await readSchemas(db, v),
    await readExtensions(db),
    await readTables(db, columns, constraints, v),
    await readIndexes(db),
    await readViews(db, columns, v, major),
    await readSequences(db, v),
    await readEnums(db, v),
    await readDomains(db, v),
    await readComposites(db, columns, v),
    await readFunctions(db, v),
    await readTriggers(db),
    await readRoles(db),
    await readMemberships(db, major),
    await readDefaultAcls(db),
    await readPolicies(db),
    await readDatabase(db, v),
  ]
  return groups.flat()
}

export const inspect = async (db: Queryable, options: InspectOptions = {}): Promise<Catalog> => {
  await ready()
  const major = await serverMajor(db)
  const pgVersion = options.pgVersion ?? (await serverVersion(db))
  const saved = (await db.query<Row>(`SELECT pg_catalog.current_setting('search_path') AS p`)).rows[0]
  await db.query(`SELECT pg_catalog.set_config('search_path', '', false)`)
  try {
    return catalog(pgVersion, await readAll(db, pgVersion, major))
  } finally {
    await db.query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [str(saved?.p)])
  }
}
