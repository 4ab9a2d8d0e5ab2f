/**
 * The expression half of the HCL grammar (Chevrotain embedded actions): precedence levels as one
 * flat rule (precedence by `climb`, fewer rule calls per operand), unary, postfix, collections,
 * `for` expressions and calls. Templates come from the subclass (parser.ts), which owns bodies.
 * Every node is built inside ACTION so that Chevrotain's grammar recording never touches values.
 */
import { EmbeddedActionsParser, type IToken, type ParserMethod } from 'chevrotain'
import type { Span } from '../../ir/span.js'
import {
  allTokens, Assign, BinaryOp as BinaryOpToken, Colon, Comma, Dot, Ellipsis, FatArrow, False, For, Ident, If, In,
  LBracket, LCurly, LParen, NL, Null, NumberLit, Question, RBracket, RCurly, RParen, Star, True, UnaryOp,
} from './lexer.js'
import { describeToken, messages } from './parse-messages.js'
import { applyPostfix, climb, join, tokenSpan, upTo, type PostOp } from './parse-nodes.js'
import type { BinaryOp, Expr, ForExpr, ObjectItem, TemplateExpr } from './syntax.js'

const BINARY: Readonly<Record<string, BinaryOp>> = {
  '*': '*', '/': '/', '%': '%', '+': '+', '-': '-', '>': '>', '>=': '>=', '<': '<', '<=': '<=',
  '==': '==', '!=': '!=', '&&': '&&', '||': '||',
} as const

export interface Problem {
  readonly message: string
  readonly span: Span
}

interface ForHead {
  readonly keyVar?: string
  readonly valueVar: string
  readonly collection: Expr
}

export abstract class ExprRules extends EmbeddedActionsParser {
  file = ''
  problems: Problem[] = []

