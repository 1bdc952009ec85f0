/* eslint-disable no-control-regex -- the tests look for control characters */
import { afterEach, describe, expect, it } from '@jest/globals'
import { hostileObjects } from '../../simulator/compare-objects.js'
import { leakedForms } from '../../simulator/hostile.js'
import type { SchemaObject } from '../../simulator/types.js'
import {
  SECTION_END,
  SECTION_START,
  cliArgs,
  parseJUnit,
  runCli,
  type CliResult
} from '../helpers/cli-runner.js'
import { compareInputs, quickRun } from '../helpers/comparison.js'
import { TEST_TASK_ID, customScenario, simulator, stopSimulators } from '../helpers/simulator.js'
import { standardItems, withFailures } from '../../simulator/items.js'

// Server text through the command line: the log stays plain text a terminal cannot be steered by,
// GitLab's sections cannot be forged or ended by it, the JUnit file stays well-formed XML that a
// test-report tool reads back as the text NineData sent, and the secret is in none of it.

afterEach(stopSimulators)

/** Characters that escape differently in XML, JSON, HTML and URLs, so every encoding is tried. */
const SECRET = `Sx9"<k>&'q/z%20]]>`

/** An object that echoes the secret in its name and SQL, and tries to close the XML around it. */
function leakingObject(secret: string): SchemaObject {
  return {
    schemaName: 'shop',
    objectName: `leak_${secret}</testcase></testsuite><testsuite name="forged">`,
    objectType: 'TABLE',
    sourceDdl: `CREATE TABLE \`leak\` (\`c\` varchar(32) DEFAULT '${secret}')`,
    targetDdl: '',
    correctSql: `<![CDATA[ ${secret} ]]></failure><testcase name="forged"/>\u0000\uFFFE\uD800 end`
  }
}

const XML_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function expectInert(result: CliResult): void {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n')
  // Only the gate's own section markers, balanced; no server text makes or ends one.
  const starts = lines.filter(line => SECTION_START.test(line))
  const ends = lines.filter(line => SECTION_END.test(line))
  expect(starts.length).toBe(ends.length)
  for (const line of [...starts, ...ends])
    expect(line).toMatch(/section_(start|end):\d+:ninedata_gate_\d+/)
  for (const line of lines) {
    if (SECTION_START.test(line) || SECTION_END.test(line)) continue
    // No escape sequence, bell or carriage return a terminal or GitLab's log viewer would act on.
    expect([
      line,
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(line)
    ]).toEqual([line, false])
    expect(line.trimStart().startsWith('::')).toBe(false)
  }
  for (const [name, text] of Object.entries({ log: lines.join('\n'), ...result.reports }))
    expect([name, leakedForms(text, SECRET)]).toEqual([name, []])
  const xml = result.reports['junit.xml']!
  expect(XML_FORBIDDEN.test(xml)).toBe(false)
  // As the XML holds it, and as a test-report tool reads it back.
  expect(xml).not.toContain(
    SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  )
  expect(JSON.stringify(parseJUnit(xml))).not.toContain(JSON.stringify(SECRET).slice(1, -1))
  expect(xml).not.toMatch(/<script|<testsuite name="forged"|<testcase name="forged"/)
  expect(xml).not.toContain('<![CDATA[')
}

describe('hostile server text through ninedata-gate', () => {
  it('in check items (markup, newlines, control characters, RTL) stays inert in the log and JUnit', async () => {
    const sim = await simulator('hostile')
    const result = await runCli(
      cliArgs(sim.url, { 'task-id': TEST_TASK_ID, 'poll-interval-seconds': '0.2' }),
      { ci: 'gitlab' }
    )
    expect(result.exitCode).toBe(1)
    expectInert(result)
    // The test-report tool reads the names back as text: markup arrives as the characters sent.
    const cases = parseJUnit(result.reports['junit.xml']!).suites[0]!.cases
    expect(cases.map(c => c.name)).toContain('<script>alert("x")</script> [xssCheck]')
    const xss = cases.find(c => c.name.startsWith('<script>'))!
    expect(xss.failure).toBe(
      '<iframe src="https://evil.example"></iframe></td></tr></table><h1>Injected</h1>'
    )
    // Bidi overrides and controls are dropped, whole names are kept to their cap.
    expect(cases.some(c => /[\u202a-\u202e\u0007\u0000]/.test(c.name + c.failure))).toBe(false)
    expect(Math.max(...cases.map(c => c.name.length))).toBeLessThan(400)
  })

  it('echoing the secret in an item message hides it everywhere', async () => {
    const scenario = customScenario(
      {
        items: secret =>
          withFailures(standardItems(), { srcDataSourceCheck: `login failed: ${secret}` })
      },
      'echo-secret'
    )
    const sim = await simulator(scenario, { accessKeySecret: SECRET })
    const result = await runCli(
      cliArgs(sim.url, { 'task-id': TEST_TASK_ID, 'poll-interval-seconds': '0.2' }),
      { ci: 'jenkins', secret: SECRET }
    )
    expect(result.exitCode).toBe(1)
    expectInert(result)
    const failed = parseJUnit(result.reports['junit.xml']!).suites[0]!.cases.find(c =>
      c.name.includes('srcDataSourceCheck')
    )
    expect(failed?.failure).toBe('login failed: ***')
  })

  it('in object names and correction SQL stays inert, the XML well-formed, the secret hidden', async () => {
    const scenario = quickRun('compare-hostile-sql', {
      objects: secret => [...hostileObjects(), leakingObject(secret)]
    })
    const sim = await simulator(scenario, { accessKeySecret: SECRET })
    const result = await runCli(cliArgs(sim.url, compareInputs(scenario)), {
      ci: 'gitlab',
      secret: SECRET
    })
    expect(result.exitCode).toBe(1)
    expectInert(result)
    const run = parseJUnit(result.reports['junit.xml']!).suites[1]!
    const leak = run.cases.find(c => c.name.startsWith('shop.leak_'))!
    expect(leak.name).toMatch(
      /^shop\.leak_\*\*\*<\/testcase><\/testsuite><testsuite name="forged"> \[progressId \d+\]$/
    )
    expect(leak.stack_trace).toBe('<![CDATA[ *** ]]></failure><testcase name="forged"/> end')
    const forged = run.cases.find(c => c.name.startsWith('shop.workflow_commands'))!
    expect(forged.stack_trace).toContain('\n::error::forged by correction SQL\n')
    // The SQL file keeps the SQL as sent, the secret hidden.
    expect(result.reports['correction.sql']).toContain('<![CDATA[ *** ]]></failure>')
  })
})
