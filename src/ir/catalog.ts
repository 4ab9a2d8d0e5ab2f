import * as t from 'io-ts'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { DbObject, type Schema } from './objects.js'
import { idOf } from './identity.js'

/** Server versions we model; defaults differ between them. */
export const PgVersion = t.union([t.literal(15), t.literal(16), t.literal(17), t.literal(18)])
export type PgVersion = t.TypeOf<typeof PgVersion>
export const DEFAULT_PG_VERSION: PgVersion = 16

/** A whole database state: every object keyed by identity. */
export interface Catalog {
  readonly kind: 'Catalog'
  readonly pgVersion: PgVersion
  readonly objects: ReadonlyMap<string, DbObject>
}

/** Build a catalog; objects are keyed by identity and the map is ordered by identity. */
export const catalog = (pgVersion: PgVersion, objects: Iterable<DbObject>): Catalog => {
  const entries = [...objects].map((o) => [idOf(o), o] as const)
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  return Object.freeze({ kind: 'Catalog' as const, pgVersion, objects: new Map(entries) })
}

/** Owner of the public schema in a fresh database of that version. */
export const publicSchemaOwner = (v: PgVersion): string => (v >= 15 ? 'pg_database_owner' : 'postgres')

/**
 * The state of a freshly created database: schema `public` (with the owner that version gives it)
 * and the plpgsql extension. An empty SQL file evaluates to exactly this.
 */
export const freshCatalog = (pgVersion: PgVersion = DEFAULT_PG_VERSION): Catalog =>
  catalog(pgVersion, [
    publicSchema(pgVersion),
    { kind: 'Extension', name: 'plpgsql', schema: 'pg_catalog', comment: 'PL/pgSQL procedural language' },
  ])

/**
 * Schema `public` of a fresh database: since 15 its owner is pg_database_owner and PUBLIC has only
 * USAGE (`{pg_database_owner=UC/pg_database_owner,=U/pg_database_owner}`), which is not acldefault.
 * Written in canonical order (normalize/acl.ts sortAcl: grantee, grantor, privilege order), so that
 * the IR does not depend on the layer above it; test/normalize/acl.test.ts checks it is canonical.
 */
export const publicSchema = (pgVersion: PgVersion): Schema => {
  const owner = publicSchemaOwner(pgVersion)
  const acl = [
    { grantee: 'PUBLIC', privilege: 'USAGE', grantable: false, grantor: owner },
    { grantee: owner, privilege: 'USAGE', grantable: false, grantor: owner },
    { grantee: owner, privilege: 'CREATE', grantable: false, grantor: owner },
  ] as const
  return { kind: 'Schema', name: 'public', owner, comment: 'standard public schema', acl }
}

const CatalogJson = t.type({
  pgVersion: PgVersion,
  objects: t.array(DbObject),
})

/** io-ts codec: Catalog ⇄ JSON ({ pgVersion, objects: [...] } with objects ordered by identity). */
export const CatalogCodec = new t.Type<Catalog, t.OutputOf<typeof CatalogJson>, unknown>(
  'Catalog',
  (u): u is Catalog => u instanceof Object && (u as Catalog).kind === 'Catalog',
  (u, c) =>
    pipe(
      CatalogJson.validate(u, c),
      E.map((j) => catalog(j.pgVersion, j.objects)),
    ),
  (c) => CatalogJson.encode({ pgVersion: c.pgVersion, objects: [...c.objects.values()] }),
)
