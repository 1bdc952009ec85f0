// The action with the result reader's window fixed at 4, for `npm run bench:compare` only: built to a
// temporary bundle there, never shipped. Imports run in order: the setup before the entry.
import './fixed-window-setup.js'
import '../../src/index.js'
