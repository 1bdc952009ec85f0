import { describe, expect, it } from '@jest/globals'
import { shorten, visible } from '../../src/text/clean.js'
import { SafeText } from '../../src/text/safe-text.js'
import { textWork } from '../../src/text/text-work.js'
import { formatDuration, plural } from '../../src/text/wording.js'

// The shaping of text for each surface, with no secret to hide.
const plain = new SafeText([])
const oneLine = (text: string, max: number): string => plain.line(text, max)
const toHtml = (text: string, max: number): string => plain.html(text, max)
const toCode = (text: string, max: number): string => plain.code(text, max)

describe('oneLine', () => {
  it('turns line breaks of every kind into ⏎ and drops control characters', () => {
    expect(oneLine('a\r\nb\rc\nd\u2028e\u0085f\u0007g\u202eh', 100)).toBe('a ⏎ b ⏎ c ⏎ d ⏎ e ⏎ fgh')
  })

  it('collapses whitespace and shortens with a count of what was left out', () => {
    expect(oneLine('a   \t b', 100)).toBe('a b')
    expect(oneLine('x'.repeat(50), 10)).toBe('xxxxxxxxxx… (40 more characters)')
  })

  it('shapes a bounded part of a megabyte of whitespace, whatever its size', () => {
    for (const text of [
      ' '.repeat(1_000_000) + 'x',
      '\n \n'.repeat(300_000),
      ' \t'.repeat(500_000) + '\n'
    ]) {
      const before = textWork.shaped
      expect(oneLine(text, 2000)).toMatch(/more characters\)$/)
      expect(toHtml(text, 2000)).toMatch(/more characters\)$/)
      // Each surface shapes at most four times what it shows (plus 1 KiB of room), never the
      // megabyte: the cost of a long text is one cut, not a pass over all of it.
      expect(textWork.shaped - before).toBeLessThanOrEqual(2 * (4 * 2000 + 1024 + 16))
    }
  })
})

describe('toHtml', () => {
  it('escapes HTML and what GitHub acts on in text, breaks lines, and adds no invisible character', () => {
    // Markdown syntax stays as it is: inside an HTML block it is text, and an entity would keep the
    // runner's masking from matching a secret that holds it (`ghp_...`).
    expect(toHtml('<b>|x|</b> *y* [z](u) @team :+1: `c` ghp_a~b\nnext', 1000)).toBe(
      '&lt;b&gt;|x|&lt;/b&gt; *y* [z](u) &#64;team &#58;+1&#58; &#96;c&#96; ghp_a~b<br>next'
    )
    expect(toHtml('', 10)).toBe('')
  })

  it('gives long unbroken tokens break opportunities', () => {
    const html = toHtml('a'.repeat(100), 1000)
    expect(html.split('<wbr>')).toHaveLength(3)
  })
})

describe('toCode', () => {
  it('keeps IDs copyable: no bidi marks', () => {
    expect(toCode('pcte-123', 100)).toBe('pcte-123')
  })
})

describe('visible', () => {
  it('shows invisible and look-alike characters', () => {
    expect(visible('Failed\u200b')).toBe('"Failed\\u200b"')
    expect(visible('F\u0430iled')).toBe('"F\\u0430iled"')
    expect(visible('a"b\\')).toBe('"a\\"b\\\\"')
    expect(visible('x'.repeat(10))).toBe('"xxxxxxxxxx"')
  })
})

describe('words', () => {
  it('counts and times', () => {
    expect(plural(1, 'request')).toBe('1 request')
    expect(plural(2, 'request')).toBe('2 requests')
    expect(formatDuration(500)).toBe('0.5s')
    expect(formatDuration(42_000)).toBe('42s')
    expect(formatDuration(3_725_000)).toBe('1h 2m 5s')
    expect(shorten('\ud83d\ude00\ud83d\ude00', 3)).toBe('\ud83d\ude00… (2 more characters)')
  })
})

describe('shorten and written-out invisible characters', () => {
  it('never cuts a <U+XXXX> in half', () => {
    const text = `${'a'.repeat(8)}\u202e${'b'.repeat(20)}`
    for (let max = 8; max <= 20; max++) {
      const html = plain.html(text, max)
      expect(html).not.toMatch(/&lt;U\+[0-9A-F]{0,3}…|&lt;U\+[0-9A-F]{4}(?!&gt;)/)
    }
    expect(plain.html(text, 12)).toBe('aaaaaaaa… (28 more characters)')
    expect(plain.html(text, 16)).toBe('aaaaaaaa&lt;U+202E&gt;… (20 more characters)')
  })
})
