// A string that counts how much of it is read, for proving a hand-written scanner linear by its
// work rather than by a clock: every charCodeAt is one character read, every indexOf the
// characters it passed over. Other methods read the text through the real string, uncounted.

export interface CountingText {
  /** Pass this where the scanner takes a string. */
  text: string
  /** Characters read so far. */
  reads(): number
}

export function countingText(value: string): CountingText {
  let reads = 0
  const methods: Record<string, unknown> = {
    charCodeAt: (i: number) => {
      reads++
      return value.charCodeAt(i)
    },
    indexOf: (search: string, from = 0) => {
      const at = value.indexOf(search, from)
      reads += (at < 0 ? value.length : at + search.length) - from
      return at
    }
  }
  const text = new Proxy(new String(value), {
    get(target, key) {
      if (typeof key === 'string' && key in methods) return methods[key]
      const real = Reflect.get(target, key, target) as unknown
      return typeof real === 'function' ? (real as () => unknown).bind(value) : real
    }
  }) as unknown as string
  return { text, reads: () => reads }
}
