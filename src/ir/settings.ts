/**
 * Run-time settings (function `SET` clauses): the ones PostgreSQL flags GUC_LIST_QUOTE store their
 * value in proconfig as a list of identifiers quoted as SQL (`"MySchema", public`); any other
 * setting stores its value as plain text (`a, b` for `SET application_name = 'a, b'`).
 */
import { quoteLiteral } from './names.js'

export const LIST_QUOTE_SETTINGS: ReadonlySet<string> = new Set([
  'search_path', 'temp_tablespaces', 'local_preload_libraries', 'session_preload_libraries',
  'shared_preload_libraries', 'unix_socket_directories', 'oauth_validator_libraries',
] as const)

/**
 * A setting's value (function SET, ALTER ROLE … SET), as PostgreSQL reads it back to the same proconfig text: a GUC_LIST_QUOTE
 * list (search_path) is stored as SQL and printed as is; any other value is one string literal.
 */
export const configValue = (name: string, v: string): string =>
  LIST_QUOTE_SETTINGS.has(name) && v !== '' ? v.replace(/(^|,\s*)""(?=\s*,|$)/g, "$1''") : quoteLiteral(v)
