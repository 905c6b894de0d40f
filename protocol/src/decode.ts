// Reading one frame's text (docs/protocol.md, Compatibility). Frames are JSON,
// with one tolerance: Python's json.dumps writes the floats nan, inf and -inf
// as the bare words NaN, Infinity and -Infinity, which are not JSON. The
// original sidekick-py 0.0.7 sends them that way (`viz.show("best",
// float("inf"))`), so a frame that JSON.parse refuses and that holds such a
// word outside its strings is read again with each one as the string Python's
// repr() gives ("nan", "inf", "-inf"), which is how this project's hero
// library sends a non-finite float. Valid JSON never takes the slow path.

const NON_FINITE: ReadonlyArray<readonly [word: string, replacement: string]> = [
  ['-Infinity', '"-inf"'],
  ['Infinity', '"inf"'],
  ['NaN', '"nan"'],
];

/** Parses one frame's text; throws a SyntaxError when it is not JSON even with that tolerance. */
export function decodeFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!text.includes('NaN') && !text.includes('Infinity')) throw error;
    const repaired = replaceNonFinite(text);
    if (repaired === text) throw error;
    return JSON.parse(repaired);
  }
}

/** The words outside string literals replaced; everything else byte for byte. */
function replaceNonFinite(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    for (const [word, replacement] of NON_FINITE) {
      if (text.startsWith(word, i)) {
        out += text.slice(copied, i) + replacement;
        i += word.length - 1;
        copied = i + 1;
        break;
      }
    }
  }
  return out + text.slice(copied);
}
