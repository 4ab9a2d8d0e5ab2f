/** Help texts, one per command. */
export const HELP = {
  main: `pgcharter — PostgreSQL governance as code, compiled offline

Usage: pgcharter <command> [options]

Commands:
  diff      print the migration from one schema state to another
  inspect   print a live database's schema as SQL (or JSON)
  convert   convert a schema between SQL and HCL, offline

Options:
  -h, --help      show help (also: pgcharter <command> --help)
  -v, --version   print the version

Exit codes: 0 success, 2 bad input or usage (errors are printed as file:line:col), 1 internal error.
`,
  diff: `Usage: pgcharter diff --from SRC... --to SRC... [options]

Prints the SQL migration that takes the --from state to the --to state.

A SRC is a .sql or .hcl file, a directory of .sql or of .hcl files (read in lexical order),
- for standard input (SQL), or a database URL (postgres://…, postgresql://…, pglite://DIR,
pglite:memory). Repeat --from/--to to give several files; they are read in the order given.
SQL files are interpreted statement by statement as PostgreSQL would run them on a fresh
database; HCL files are one declared schema. One side cannot mix SQL and HCL.

Options:
  --from SRC         the current state (repeatable; default: an empty database)
  --to SRC           the desired state (repeatable, required)
  --format FMT       sql (default) or json (the change set)
  --pg-version N     target server version for SQL sources: 15, 16 (default), 17 or 18
  --role NAME        role that runs the SQL files (owner of what they create; default postgres)
  --var NAME=VALUE   value of an HCL variable (repeatable; else PGCHARTER_VAR_NAME from the environment)
  -h, --help         show this help

Destructive changes are printed with a "-- destructive: …" note.
`,
  inspect: `Usage: pgcharter inspect --url URL [--format sql|json]

Reads a live database's catalogs and prints a schema that loads into an empty database and
reproduces it (sql), or the catalog as JSON.

Options:
  --url URL          postgres://…, postgresql://…, pglite://DIR or pglite:memory
  --format FMT       sql (default) or json
  -h, --help         show this help
`,
  convert: `Usage: pgcharter convert FILE... --to hcl|sql [options]

Converts a schema without a database. A FILE is a .sql or .hcl file or a directory of them
(read in lexical order; SQL and HCL cannot be mixed), or - for SQL on standard input.
  --to hcl   prints the canonical HCL of the schema (what HCL cannot express is a warning
             and a "# note:" comment)
  --to sql   prints the SQL that creates the schema in an empty database

Options:
  --to FMT           hcl or sql (required)
  --pg-version N     server version the schema is for: 15, 16 (default), 17 or 18
  --role NAME        role the schema is loaded as (owner of what it creates; default postgres)
  --var NAME=VALUE   value of an HCL variable (repeatable; else PGCHARTER_VAR_NAME from the environment)
  -h, --help         show this help

Bad input is reported as file:line:col diagnostics, exit 2.
`,
} as const
