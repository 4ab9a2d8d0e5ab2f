/**
 * The HCL grammar's body half (attributes, blocks, labels) and templates, on top of the
 * expression rules. Error recovery is ours and line based: a syntax error inside an attribute or
 * block header is recorded, the rest of that item is skipped (to the end of its line, past any
 * brackets it opened) and parsing resumes with the next item, so every broken line of a file gets
 * its own diagnostic. The parser instance is built once, on first use.
 */
import { EOF, isRecognitionException, type IRecognitionException, type IToken } from 'chevrotain'
import type { Span } from '../../ir/span.js'
import {
  AnyToken, Assign, CQuote, Else, EndFor, EndIf, For, HeredocEnd, HeredocStart, HeredocText, Ident, If, In, LBracket, LCurly, LParen, NL,
  OQuote, QuotedText, RBracket, RCurly, RParen, StripClose, TemplateControl, TemplateInterp, Comma,
} from './lexer.js'
import { ExprRules, type Problem } from './parse-expr.js'
import { describeToken } from './parse-messages.js'
import { join, upTo } from './parse-nodes.js'
import { decodeHeredoc, decodeQuoted, templateParts, type Piece } from './parse-template.js'
import type { Attribute, Block, Body, Expr, Label, TemplateExpr } from './syntax.js'

type Item = Attribute | Block

type Directive =
  | { readonly kind: 'if'; readonly cond: Expr }
  | { readonly kind: 'for'; readonly key?: string; readonly value: string; readonly collection: Expr }
  | { readonly kind: 'else' | 'endif' | 'endfor' }

/** how a token changes the bracket depth */
const depthOf = (t: IToken): number => {
  const k = t.tokenType
  if (k === LCurly || k === LBracket || k === LParen || k === TemplateInterp || k === TemplateControl) return 1
  if (k === RCurly || k === RBracket || k === RParen || k === StripClose) return -1
  return 0
}

class HclParser extends ExprRules {
  text = ''
  tokens: IToken[] = []

  constructor() {
    super()
    this.performSelfAnalysis()
  }

  configFile = this.RULE('configFile', (): Item[] => this.SUBRULE(this.bodyItems, { ARGS: [false] }), { recoveryValueFunc: () => [] })

