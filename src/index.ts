/**
 * pgcharter: PostgreSQL governance as code. The pure pipeline, usable in a browser:
 * files → IR (parse) → canonical IR (normalize) → ChangeSet (diff) → SQL/JSON (emit).
 * Live-database inspection lives in the `pgcharter/inspect` subpath (it needs Node).
 */
export * from './ir/index.js'
export * from './parse/index.js'
export * from './normalize/index.js'
export * from './diff/index.js'
export * from './emit/index.js'
