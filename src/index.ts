// Stack traces (the debug log shows one when the action crashes) point into src/, not into the
// bundle; Node reads the source maps of what is loaded after this, so main comes second.
process.setSourceMapsEnabled(true)
const { run } = await import('./main.js')

await run()
// The verdict is out: whatever sockets or a proxy still hold open, the process ends within a second.
setTimeout(() => process.exit(), 1000).unref()