  private bodyItems = this.RULE('bodyItems', (nested: boolean): Item[] => {
    const items: Item[] = []
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF && !(nested && this.LA(1).tokenType === RCurly),
      DEF: () =>
        // one token decides: a name starts an item (whose rule words the errors), anything else is junk
        this.OR({
          MAX_LOOKAHEAD: 1,
          IGNORE_AMBIGUITIES: true,
          DEF: [
            { ALT: () => { this.CONSUME(NL) } },
            {
              ALT: () => {
                const item = this.guard(() => this.SUBRULE(this.item))
                this.ACTION(() => { if (item !== undefined) items.push(item) })
              },
            },
            { ALT: () => { const t = this.CONSUME(AnyToken); this.ACTION(() => this.junk(t, nested)) } },
          ],
        }),
    })
    return items
  })

  private item = this.RULE('item', (): Item => {
    const name = this.CONSUME(Ident)
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(Assign)
          const value = this.SUBRULE(this.expression)
          this.ACTION(() => this.endOfLine('the attribute value'))
          this.OPTION(() => this.CONSUME(NL))
          return this.ACTION((): Attribute => ({
            kind: 'Attribute', name: name.image, nameSpan: this.sp(name), value, span: join(this.sp(name), value.span),
          }))
        },
      },
      {
        ALT: () => {
          const labels: Label[] = []
          this.MANY(() => {
            const l = this.SUBRULE(this.label)
            this.ACTION(() => labels.push(l))
          })
          const open = this.CONSUME(LCurly)
          const items = this.SUBRULE(this.bodyItems, { ARGS: [true] })
          const close = this.CONSUME(RCurly)
          this.ACTION(() => this.endOfLine("the block's closing '}'"))
          this.OPTION2(() => this.CONSUME2(NL))
          return this.ACTION((): Block => ({
            kind: 'Block',
            type: name.image,
            typeSpan: this.sp(name),
            labels,
            body: { kind: 'Body', items, span: upTo(this.sp(open), close) },
            span: upTo(this.sp(name), close),
          }))
        },
      },
    ])
  })

  private label = this.RULE('label', (): Label =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(Ident); return this.ACTION((): Label => ({ value: t.image, span: this.sp(t) })) } },
      {
        ALT: () => {
          const t = this.SUBRULE(this.quoted)
          return this.ACTION((): Label => {
            const only = t.parts[0]
            if (t.parts.length === 0) return { value: '', span: t.span }
            if (t.parts.length === 1 && only?.kind === 'Text') return { value: only.value, span: t.span }
            // a template label (`table "t_${each.key}"`): its source text, evaluated later
            const o = t.span.offset ?? 0
            return { value: this.text.slice(o + 1, o + (t.span.length ?? 1) - 1), span: t.span, template: t }
          })
        },
      },
    ]),
  )

  protected quoted = this.RULE('quoted', (): TemplateExpr => {
    const open = this.CONSUME(OQuote)
    const pieces = this.SUBRULE(this.pieces)
    const close = this.OPTION(() => this.CONSUME(CQuote))
    return this.ACTION((): TemplateExpr => {
      if (close === undefined) this.problem(`unterminated string: expected a closing '"' before ${describeToken(this.LA(1))}`, this.sp(open))
      const span = upTo(this.sp(open), close ?? this.LA(0))
      return { kind: 'Template', parts: templateParts(pieces, false, this.report), form: 'quoted', span }
    })
  })

  protected heredoc = this.RULE('heredoc', (): TemplateExpr => {
    const start = this.CONSUME(HeredocStart)
    const pieces = this.SUBRULE(this.pieces)
    const end = this.OPTION(() => this.CONSUME(HeredocEnd))
    return this.ACTION((): TemplateExpr => {
      const marker = start.image.trimEnd()
      if (end === undefined) this.problem(`unclosed heredoc ${marker}: no line '${marker.replace(/^<<-?/, '')}' ends it`, this.sp(start))
      const span = upTo(this.sp(start), end ?? this.LA(0))
      return { kind: 'Template', parts: templateParts(pieces, marker.startsWith('<<-'), this.report), form: 'heredoc', span }
    })
  })

  private pieces = this.RULE('pieces', (): Piece[] => {
    const pieces: Piece[] = []
    this.MANY(() =>
      this.OR([
        { ALT: () => { const t = this.CONSUME(QuotedText); this.ACTION(() => pieces.push({ kind: 'text', value: decodeQuoted(t.image, this.sp(t), this.report), span: this.sp(t) })) } },
        { ALT: () => { const t = this.CONSUME(HeredocText); this.ACTION(() => pieces.push({ kind: 'text', value: decodeHeredoc(t.image), span: this.sp(t) })) } },
        {
          ALT: () => {
            const open = this.CONSUME(TemplateInterp)
            const expr = this.SUBRULE(this.expression)
            const close = this.SUBRULE(this.closer)
            this.ACTION(() => pieces.push({ kind: 'interp', expr, ...this.marks(open, close) }))
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(TemplateControl)
            const d = this.SUBRULE(this.directive)
            const close = this.SUBRULE2(this.closer)
            this.ACTION(() => pieces.push({ ...d, ...this.marks(open, close) }))
          },
        },
      ]),
    )
    return pieces
  })

  private closer = this.RULE('closer', (): IToken => this.OR([{ ALT: () => this.CONSUME(RCurly) }, { ALT: () => this.CONSUME(StripClose) }]))

  private directive = this.RULE('directive', (): Directive =>
    this.OR([
      { ALT: () => { this.CONSUME(If); const cond = this.SUBRULE(this.expression); return { kind: 'if', cond } } },
      { ALT: () => { this.CONSUME(Else); return { kind: 'else' } } },
      { ALT: () => { this.CONSUME(EndIf); return { kind: 'endif' } } },
      {
        ALT: () => {
          this.CONSUME(For)
          const first = this.CONSUME(Ident)
          const second = this.OPTION(() => { this.CONSUME(Comma); return this.CONSUME2(Ident) })
          this.CONSUME(In)
          const collection = this.SUBRULE2(this.expression)
          return this.ACTION((): Directive =>
            second === undefined ? { kind: 'for', value: first.image, collection } : { kind: 'for', key: first.image, value: second.image, collection },
          )
        },
      },
      { ALT: () => { this.CONSUME(EndFor); return { kind: 'endfor' } } },
    ]),
  )

  private marks(open: IToken, close: IToken): { span: Span; stripBefore: boolean; stripAfter: boolean } {
    return { span: upTo(this.sp(open), close), stripBefore: open.image.endsWith('~'), stripAfter: close.tokenType === StripClose }
  }

  private report = (message: string, span: Span): void => this.problem(message, span)

  /** an attribute or block ends its line (or its one-line block) */
  private endOfLine(what: string): void {
    const t = this.LA(1)
    if (t.tokenType === NL || t.tokenType === RCurly || t.tokenType === EOF) return
    this.problem(`expected a new line after ${what}, found ${describeToken(t)}`, this.sp(t))
    this.skip(0)
  }

  /** a token that cannot start an attribute or a block */
  private junk(t: IToken, nested: boolean): void {
    const message = t.tokenType === RCurly && !nested
      ? "unexpected '}': no block is open"
      : `expected an attribute or a block, found ${describeToken(t)}`
    this.problem(message, this.sp(t))
    this.skip(depthOf(t))
  }

  /** Skips to the end of the current item: the next new line outside brackets opened since `depth`. */
  private skip(depth: number): void {
    let d = depth
    for (let t = this.LA(1); t.tokenType !== EOF; t = this.LA(1)) {
      const delta = depthOf(t)
      if (d <= 0 && (t.tokenType === NL || delta < 0)) return
      d += delta
      this.SKIP_TOKEN()
    }
  }

  /** runs an item rule; on a syntax error (already recorded by Chevrotain) skips the rest of the item */
  private guard<T>(rule: () => T): T | undefined {
    if (this.RECORDING_PHASE) return rule()
    const start = this.indexOf(this.LA(1))
    try {
      return rule()
    } catch (e) {
      if (!(e instanceof Error) || !isRecognitionException(e)) throw e
      const here = this.indexOf(this.LA(1))
      let depth = 0
      for (let i = start; i < here; i++) {
        const t = this.tokens[i]
        if (t !== undefined) depth += depthOf(t)
      }
      this.skip(depth)
      return undefined
    }
  }

  /** the position of a token of the input (tokens are in offset order) */
  private indexOf(t: IToken): number {
    if (t.tokenType === EOF) return this.tokens.length
    let lo = 0
    let hi = this.tokens.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.tokens[mid]?.startOffset ?? 0) < t.startOffset) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

let instance: HclParser | undefined

export interface Parsed {
  readonly body: Body
  readonly problems: ReadonlyArray<Problem>
  readonly errors: ReadonlyArray<IRecognitionException>
}

/** Parses the laid-out tokens of one file. */
export const parseTokens = (tokens: IToken[], text: string, file: string): Parsed => {
  instance ??= new HclParser()
  const p = instance
  p.file = file
  p.text = text
  p.tokens = tokens
  p.problems = []
  p.input = tokens
  const items = p.configFile()
  const body: Body = { kind: 'Body', items, span: { file, line: 1, column: 1, offset: 0, length: text.length } }
  const result = { body, problems: p.problems, errors: p.errors }
  p.tokens = []
  p.input = []
  return result
}
