import { describe, expect, it } from '@jest/globals'
import {
  cleanText,
  redactDeep,
  redactText,
  shorten,
  toHtml,
  toLine
} from '../../src/report/text.js'

describe('text safety', () => {
  it('escapes HTML, table and Markdown syntax, and turns newlines into <br>', () => {
    const html = toHtml('a | b <script>alert(1)</script> & **x** [l](u) `c`\nnext', 1000)
    expect(html.replace(/<br>/g, '')).not.toMatch(/[<>|*`[\]]/)
    expect(html).toContain('&#124;')
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain('&amp;')
    expect(html).toContain('<br>')
    expect(html).not.toContain('\n')
  })

  it('never leaves a blank line that would end the HTML block', () => {
    expect(toHtml('one\n\n\ntwo\r\n\r\nthree', 100)).toBe(
      '\u2068one<br><br><br>two<br><br>three\u2069'
    )
  })

  it('isolates each text for bidi and drops override and control characters', () => {
    expect(toHtml('שלום \u202Eevil', 100)).toBe('\u2068שלום evil\u2069')
    expect(cleanText('a\u0000b\u0007c\u001b[31md\te')).toBe('abc[31md\te')
    expect(toHtml('', 10)).toBe('')
  })

  it('shortens long text without splitting a surrogate pair', () => {
    expect(shorten('abcdef', 3)).toBe('abc… (3 more characters)')
    expect(shorten('abc', 3)).toBe('abc')
    const emoji = '😀😀😀'
    const cut = shorten(emoji, 3)
    expect(cut.startsWith('😀')).toBe(true)
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  it('keeps log lines on one line', () => {
    expect(toLine('a\n  b\r\nc', 100)).toBe('a ⏎ b ⏎ c')
  })

  it('redacts secrets in text and inside JSON values', () => {
    expect(redactText('key=SeCrEt1 and SeCrEt1', ['SeCrEt1'])).toBe('key=*** and ***')
    expect(redactText('abc', ['ab'])).toBe('abc')
    expect(redactDeep({ a: ['x SeCrEt1'], SeCrEt1: 1, n: 2, z: null }, ['SeCrEt1'])).toEqual({
      a: ['x ***'],
      '***': 1,
      n: 2,
      z: null
    })
  })
})
