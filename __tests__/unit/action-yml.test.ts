import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

// action.yml is what the Marketplace and the runner read; the README's tables are what users read.
// They must say the same thing.

interface ActionYml {
  description: string
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const action = parse(
  readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')
) as ActionYml
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The rows of the first table under `## <heading>`, as cells (the header and rule rows dropped). */
function tableRows(heading: string): string[][] {
  const start = readme.indexOf(`\n## ${heading}\n`)
  if (start < 0) throw new Error(`README has no "## ${heading}" section`)
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end < 0 ? undefined : end)
  const rows = section
    .split('\n')
    .filter(line => line.startsWith('|'))
    .map(line =>
      line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split('|')
        .map(cell => cell.trim())
    )
  return rows.slice(2)
}

/** The name in a first cell written as `name`. */
function nameOf(cell: string | undefined): string {
  const match = /^`([^`]+)`$/.exec(cell ?? '')
  if (!match?.[1]) throw new Error(`not a name in backticks: ${JSON.stringify(cell)}`)
  return match[1]
}

describe('action.yml', () => {
  it('has a description within the Marketplace limit of 125 characters', () => {
    // Fails showing the description: 1 to 125 characters, line breaks included.
    expect(action.description.trim()).toMatch(/^[\s\S]{1,125}$/)
  })

  it('lists the same inputs as the README table', () => {
    const documented = tableRows('Inputs').map(row => nameOf(row[0]))
    expect(new Set(documented).size).toBe(documented.length)
    expect([...documented].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('has the required flags and defaults the README table shows', () => {
    for (const [cell, required, shownDefault] of tableRows('Inputs')) {
      const name = nameOf(cell)
      const input = action.inputs[name]
      const actual = {
        name,
        required: input?.required === true ? 'yes' : 'no',
        default:
          input?.default === undefined ? '' : `\`${input.default === '' ? "''" : input.default}\``
      }
      expect(actual).toEqual({ name, required, default: shownDefault })
    }
  })

  it('lists the same outputs as the README table', () => {
    const documented = tableRows('Outputs').map(row => nameOf(row[0]))
    expect(new Set(documented).size).toBe(documented.length)
    expect([...documented].sort()).toEqual(Object.keys(action.outputs).sort())
  })
})
