/**
 * The HCL syntax tree (native syntax, https://github.com/hashicorp/hcl/blob/main/hclsyntax/spec.md):
 * what `parseHcl` returns. Plain immutable data with a span on every node; no evaluation here.
 *
 * A file is a Body: attributes (`name = expr`) and blocks (`type "label" … { body }`), in order.
 * Expressions keep their structure: a traversal `table.users.column.id` is a root name and a list
 * of steps, a template `"a ${x} b"` a list of parts, a heredoc is a template too (`<<-EOT`
 * already de-indented). Numbers keep their source text (decimal, exponent) so that evaluation
 * decides their precision.
 */
import type { Span } from '../../ir/span.js'

export interface Body {
  readonly kind: 'Body'
  readonly items: ReadonlyArray<Attribute | Block>
  readonly span: Span
}

export interface Attribute {
  readonly kind: 'Attribute'
  readonly name: string
  readonly nameSpan: Span
  readonly value: Expr
  readonly span: Span
}

export interface Label {
  /** the label's value: a quoted string's content, or a bare identifier */
  readonly value: string
  readonly span: Span
  /** only for a quoted label with interpolations or directives (`"t_${each.key}"`): `value` is then its source text */
  readonly template?: TemplateExpr
}

export interface Block {
  readonly kind: 'Block'
  readonly type: string
  readonly typeSpan: Span
  readonly labels: ReadonlyArray<Label>
  readonly body: Body
  readonly span: Span
}

// ───────────────────────────── expressions ─────────────────────────────

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | TraversalExpr
  | CallExpr
  | IndexExpr
  | GetAttrExpr
  | SplatExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ForExpr
  | ParenExpr

/** `null`, `true`, `false`, a number (source text, e.g. `1.5e3`) */
export type LiteralExpr =
  | { readonly kind: 'Null'; readonly span: Span }
  | { readonly kind: 'Bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'Number'; readonly text: string; readonly span: Span }

/**
 * A quoted string, heredoc, or template: literal parts (escapes already decoded, `$${` and `%%{`
 * unescaped) and interpolations `${expr}` (strip markers `~` recorded). Template directives
 * (`%{if}`, `%{for}`) are parts too.
 */
export type TemplatePart =
  | { readonly kind: 'Text'; readonly value: string; readonly span: Span }
  | { readonly kind: 'Interpolation'; readonly expr: Expr; readonly span: Span }
  | { readonly kind: 'If'; readonly cond: Expr; readonly then: ReadonlyArray<TemplatePart>; readonly else: ReadonlyArray<TemplatePart>; readonly span: Span }
  | {
      readonly kind: 'For'
      readonly key?: string
      readonly value: string
      readonly collection: Expr
      readonly body: ReadonlyArray<TemplatePart>
      readonly span: Span
    }

export interface TemplateExpr {
  readonly kind: 'Template'
  readonly parts: ReadonlyArray<TemplatePart>
  /** 'quoted' for "…", 'heredoc' for <<EOT / <<-EOT */
  readonly form: 'quoted' | 'heredoc'
  readonly span: Span
}

export interface TupleExpr {
  readonly kind: 'Tuple'
  readonly items: ReadonlyArray<Expr>
  readonly span: Span
}

/** `{ key = value, "k" : v, (expr) = v }`; a bare identifier key is its name (not a variable) */
export interface ObjectItem {
  readonly key: Expr
  readonly value: Expr
  readonly span: Span
}
export interface ObjectExpr {
  readonly kind: 'Object'
  readonly items: ReadonlyArray<ObjectItem>
  readonly span: Span
}

/** One step of a traversal: `.name`, `[expr]` (or legacy `.0`). */
export type Traverser =
  | { readonly kind: 'Attr'; readonly name: string; readonly span: Span }
  | { readonly kind: 'Index'; readonly key: Expr; readonly span: Span }

/** `root.a.b[0]`: a variable name (or a bare keyword such as `SELECT`, `integer`) and its steps. */
export interface TraversalExpr {
  readonly kind: 'Traversal'
  readonly root: string
  readonly rootSpan: Span
  readonly steps: ReadonlyArray<Traverser>
  readonly span: Span
}

/** `name(args…)`, `name(args…, list...)` when `expandFinal` */
export interface CallExpr {
  readonly kind: 'Call'
  readonly name: string
  readonly nameSpan: Span
  readonly args: ReadonlyArray<Expr>
  readonly expandFinal: boolean
  readonly span: Span
}

/** `expr[key]` on something that is not a plain traversal (e.g. `f(x)[0]`) */
export interface IndexExpr {
  readonly kind: 'IndexOf'
  readonly collection: Expr
  readonly key: Expr
  readonly span: Span
}

/** `expr.name` on something that is not a plain traversal */
export interface GetAttrExpr {
  readonly kind: 'GetAttr'
  readonly object: Expr
  readonly name: string
  readonly span: Span
}

/** `list[*].a.b` (full splat) or `list.*.a` (attribute-only splat) */
export interface SplatExpr {
  readonly kind: 'Splat'
  readonly source: Expr
  readonly steps: ReadonlyArray<Traverser>
  readonly full: boolean
  readonly span: Span
}

export interface UnaryExpr {
  readonly kind: 'Unary'
  readonly op: '-' | '!'
  readonly operand: Expr
  readonly span: Span
}

export type BinaryOp = '*' | '/' | '%' | '+' | '-' | '>' | '>=' | '<' | '<=' | '==' | '!=' | '&&' | '||'

export interface BinaryExpr {
  readonly kind: 'Binary'
  readonly op: BinaryOp
  readonly left: Expr
  readonly right: Expr
  readonly span: Span
}

export interface ConditionalExpr {
  readonly kind: 'Conditional'
  readonly cond: Expr
  readonly then: Expr
  readonly else: Expr
  readonly span: Span
}

/** `[for k, v in coll : expr if cond]` (tuple) or `{for k, v in coll : key => value... if cond}` (object) */
export interface ForExpr {
  readonly kind: 'For'
  readonly form: 'tuple' | 'object'
  readonly keyVar?: string
  readonly valueVar: string
  readonly collection: Expr
  /** object form only */
  readonly keyExpr?: Expr
  readonly valueExpr: Expr
  /** object form: `...` grouping */
  readonly group: boolean
  readonly cond?: Expr
  readonly span: Span
}

export interface ParenExpr {
  readonly kind: 'Paren'
  readonly expr: Expr
  readonly span: Span
}
