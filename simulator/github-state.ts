import type { StoredComment } from './github-types.js'

// What the GitHub stand-in remembers across runs: issue comments, and the IDs GitHub gives users
// and repositories. No HTTP here: github-routes.ts reads and writes it.

export class CommentStore {
  private readonly comments: StoredComment[] = []
  private readonly repoIds = new Map<string, number>()
  private readonly userIds = new Map<string, number>()
  private nextId = 1001
  /** The API base URL (set once the server listens), for the URLs in a comment's JSON. */
  base = ''

  constructor(private readonly webUrl: string) {}

  userOf(login: string, type = 'User'): StoredComment['user'] {
    if (!this.userIds.has(login)) this.userIds.set(login, 500 + this.userIds.size)
    return { login, id: this.userIds.get(login)!, type }
  }

  repoId(owner: string, repo: string): number {
    const key = `${owner}/${repo}`.toLowerCase()
    if (!this.repoIds.has(key)) this.repoIds.set(key, 7000 + this.repoIds.size)
    return this.repoIds.get(key)!
  }

  /** [owner, repo] of a repository ID GitHub gave out, or undefined. */
  repoById(id: number): [string, string] | undefined {
    for (const [key, value] of this.repoIds)
      if (value === id) return key.split('/') as [string, string]
    return undefined
  }

  add(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user: StoredComment['user']
  ): StoredComment {
    this.repoId(owner, repo)
    const now = new Date().toISOString()
    const comment = {
      id: this.nextId++,
      owner,
      repo,
      issue,
      body,
      user,
      created_at: now,
      updated_at: now,
      edits: 0
    }
    this.comments.push(comment)
    return comment
  }

  /** The comments of one issue or pull request, oldest first (names compared as GitHub does). */
  of(owner: string, repo: string, issue: number): StoredComment[] {
    return this.comments.filter(
      c =>
        c.owner.toLowerCase() === owner.toLowerCase() &&
        c.repo.toLowerCase() === repo.toLowerCase() &&
        c.issue === issue
    )
  }

  /** Comment `id` if it belongs to the repository. */
  find(owner: string, repo: string, id: number): StoredComment | undefined {
    return this.comments.find(c => c.id === id && this.of(owner, repo, c.issue).includes(c))
  }

  /** A comment as GitHub's REST API shows it. */
  json(c: StoredComment): unknown {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.base}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
      html_url: `${this.webUrl}/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.base}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: 'NONE'
    }
  }
}
