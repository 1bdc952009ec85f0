// What an in-process run prints, captured as the runner would read it from stdout.

export async function captureStdout(work: () => Promise<void>): Promise<string> {
  let stdout = ''
  const write = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString()
    return true
  }) as typeof process.stdout.write
  try {
    await work()
  } finally {
    process.stdout.write = write
  }
  return stdout
}
