/**
 * fast-check arbitraries for the IR: `arbitraryCatalog` (one catalog) and `arbitraryPair` (a catalog
 * and a mutation of it: objects dropped, added and altered). Both shrink through their plan.
 * Call `await ready()` (src/parse/sql/parser.ts) before generating: expressions are canonicalised.
 */
import fc from 'fast-check'
import type { Catalog, PgVersion } from '../src/ir/catalog.js'
import { decorate } from './access-build.js'
import { accessPlanArbitrary } from './access-plan.js'
import { buildSide } from './build.js'
import type { NameMode } from './names.js'
import { planArbitrary, type Plan } from './plan.js'

export interface CatalogOptions {
  /** which name pool: plain, hostile only, or both mixed (default) */
  readonly names?: NameMode
  /** server versions to draw from (default 15–18) */
  readonly versions?: ReadonlyArray<PgVersion>
}

const versionArb = (o: CatalogOptions): fc.Arbitrary<PgVersion> => fc.constantFrom(...(o.versions ?? [15, 16, 17, 18]))

/** A catalog with its plan, for reporting. */
export interface Generated {
  readonly plan: Plan
  readonly catalog: Catalog
}

export const arbitraryCatalog = (o: CatalogOptions = {}): fc.Arbitrary<Catalog> =>
  arbitraryGenerated(o).map((g) => g.catalog)

export const arbitraryGenerated = (o: CatalogOptions = {}): fc.Arbitrary<Generated> =>
  fc
    .tuple(planArbitrary({ pair: false }), versionArb(o))
    .map(([plan, v]) => ({ plan, catalog: buildSide(plan, 'a', o.names ?? 'mixed', v) }))

export interface Pair {
  readonly plan: Plan
  readonly a: Catalog
  readonly b: Catalog
}

/** (a, b): b is a with objects dropped, added and altered. */
export const arbitraryPair = (o: CatalogOptions = {}): fc.Arbitrary<Pair> =>
  fc.tuple(planArbitrary({ pair: true }), versionArb(o)).map(([plan, v]) => {
    const mode = o.names ?? 'mixed'
    return { plan, a: buildSide(plan, 'a', mode, v), b: buildSide(plan, 'b', mode, v) }
  })

// ── with access control: roles, memberships, ACLs, default ACLs, policies, RLS (properties/access-*.ts) ──

/** A catalog with an access-control layer on top. */
export const arbitraryAccessCatalog = (o: CatalogOptions = {}): fc.Arbitrary<Catalog> =>
  fc.tuple(arbitraryGenerated(o), accessPlanArbitrary()).map(([g, p]) => decorate(g.catalog, p, o.names ?? 'mixed'))

/** A pair whose two sides each get an access layer (role names are shared: same plan index, same name). */
export const arbitraryAccessPair = (o: CatalogOptions = {}): fc.Arbitrary<Pair> =>
  fc.tuple(arbitraryPair(o), accessPlanArbitrary(), accessPlanArbitrary()).map(([p, x, y]) => {
    const mode = o.names ?? 'mixed'
    return { plan: p.plan, a: decorate(p.a, x, mode), b: decorate(p.b, y, mode) }
  })
