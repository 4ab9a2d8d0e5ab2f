/** CREATE / ALTER / DROP ROLE (USER, GROUP), ALTER ROLE … SET. (issue 3: being written) */
import type { AlterRoleSetStmt, AlterRoleStmt, CreateRoleStmt, DropRoleStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

const pending = (c: Ctx, what: string): void => c.st.warn('W-UNSUPPORTED', `${what} is not supported; statement skipped`, c.span)

export const createRole = (c: Ctx, _n: CreateRoleStmt): void => pending(c, 'CREATE ROLE')
export const alterRole = (c: Ctx, _n: AlterRoleStmt): void => pending(c, 'ALTER ROLE')
export const alterRoleSet = (c: Ctx, _n: AlterRoleSetStmt): void => pending(c, 'ALTER ROLE … SET')
export const dropRole = (c: Ctx, _n: DropRoleStmt): void => pending(c, 'DROP ROLE')
