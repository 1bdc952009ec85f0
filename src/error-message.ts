// How an error's message is taken, the one way: anything can be thrown (an Error, an Octokit
// error-like object, a string), and each must still say something readable.

/** The message of whatever was thrown: its `message` when it has one as a string, else its text. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { message } = error
    if (typeof message === 'string') return message
  }
  return String(error)
}
