/**
 * Fixture files whose SQL-interpreted catalog cannot yet equal the catalog inspected from a
 * database loaded with them (see drift.test.ts). Each entry names the file (`case/side.sql`) and
 * why: keep this list short and honest, and remove an entry as soon as the file agrees.
 */
export const DRIFT_KNOWN: Readonly<Record<string, string>> = {
  // pg_get_viewdef qualifies columns inside CTEs and casts literals to the types of CTE and
  // aggregate outputs (`COALESCE(t.n, 0::bigint)`); view-form.ts does not analyse WITH queries
  '175-view-join-aggregate/b.sql': 'view with a CTE: columns and literal casts inside WITH are not emulated',
  '177-view-recursive/b.sql': 'recursive CTE view: qualification and `AS "?column?"` inside WITH are not emulated',
  // the server stores BEGIN ATOMIC bodies analysed: every column and parameter qualified
  // (`inventory.qty`, `restock.p_sku`), relations schema-qualified
  '247-function-begin-atomic/b.sql': 'BEGIN ATOMIC body: the server qualifies columns and parameters',
  '248-function-begin-atomic-change/a.sql': 'BEGIN ATOMIC body: the server qualifies columns and parameters',
  '248-function-begin-atomic-change/b.sql': 'BEGIN ATOMIC body: the server qualifies columns and parameters',
  // `COALESCE(sum(t.total), 0)` over a view column: the type of a view's column is not in the IR;
  // and literals in JOIN … ON conditions are not put in server form
  '340-app-saas-evolution/b.sql': 'view over a view column of unknown type; JOIN ON literals not coerced',
}
