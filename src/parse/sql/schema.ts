/** CREATE SCHEMA (with nested elements), CREATE / ALTER EXTENSION. */
import type { AlterExtensionStmt, CreateExtensionStmt, CreateSchemaStmt } from '@pgsql/types'
import type { Extension } from '../../ir/objects.js'
import { EXTENSION_COMMENTS } from '../../normalize/extension-comments.js'
import { interpret } from './interpret.js'
import { argText, at, defElems, roleName, type Ctx } from './util.js'
import { creationAcl } from './acl-create.js'

export const createSchema = (c: Ctx, n: CreateSchemaStmt): void => {
  const owner = n.authrole ? roleName(c.st, n.authrole) : c.st.role
  const name = n.schemaname ?? owner
  if (c.st.schemas.has(name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-SCHEMA', `schema "${name}" already exists`, c.span)
    return
  }
  c.st.schemas.set(name, { kind: 'Schema', name, owner, ...creationAcl(c.st, 'schema', owner, ''), span: c.span })
  if (!n.schemaElts?.length) return
  const saved = c.st.searchPath
  c.st.searchPath = [name, ...saved]
  try {
    for (const el of n.schemaElts) interpret(c.st, { ...c.s, node: el })
  } finally {
    c.st.searchPath = saved
  }
}

export const createExtension = (c: Ctx, n: CreateExtensionStmt): void => {
  const name = n.extname ?? ''
  if (c.st.extensions.has(name)) {
    if (!n.if_not_exists) c.st.error('E-DUPLICATE-OBJECT', `extension "${name}" already exists`, c.span)
    return
  }
  let schemaOpt: string | undefined
  let version: string | undefined
  for (const d of defElems(n.options)) {
    if (d.defname === 'schema') schemaOpt = argText(d.arg)
    else if (d.defname === 'new_version') version = argText(d.arg)
  }
  const schema = c.st.creationSchema(schemaOpt, at(c, undefined))
  if (schema === undefined) return
  const comment = EXTENSION_COMMENTS[name]
  const ext: Extension = {
    kind: 'Extension',
    name,
    schema,
    ...(version !== undefined ? { version } : {}),
    ...(comment !== undefined ? { comment } : {}),
    span: c.span,
  }
  c.st.extensions.set(name, ext)
}

export const alterExtension = (c: Ctx, n: AlterExtensionStmt): void => {
  const name = n.extname ?? ''
  const ext = c.st.extensions.get(name)
  if (!ext) return c.st.error('E-UNDEFINED-OBJECT', `extension "${name}" does not exist`, c.span)
  for (const d of defElems(n.options))
    if (d.defname === 'new_version') {
      const version = argText(d.arg)
      if (version !== undefined) c.st.extensions.set(name, { ...ext, version })
    }
}
