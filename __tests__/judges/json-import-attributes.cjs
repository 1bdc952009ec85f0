// A Jest transform for @actions/workflow-parser: its ESM build imports its JSON schemas without an
// import attribute, which Node refuses and Jest will refuse; this adds `with { type: 'json' }`.
module.exports = {
  process(source) {
    return {
      code: source.replace(/^(import \w+ from "[^"]+\.json");$/gm, '$1 with { type: "json" };')
    }
  }
}
