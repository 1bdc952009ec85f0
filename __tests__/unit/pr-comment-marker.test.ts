import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { carriesMarker, markerFor, markerTaskId } from '../../src/pull-request/comment-marker.js'

// The hidden first line that tells this gate's comment apart: one line, an HTML comment that no
// task ID can end early, a different line for every task.

describe('the marker', () => {
  it('names the action and the task', () => {
    expect(markerFor('cc-th6j3fs58y')).toBe('<!-- ninedata-precheck-gate:task=cc-th6j3fs58y -->')
    expect(markerFor('cd-4m8w2r')).toBe('<!-- ninedata-precheck-gate:task=cd-4m8w2r -->')
  })

  it('writes what could end or break the comment percent-encoded', () => {
    expect(markerTaskId('cc--x')).toBe('cc%2D-x')
    expect(markerTaskId('cc-x-')).toBe('cc-x%2D')
    expect(markerTaskId('cc-->')).toBe('cc%2D-%3E')
    expect(markerTaskId('a b\nc')).toBe('a%20b%0Ac')
    expect(markerTaskId("x!~*()'")).toBe('x%21%7E%2A%28%29%27')
    expect(markerTaskId('\ud800x')).toBe('%EF%BF%BDx')
  })

  it('is one inert line for any task ID, and tells every two IDs apart (generated, seeded)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ maxLength: 50 }),
        (a, b) => {
          const marker = markerFor(a)
          const inside = marker.slice('<!--'.length, -'-->'.length)
          expect(inside).not.toContain('--')
          expect(inside).not.toMatch(/[<>\n\r]/)
          expect(inside.startsWith(' ninedata-precheck-gate:task=')).toBe(true)
          expect(/^[\x21-\x7e ]+$/.test(marker)).toBe(true)
          expect(markerFor(b) === marker).toBe(a === b)
        }
      ),
      { seed: 17, numRuns: 300 }
    )
  })
})

describe('carriesMarker', () => {
  const marker = markerFor('cc-1')

  it('is true only when the marker is the whole first line', () => {
    expect(carriesMarker(`${marker}\n### ✅ passed`, marker)).toBe(true)
    expect(carriesMarker(`${marker}\r\n### ✅ passed`, marker)).toBe(true)
    expect(carriesMarker(marker, marker)).toBe(true)
    // Quoted, indented, in a reply, or another task's marker: not this gate's comment.
    expect(carriesMarker(`> ${marker}\n`, marker)).toBe(false)
    expect(carriesMarker(` ${marker}\n`, marker)).toBe(false)
    expect(carriesMarker(`Look at this:\n${marker}\n`, marker)).toBe(false)
    expect(carriesMarker(`${markerFor('cc-10')}\n`, marker)).toBe(false)
    expect(carriesMarker(`${marker} and more\n`, marker)).toBe(false)
    expect(carriesMarker('', marker)).toBe(false)
    expect(carriesMarker(null, marker)).toBe(false)
  })
})
