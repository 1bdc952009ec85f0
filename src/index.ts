import { run } from './main.js'

await run()
// The verdict is out: whatever sockets or a proxy still hold open, the process ends within a second.
setTimeout(() => process.exit(), 1000).unref()
