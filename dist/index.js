import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);

// src/index.ts
process.setSourceMapsEnabled(true);
var { run } = await import("./main-7OFJI4PS.js");
await run();
setTimeout(() => process.exit(), 1e3).unref();
//# sourceMappingURL=index.js.map
