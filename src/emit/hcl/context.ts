/** What every block emitter gets: the catalog, its references, the migration role, and a place for notes. */
import type { Catalog } from '../../ir/catalog.js'
import type { Attr } from './doc.js'
import { attr, opt } from './doc.js'
import type { Refs } from './refs.js'
import { text } from './strings.js'

export interface EmitHclOptions {
  /** the role the schema is loaded as: owners equal to it are not written (default postgres) */
  readonly role?: string
}

export interface HclContext {
  readonly catalog: Catalog
  readonly refs: Refs
  readonly role: string
  /** record something the dialect cannot express (also printed as a `# note:` comment by the caller) */
  note(message: string): void
}

export const ownerAttr = (ctx: HclContext, owner: string): Attr | undefined => (owner === ctx.role ? undefined : attr('owner', ctx.refs.role(owner)))

export const commentAttr = (comment: string | undefined): Attr | undefined => opt('comment', comment === undefined ? undefined : text(comment))

export const schemaAttr = (ctx: HclContext, schema: string): Attr => attr('schema', ctx.refs.schema(schema))