  protected abstract quoted: ParserMethod<[], TemplateExpr>
  protected abstract heredoc: ParserMethod<[], TemplateExpr>

  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 2, errorMessageProvider: messages })
  }

  protected sp(t: IToken): Span {
    return tokenSpan(this.file, t)
  }

  protected problem(message: string, span: Span): void {
    this.problems.push({ message, span })
  }

  expression = this.RULE('expression', (): Expr => {
    const cond = this.SUBRULE(this.binary)
    const rest = this.OPTION(() => {
      this.CONSUME(Question)
      const then = this.SUBRULE(this.expression)
      this.CONSUME(Colon)
      const otherwise = this.SUBRULE2(this.expression)
      return { then, otherwise }
    })
    return this.ACTION((): Expr =>
      rest === undefined ? cond : { kind: 'Conditional', cond, then: rest.then, else: rest.otherwise, span: join(cond.span, rest.otherwise.span) },
    )
  })

  /** all binary operators in one rule: operands and operators flat, precedence applied by `climb` */
  private binary = this.RULE('binary', (): Expr => {
    const first = this.SUBRULE(this.unary)
    const operands: Expr[] = [first]
    const ops: BinaryOp[] = []
    this.MANY(() => {
      const o = this.CONSUME(BinaryOpToken)
      const right = this.SUBRULE2(this.unary)
      this.ACTION(() => {
        ops.push(BINARY[o.image] ?? '+')
        operands.push(right)
      })
    })
    return this.ACTION(() => (ops.length === 0 ? first : climb(operands, ops)))
  })

  private unary: ParserMethod<[], Expr> = this.RULE('unary', (): Expr =>
    this.OR([
      {
        ALT: () => {
          const op = this.CONSUME(UnaryOp)
          const operand = this.SUBRULE(this.unary)
          return this.ACTION((): Expr => ({ kind: 'Unary', op: op.image === '!' ? '!' : '-', operand, span: join(this.sp(op), operand.span) }))
        },
      },
      { ALT: () => this.SUBRULE(this.postfix) },
    ]),
  )

  private postfix = this.RULE('postfix', (): Expr => {
    const base = this.SUBRULE(this.primary)
    const ops: PostOp[] = []
    const push = (o: PostOp): void => void this.ACTION(() => ops.push(o))
    this.MANY(() =>
      this.OR([
        {
          ALT: () => {
            const dot = this.CONSUME(Dot)
            this.OR2([
              { ALT: () => { const n = this.CONSUME(Ident); push({ op: 'attr', name: n.image, span: upTo(this.sp(dot), n) }) } },
              { ALT: () => { const n = this.CONSUME(NumberLit); push({ op: 'legacy', text: n.image, span: upTo(this.sp(dot), n) }) } },
              { ALT: () => { const s = this.CONSUME(Star); push({ op: 'splat', full: false, span: upTo(this.sp(dot), s) }) } },
            ])
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(LBracket)
            this.OR3([
              { ALT: () => { this.CONSUME2(Star); const c = this.CONSUME(RBracket); push({ op: 'splat', full: true, span: upTo(this.sp(open), c) }) } },
              {
                ALT: () => {
                  const key = this.SUBRULE(this.expression)
                  const c = this.CONSUME2(RBracket)
                  push({ op: 'index', key, span: upTo(this.sp(open), c) })
                },
              },
            ])
          },
        },
      ]),
    )
    return this.ACTION(() => applyPostfix(base, ops))
  })

  private primary = this.RULE('primary', (): Expr =>
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => { const t = this.CONSUME(NumberLit); return this.ACTION((): Expr => ({ kind: 'Number', text: t.image, span: this.sp(t) })) } },
        { ALT: () => { const t = this.CONSUME(True); return this.ACTION((): Expr => ({ kind: 'Bool', value: true, span: this.sp(t) })) } },
        { ALT: () => { const t = this.CONSUME(False); return this.ACTION((): Expr => ({ kind: 'Bool', value: false, span: this.sp(t) })) } },
        { ALT: () => { const t = this.CONSUME(Null); return this.ACTION((): Expr => ({ kind: 'Null', span: this.sp(t) })) } },
        { GATE: () => this.LA(2).tokenType === LParen, ALT: () => this.SUBRULE(this.call) },
        {
          ALT: () => {
            const t = this.CONSUME2(Ident)
            return this.ACTION((): Expr => ({ kind: 'Traversal', root: t.image, rootSpan: this.sp(t), steps: [], span: this.sp(t) }))
          },
        },
        {
          ALT: () => {
            const open = this.CONSUME(LParen)
            const expr = this.SUBRULE(this.expression)
            const close = this.CONSUME(RParen)
            return this.ACTION((): Expr => ({ kind: 'Paren', expr, span: upTo(this.sp(open), close) }))
          },
        },
        { GATE: () => this.LA(2).tokenType === For, ALT: () => this.SUBRULE(this.forTuple) },
        { ALT: () => this.SUBRULE(this.tuple) },
        { GATE: () => this.LA(2).tokenType === For, ALT: () => this.SUBRULE(this.forObject) },
        { ALT: () => this.SUBRULE(this.object) },
        { ALT: () => this.SUBRULE(this.quoted) },
        { ALT: () => this.SUBRULE(this.heredoc) },
      ],
    }),
  )

  private call = this.RULE('call', (): Expr => {
    const name = this.CONSUME(Ident)
    this.CONSUME(LParen)
    const args: Expr[] = []
    let expandFinal = false
    this.OPTION(() => {
      const first = this.SUBRULE(this.expression)
      this.ACTION(() => args.push(first))
      this.MANY(() => {
        this.CONSUME(Comma)
        const next = this.SUBRULE2(this.expression)
        this.ACTION(() => args.push(next))
      })
      this.OPTION2(() =>
        this.OR([
          { ALT: () => { this.CONSUME2(Comma) } },
          { ALT: () => { this.CONSUME(Ellipsis); expandFinal = true } },
        ]),
      )
    })
    const close = this.CONSUME(RParen)
    return this.ACTION((): Expr => ({ kind: 'Call', name: name.image, nameSpan: this.sp(name), args, expandFinal, span: upTo(this.sp(name), close) }))
  })

  private tuple = this.RULE('tuple', (): Expr => {
    const open = this.CONSUME(LBracket)
    const items: Expr[] = []
    this.OPTION(() => {
      const first = this.SUBRULE(this.expression)
      this.ACTION(() => items.push(first))
      this.MANY(() => {
        this.CONSUME(Comma)
        const next = this.SUBRULE2(this.expression)
        this.ACTION(() => items.push(next))
      })
      this.OPTION2(() => this.CONSUME2(Comma))
    })
    const close = this.CONSUME(RBracket)
    return this.ACTION((): Expr => ({ kind: 'Tuple', items, span: upTo(this.sp(open), close) }))
  })

  private object = this.RULE('object', (): Expr => {
    const open = this.CONSUME(LCurly)
    const items: ObjectItem[] = []
    this.MANY(() => this.CONSUME(NL))
    this.MANY2(() => {
      const key = this.SUBRULE(this.expression)
      this.OR([{ ALT: () => this.CONSUME(Assign) }, { ALT: () => this.CONSUME(Colon) }])
      const value = this.SUBRULE2(this.expression)
      this.ACTION(() => {
        items.push({ key, value, span: join(key.span, value.span) })
        const next = this.LA(1).tokenType
        if (next !== Comma && next !== NL && next !== RCurly) {
          this.problem(`expected ',' or a new line after an object item, found ${describeToken(this.LA(1))}`, this.sp(this.LA(1)))
        }
      })
      this.OPTION(() => this.CONSUME(Comma))
      this.MANY3(() => this.CONSUME2(NL))
    })
    const close = this.CONSUME(RCurly)
    return this.ACTION((): Expr => ({ kind: 'Object', items, span: upTo(this.sp(open), close) }))
  })

  private forHead = this.RULE('forHead', (): ForHead => {
    this.CONSUME(For)
    const first = this.CONSUME(Ident)
    const second = this.OPTION(() => {
      this.CONSUME(Comma)
      return this.CONSUME2(Ident)
    })
    this.CONSUME(In)
    const collection = this.SUBRULE(this.expression)
    this.CONSUME(Colon)
    return this.ACTION((): ForHead =>
      second === undefined ? { valueVar: first.image, collection } : { keyVar: first.image, valueVar: second.image, collection },
    )
  })

  private forCond = this.RULE('forCond', (): Expr | undefined =>
    this.OPTION(() => {
      this.CONSUME(If)
      return this.SUBRULE(this.expression)
    }),
  )

  private forTuple = this.RULE('forTuple', (): Expr => {
    const open = this.CONSUME(LBracket)
    const head = this.SUBRULE(this.forHead)
    const valueExpr = this.SUBRULE(this.expression)
    const cond = this.SUBRULE(this.forCond)
    const close = this.CONSUME(RBracket)
    return this.ACTION((): ForExpr => ({
      kind: 'For', form: 'tuple', ...head, valueExpr, group: false, ...(cond === undefined ? {} : { cond }), span: upTo(this.sp(open), close),
    }))
  })

  private forObject = this.RULE('forObject', (): Expr => {
    const open = this.CONSUME(LCurly)
    const head = this.SUBRULE(this.forHead)
    const keyExpr = this.SUBRULE(this.expression)
    this.CONSUME(FatArrow)
    const valueExpr = this.SUBRULE2(this.expression)
    const group = this.OPTION(() => this.CONSUME(Ellipsis)) !== undefined
    const cond = this.SUBRULE(this.forCond)
    const close = this.CONSUME(RCurly)
    return this.ACTION((): ForExpr => ({
      kind: 'For', form: 'object', ...head, keyExpr, valueExpr, group, ...(cond === undefined ? {} : { cond }), span: upTo(this.sp(open), close),
    }))
  })
}
