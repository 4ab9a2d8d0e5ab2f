/** Emitters: ChangeSet → SQL script or JSON; a Catalog → the SQL that creates it in a fresh database. */
import { freshCatalog, type Catalog } from '../ir/catalog.js'
import { diff } from '../diff/index.js'
import { emitSql } from './sql.js'

export { emitSql, changeSql, changeStatements } from './sql.js'
export { emitJson } from './json.js'
export { emitHcl, emitHclWithNotes, type EmitHclOptions, type HclOutput } from './hcl/index.js'
export type { EmitOptions } from './emit-options.js'

/** SQL that loads `catalog` into a fresh database of the same server version. */
export const emitCreateSql = (catalog: Catalog): string => emitSql(diff(freshCatalog(catalog.pgVersion), catalog), { pgVersion: catalog.pgVersion })
