// How much text the output boundary has read: a counter, so tests prove the text paths linear (or
// bounded) by counting work rather than by timing it on a machine that may be busy. Costs one
// addition per character read; nothing in the action reads it.

export const textWork = {
  /** Characters the secret search read: each position tried as a start, each one a copy compared. */
  searched: 0,
  /** Characters handed to shaping (cleaning, one-line, HTML) after the cut to what a surface shows. */
  shaped: 0
}
