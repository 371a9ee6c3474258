const REGEXP_SPECIALS = /[\\^$.+()[\]{}|/]/g;
const STAR = 42;
const QUESTION = 63;

/**
 * Compiles a LIKE pattern (`*` any run of characters, `?` exactly one) to an anchored RegExp.
 * The `s` flag lets the wildcards match line breaks too, as Realm's matcher does.
 */
export function likePatternToRegExp(pattern: string): RegExp {
  const source = pattern.replace(REGEXP_SPECIALS, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s");
}

/**
 * Matches `text` against a LIKE pattern without building a RegExp, for patterns only known per
 * object (e.g. `"rex" LIKE nickname`). Greedy with backtracking to the last `*`.
 */
export function matchesLikePattern(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starAt = -1;
  let textAtStar = 0;
  while (t < text.length) {
    const code = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (code === STAR) {
      starAt = p++;
      textAtStar = t;
    } else if (code === QUESTION || (code !== -1 && code === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (starAt !== -1) {
      p = starAt + 1;
      t = ++textAtStar;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
