/**
 * The comment CREATE EXTENSION sets from the extension's control file, for common contrib
 * extensions (the same text in PostgreSQL 15 to 18), so that a SQL file's catalog matches what
 * inspection reads. Unknown extensions get no comment.
 */
export const EXTENSION_COMMENTS: Readonly<Record<string, string>> = {
  btree_gin: 'support for indexing common datatypes in GIN',
  btree_gist: 'support for indexing common datatypes in GiST',
  citext: 'data type for case-insensitive character strings',
  cube: 'data type for multidimensional cubes',
  fuzzystrmatch: 'determine similarities and distance between strings',
  hstore: 'data type for storing sets of (key, value) pairs',
  isn: 'data types for international product numbering standards',
  ltree: 'data type for hierarchical tree-like structures',
  pg_trgm: 'text similarity measurement and index searching based on trigrams',
  pgcrypto: 'cryptographic functions',
  tablefunc: 'functions that manipulate whole tables, including crosstab',
  unaccent: 'text search dictionary that removes accents',
  'uuid-ossp': 'generate universally unique identifiers (UUIDs)',
}
