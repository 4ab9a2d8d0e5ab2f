import type { Span } from '../../ir/span.js'

/**
 * Offsets in a file: libpg-query reports UTF-8 byte offsets; JavaScript strings index UTF-16 units.
 * For ASCII text (the common case) both are the same and no table is built.
 */
export class SourceMap {
  private lineStarts: number[] | undefined
  private byteToUnit: Int32Array | undefined
  private readonly ascii: boolean

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(text)
  }

  /** UTF-16 offset of a UTF-8 byte offset. */
  fromByte(byte: number): number {
    if (this.ascii) return byte
    if (!this.byteToUnit) {
      const enc = new TextEncoder()
      const bytes = enc.encode(this.text).length
      const map = new Int32Array(bytes + 1)
      let b = 0
      for (let i = 0; i < this.text.length; i++) {
        const cp = this.text.codePointAt(i)!
        const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
        for (let k = 0; k < n; k++) map[b + k] = i
        b += n
        if (cp >= 0x10000) i++
      }
      map[bytes] = this.text.length
      this.byteToUnit = map
    }
    return this.byteToUnit[Math.min(byte, this.byteToUnit.length - 1)]!
  }

  /** UTF-8 byte offset of a UTF-16 offset. */
  toByte(unit: number): number {
    if (this.ascii) return unit
    return new TextEncoder().encode(this.text.slice(0, unit)).length
  }

  span(offset: number, length: number): Span {
    if (!this.lineStarts) {
      const starts = [0]
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1)
      this.lineStarts = starts
    }
    const starts = this.lineStarts
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { file: this.file, line: lo + 1, column: offset - starts[lo]! + 1, offset, length }
  }
}
