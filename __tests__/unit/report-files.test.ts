import { describe, expect, it } from '@jest/globals'
import { fileNamePart } from '../../src/report/report-file.js'
import { SafeText } from '../../src/text/safe-text.js'

// File names are outputs too: made from IDs NineData sent, they carry neither a path nor the secret.

describe('fileNamePart', () => {
  const safe = new SafeText(['a_b-secret'])

  it('keeps an ordinary ID', () => {
    expect(fileNamePart('pcte-dji009w2k499', safe, 'report')).toBe('pcte-dji009w2k499')
  })

  it('never leaves the folder', () => {
    expect(fileNamePart('../../etc/passwd', safe, 'report')).toBe('______etc_passwd')
  })

  it('falls back when the ID, or what the replacements make of it, is the secret', () => {
    expect(fileNamePart('x-a_b-secret', safe, 'report')).toBe('report')
    expect(fileNamePart('a.b-secret', safe, 'report')).toBe('report')
    expect(fileNamePart('', safe, 'run')).toBe('run')
  })
})
