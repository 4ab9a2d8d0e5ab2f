/** ALTER DEFAULT PRIVILEGES. (issue 3: being written) */
import type { AlterDefaultPrivilegesStmt } from '@pgsql/types'
import type { Ctx } from './util.js'

export const alterDefaultPrivileges = (c: Ctx, _n: AlterDefaultPrivilegesStmt): void =>
  c.st.warn('W-UNSUPPORTED', 'ALTER DEFAULT PRIVILEGES is not supported; statement skipped', c.span)
