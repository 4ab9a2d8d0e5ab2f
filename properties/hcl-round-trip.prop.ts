/**
 * Laws of the HCL front and back ends (src/parse/hcl/DIALECT.md, "What the SQL ⇄ HCL conversion
 * guarantees"), on generated catalogs:
 * - loadHcl(emitHcl(c)) ≅ c, for catalogs with and without access control;
 * - SQL → IR → HCL → IR is the identity: x = loadSql(emitCreateSql(c)), loadHcl(emitHcl(x)) ≅ x;
 * - HCL → SQL → IR likewise: loadSql(emitCreateSql(loadHcl(emitHcl(x)))) ≅ x;
 * - emitHcl is deterministic.
 * A catalog the dialect cannot express (the emitter returns notes) is discarded (fc.pre). Spans
 * never count; column order does (HCL lists columns in order). FC_RUNS/FC_SEED as everywhere.
 */
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import fc from 'fast-check'
import type { Catalog } from '../src/ir/catalog.js'
import { irEqual } from '../src/ir/equal.js'
import { ready } from '../src/parse/sql/parser.js'
import { emitCreateSql } from '../src/emit/index.js'
import { hclEmitterWithNotes, hclLoader, showDiagnostics, type EmitHclWithNotes, type LoadHcl } from '../test/support/hcl-pipeline.js'
import { arbitraryAccessCatalog, arbitraryCatalog } from './arbitrary.js'
import { check, firstDifference, load, params } from './support.js'

await ready()
const loader = await hclLoader()
const emitter = await hclEmitterWithNotes()

/** The HCL of a catalog, or nothing when the dialect cannot say all of it. */
const hclOf = (emit: EmitHclWithNotes, c: Catalog): string | undefined => {
  const out = emit(c)
  return out.notes.length ? undefined : out.text
}

const loadBack = (loadHcl: LoadHcl, text: string, c: Catalog): Catalog => {
  const r = loadHcl([{ file: 'emitted.hcl', text }], { pgVersion: c.pgVersion })
  const errors = r.diagnostics.filter((d) => d.severity === 'error')
  assert.equal(errors.length, 0, `loadHcl reports errors:\n${showDiagnostics(errors)}\n--- HCL ---\n${text}`)
  return r.catalog
}

const identity = (loadHcl: LoadHcl, emit: EmitHclWithNotes) => (x: Catalog): void => {
  const text = hclOf(emit, x)
  fc.pre(text !== undefined)
  if (text === undefined) return
  const back = loadBack(loadHcl, text, x)
  assert.ok(irEqual(back, x), `HCL round trip differs at ${firstDifference(x, back, irEqual)}\n--- HCL ---\n${text}`)
}

if (typeof loader === 'string' || typeof emitter === 'string') {
  test('loadHcl and emitHcl are available', () => {
    assert.unreachable(`${typeof loader === 'string' ? loader : ''} ${typeof emitter === 'string' ? emitter : ''}`.trim())
  })
} else {
  const loadHcl = loader
  const emit = emitter

  test('loadHcl(emitHcl(c)) ≅ c', () => {
    check(fc.property(arbitraryCatalog(), identity(loadHcl, emit)), params(100))
  })

  test('loadHcl(emitHcl(c)) ≅ c with access control (roles, memberships, ACLs, default ACLs, policies, RLS)', () => {
    check(fc.property(arbitraryAccessCatalog(), identity(loadHcl, emit)), params(100))
  })

  test('hostile identifiers survive the HCL round trip', () => {
    check(fc.property(arbitraryAccessCatalog({ names: 'hostile' }), identity(loadHcl, emit)), params(50))
  })

  test('SQL → IR → HCL → IR is the identity, and HCL → SQL → IR', () => {
    check(
      fc.property(arbitraryAccessCatalog(), (c) => {
        const x = load(emitCreateSql(c), c)
        identity(loadHcl, emit)(x)
        const text = hclOf(emit, x)
        if (text === undefined) return
        const sql = emitCreateSql(loadBack(loadHcl, text, x))
        const again = load(sql, x)
        assert.ok(irEqual(again, x), `HCL → SQL → IR differs at ${firstDifference(x, again, irEqual)}\n--- SQL ---\n${sql}`)
      }),
      params(50),
    )
  })

  test('emitHcl is deterministic', () => {
    check(
      fc.property(arbitraryAccessCatalog(), (c) => {
        assert.is(emit(c).text, emit(c).text)
      }),
      params(30),
    )
  })
}

test.run()
