import { describe, expect, it } from '@jest/globals'
import { parseCreated, parseTaskDetail, parseTaskPage } from '../../src/ninedata/task-api.js'

// NineData's answers about the comparison task, read strictly: what is not the documented shape is
// refused (never guessed at), so a task is never taken for another.

const task = (extra: Record<string, unknown> = {}) => ({
  taskId: 'cc-th6j3fs58y',
  taskName: 'schema_compare_demo',
  status: 'success',
  periodic: 'ONETIME',
  lastExecId: 46958,
  createTime: '2026-06-25 08:47:31Z',
  sourceDsId: 'ds-ct192k3jlj4f',
  targetDsId: 'ds-d37s953l33d3',
  ...extra
})
const page = (extra: Record<string, unknown> = {}) => ({
  pageNumber: 2,
  pageSize: 100,
  total: 101,
  schemaComparisons: [task()],
  ...extra
})

describe('a page of the task list', () => {
  it('reads the documented example', () => {
    expect(parseTaskPage(page(), 2)).toEqual({
      total: 101,
      tasks: [
        {
          taskId: 'cc-th6j3fs58y',
          taskName: 'schema_compare_demo',
          sourceDsId: 'ds-ct192k3jlj4f',
          targetDsId: 'ds-d37s953l33d3',
          periodic: 'ONETIME',
          createTime: '2026-06-25 08:47:31Z'
        }
      ]
    })
  })

  it('reads no list as an empty page', () => {
    expect(parseTaskPage(page({ schemaComparisons: null }), 2).tasks).toEqual([])
  })

  it.each([
    ['another page', page({ pageNumber: 3 }), /asked for page 2 of the task list, got page 3/],
    ['no total', page({ total: undefined }), /data.total of the task list is missing/],
    ['a list that is not an array', page({ schemaComparisons: {} }), /not an array/],
    [
      'a task ID as a number',
      page({ schemaComparisons: [task({ taskId: 12 })] }),
      /taskId is number, not a string ID/
    ],
    [
      'a task without an ID',
      page({ schemaComparisons: [task({ taskId: '' })] }),
      /taskId is missing/
    ],
    [
      'a datasource ID as a number',
      page({ schemaComparisons: [task({ sourceDsId: 7 })] }),
      /sourceDsId is number/
    ],
    [
      'more tasks than asked for',
      page({ schemaComparisons: Array.from({ length: 101 }, () => task()) }),
      /holds 101 tasks/
    ],
    ['no data', null, /no data object/]
  ])('refuses %s', (_, data, message) => {
    expect(() => parseTaskPage(data, 2)).toThrow(message)
  })
})

describe('the created task', () => {
  it('is data.taskId, or a bare ID', () => {
    expect(parseCreated({ taskId: 'cc-new1' })).toBe('cc-new1')
    expect(parseCreated('cc-new2')).toBe('cc-new2')
  })

  it.each([
    ['a number', { taskId: 5 }],
    ['nothing', {}],
    ['an ID with a space', { taskId: 'cc- x' }],
    ['no data', null]
  ])('refuses %s', (_, data) => {
    expect(() => parseCreated(data)).toThrow(/documented shape/)
  })
})

describe('the task details', () => {
  it('reads status and isDeleted, of either comparison', () => {
    expect(
      parseTaskDetail({ taskId: 'cc-1', status: 'running', isDeleted: false }, 'schema', 'cc-1')
    ).toEqual({ taskId: 'cc-1', status: 'running', isDeleted: false })
    expect(
      parseTaskDetail({ id: 'cd-1', status: 'success', isDeleted: true }, 'data', 'cd-1').isDeleted
    ).toBe(true)
  })

  it.each([
    [
      'another task',
      { taskId: 'cc-2', status: 'running' },
      /asked about task cc-1, got details of cc-2/
    ],
    ['isDeleted as text', { taskId: 'cc-1', isDeleted: 'false' }, /isDeleted is not true or false/],
    ['a task ID as a number', { taskId: 1 }, /not a string ID/]
  ])('refuses %s', (_, data, message) => {
    expect(() => parseTaskDetail(data, 'schema', 'cc-1')).toThrow(message)
  })
})
