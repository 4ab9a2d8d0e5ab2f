/**
 * Fixture sides that do not survive SQL → HCL → IR (test/emit/hcl-roundtrip.test.ts), each with
 * the reason: what the dialect cannot express. The emitter prints a `# note:` for each of them.
 * A key is `<diff|access>/<case>/<a|b>` or `golden/<name>`. hcl-roundtrip.test.ts fails when a listed side passes.
 */
const OVERLOADED = 'overloaded routines: a permission cannot name one overload (function.f must be unique), so their privileges are not written and the loader revokes PUBLIC EXECUTE'
const OWNER_REVOKED = 'the owner revoked its own privileges: in the dialect an owner always keeps its implicit privileges'

export const KNOWN: Readonly<Record<string, string>> = {
  'diff/244-function-overloaded/b': OVERLOADED,
  'diff/245-function-overload-one-changes/a': OVERLOADED,
  'diff/245-function-overload-one-changes/b': OVERLOADED,
  'diff/290-comment-function/a': OVERLOADED,
  'diff/290-comment-function/b': OVERLOADED,
  'access/134-function-overloads/a': OVERLOADED,
  'access/134-function-overloads/b': OVERLOADED,
  'access/101-table-owner-revokes-own/b': OWNER_REVOKED,
  'access/102-table-owner-revokes-all-grants-others/b': OWNER_REVOKED,
  'access/173-owner-database-change/b': 'the database owner: the dialect has no attribute for it (permissions use `for = database`)',
}
