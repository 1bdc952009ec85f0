import { describe, expect, it } from '@jest/globals'
import { renderComment } from '../../src/pull-request/comment-body.js'
import { markerFor } from '../../src/pull-request/comment-marker.js'
import { commentViewOf } from '../../src/pull-request/comment-view.js'
import { renderSummary } from '../../src/report/job-summary.js'
import type { Report } from '../../src/report/report-model.js'
import { SafeText } from '../../src/text/safe-text.js'
import { visibleText } from '../helpers/action-runner.js'
import { comparisonReport, runSeen, schemaObject } from '../helpers/comparison.js'
import { item, report, state } from '../helpers/builders.js'

// A green step says in one line what it stands for, in the summary and the comment alike: a
// precheck pass is not a comparison, and a softened finding is not a pass. A red step has no
// such line.

const safe = new SafeText([])
const context = { marker: markerFor('cc-1') }
const failedPrecheck = state('Failed', [item('Failed', 'Privileges', 'no SELECT')])
const differing = runSeen({
  results: { kind: 'schema', total: 1, objects: [schemaObject('1', 't', 'ALTER TABLE t;')] }
})

const shown = (model: Report): string[] => [
  visibleText(renderSummary(model, safe)),
  visibleText(renderComment(commentViewOf(model), context, safe))
]

describe('what a green means', () => {
  it.each([
    [
      'a precheck pass',
      report('finished', state('Success', [item('Success', 'A')])),
      /What this green means: the precheck passed; no comparison was run, so source and target may still differ\./
    ],
    [
      'a comparison with no difference',
      comparisonReport(
        runSeen({ results: { kind: 'schema', total: 1, objects: [schemaObject('1', 't', '')] } })
      ),
      /What this green means: the precheck passed and the comparison run found no difference between source and target\./
    ],
    [
      'failed items with fail-on-failure false',
      report('finished', failedPrecheck, { failOnFailure: false }),
      /What this green means: the step does not block, but the precheck failed \( ?fail-on-failure ?is false\) and no comparison was run\./
    ],
    [
      'differences with fail-on-difference false',
      comparisonReport(differing, false),
      /What this green means: the step does not block, but the comparison run found differences \( ?fail-on-difference ?is false\)\./
    ]
  ])('%s: one line, in the summary and the comment', (_case, model, line) => {
    for (const text of shown(model)) expect(text).toMatch(line)
  })

  it.each([
    ['failed items', report('finished', failedPrecheck)],
    ['differences', comparisonReport(differing)],
    ['a timeout', report('timeout', state('Running', [item('Running', 'A')]))]
  ])('a red step (%s) has no such line', (_case, model) => {
    for (const text of shown(model)) expect(text).not.toContain('What this green means')
  })
})
