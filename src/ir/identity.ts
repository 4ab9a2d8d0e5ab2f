import { absurd } from 'fp-ts/lib/function.js'
import { identity } from './names.js'
import type { DbObject, FunctionArg } from './objects.js'

/** The argument types that make up a routine's signature (IN, INOUT and VARIADIC arguments). */
export const signatureTypes = (args: ReadonlyArray<FunctionArg>): ReadonlyArray<string> =>
  args.filter((a) => a.mode === 'in' || a.mode === 'inout' || a.mode === 'variadic').map((a) => a.type)

/** The stable identity string of any object. */
export const idOf = (o: DbObject): string => {
  switch (o.kind) {
    case 'Schema':
      return identity('Schema', [o.name])
    case 'Extension':
      return identity('Extension', [o.name])
    case 'Table':
    case 'View':
    case 'MaterializedView':
    case 'Index':
    case 'Sequence':
    case 'Enum':
    case 'Domain':
    case 'CompositeType':
      return identity(o.kind, [o.schema, o.name])
    case 'Function':
      return identity('Function', [o.schema, o.name], signatureTypes(o.args))
    case 'Trigger':
      return identity('Trigger', [o.schema, o.table, o.name])
    case 'Policy':
      return identity('Policy', [o.schema, o.table, o.name])
    case 'Role':
      return identity('Role', [o.name])
    case 'Membership':
      return identity('Membership', [o.role, o.member])
    case 'DefaultAcl':
      return identity('DefaultAcl', [o.role, o.schema, o.objectType])
    case 'Database':
      return identity('Database', [])
    default:
      return absurd(o)
  }
}
