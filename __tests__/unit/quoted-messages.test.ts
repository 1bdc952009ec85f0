import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { InputError, parseInputs } from '../../src/inputs.js'
import { ROOT } from '../helpers/action-runner.js'

// The error messages README.md and docs/*.md quote are the ones the action writes: each quoted
// input error is made again by the inputs' own message builder, from the input and value the quote
// names. A reworded message fails here until the documentation quotes the new words.

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).map(file => `docs/${file}`)]
  .filter(page => page.endsWith('.md'))
  .map(page => ({ page, text: readFileSync(join(ROOT, page), 'utf8') }))

/** Inline code spans (one or two backticks) that quote an input error. */
function quotedInputErrors(markdown: string): string[] {
  const spans = [...markdown.matchAll(/``(.+?)``|`([^`\n]+)`/g)].map(m => (m[1] ?? m[2]!).trim())
  return spans.filter(span => span.startsWith('Invalid input'))
}

const VALID: Record<string, string> = {
  'api-url': 'https://ninedata.example.com',
  'access-key-id': 'key-1',
  'access-key-secret': 'secret-1',
  'task-id': 'cc-th6j3fs58y'
}

/** What the action says when `name` is given `value` and every other input is valid. */
function messageFor(name: string, value: string): string {
  try {
    parseInputs(input => (input === name ? value : (VALID[input] ?? '')))
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  return `(no error for ${name}=${JSON.stringify(value)})`
}

/** The input and the value a quoted message is about, read from the quote itself. */
function reproduce(quote: string): string {
  const named = /^Invalid input: `([a-z-]+)`/.exec(quote)?.[1]
  if (!named) return '(names no input)'
  if (/ is required but was empty or not set\./.test(quote)) return messageFor(named, '')
  const got = /, got "((?:[^"\\]|\\.)*)"\.$/.exec(quote)?.[1]
  if (got !== undefined) return messageFor(named, JSON.parse(`"${got}"`) as string)
  return '(no refused value in the quote)'
}

describe('error messages the documentation quotes', () => {
  const quotes = pages.flatMap(({ page, text }) =>
    quotedInputErrors(text).map(quote => [page, quote] as const)
  )

  it('are found (README quotes at least one input error)', () => {
    expect(quotes.some(([page]) => page === 'README.md')).toBe(true)
  })

  it.each(quotes)('%s: %s is what the action says', (_page, quote) => {
    expect(reproduce(quote)).toBe(quote)
  })

  it('a quote the action does not make is caught', () => {
    const drifted =
      'Invalid input: `poll-interval-seconds` must be a positive number of seconds (e.g. 5 or 0.25), got "fast".'
    expect(reproduce(drifted)).not.toBe(drifted)
  })
})
