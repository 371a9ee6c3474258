import { QueryError } from "./query-error.js";

/** A lexical token of a query. */
export interface Token {
  readonly kind: "ident" | "string" | "number" | "arg" | "oid" | "punct" | "op" | "end";
  readonly text: string;
  readonly position: number;
  /** Decoded value of string / number tokens. */
  readonly value?: string | number;
}

const SUBSET = "the emulator supports comparisons, &&/||/!, AND/OR/NOT, parentheses, $0..$n and literals";

/** The error for a construct outside the supported subset. */
export function unsupported(query: string, token: string, position: number): QueryError {
  return new QueryError(
    "QUERY_UNSUPPORTED",
    `Unsupported RQL token "${token}" at position ${position} in query "${query}": ${SUBSET}`,
    position,
    token,
  );
}

/** The error for malformed input. */
export function syntaxError(query: string, token: string, position: number, why: string): QueryError {
  const shown = token === "" ? "end of query" : `"${token}"`;
  return new QueryError(
    "QUERY_SYNTAX",
    `Invalid RQL at position ${position} (${shown}) in query "${query}": ${why}`,
    position,
    token,
  );
}

/** Words of full RQL the emulator does not support; using one is a clear error, not a property name. */
export const UNSUPPORTED_WORDS = new Set([
  "SORT",
  "LIMIT",
  "DISTINCT",
  "ANY",
  "ALL",
  "NONE",
  "SOME",
  "SUBQUERY",
  "BETWEEN",
  "TEXT",
  "GEOWITHIN",
  "INCLUDE",
]);

const TWO_CHAR_OPS = ["==", "!=", "<>", "<=", ">=", "&&", "||"];

/** Splits a query into tokens. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    const two = query.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      tokens.push({ kind: "op", text: two, position: start });
      i += 2;
    } else if ("=<>!".includes(c)) {
      tokens.push({ kind: "op", text: c, position: start });
      i++;
    } else if ("(){},".includes(c)) {
      tokens.push({ kind: "punct", text: c, position: start });
      i++;
    } else if (c === "[") {
      const close = query.indexOf("]", i);
      const text = close < 0 ? query.slice(i) : query.slice(i, close + 1);
      if (text.toLowerCase() !== "[c]") throw unsupported(query, text, start);
      tokens.push({ kind: "punct", text: "[c]", position: start });
      i = close + 1;
    } else if (c === '"' || c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= query.length) throw syntaxError(query, query.slice(start), start, "unterminated string");
        const ch = query[i]!;
        if (ch === "\\") {
          const next = query[i + 1];
          value += next === "n" ? "\n" : next === "t" ? "\t" : (next ?? "");
          i += 2;
        } else if (ch === c) {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: "string", text: query.slice(start, i), position: start, value });
    } else if (
      /[0-9]/.test(c) ||
      (c === "-" && /[0-9.]/.test(query[i + 1] ?? "")) ||
      (c === "." && /[0-9]/.test(query[i + 1] ?? ""))
    ) {
      const match = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(query.slice(i))!;
      const text = match[0];
      if (/^[A-Za-z_:@]/.test(query.slice(i + text.length))) {
        // e.g. a timestamp literal T123:456 or a date 2024-01-01@... starts like a number.
        const end = query.slice(i).search(/[\s)]/);
        throw unsupported(query, end < 0 ? query.slice(i) : query.slice(i, i + end), start);
      }
      tokens.push({ kind: "number", text, position: start, value: Number(text) });
      i += text.length;
    } else if (c === "$") {
      const match = /^\$(\d+)/.exec(query.slice(i));
      if (!match) throw syntaxError(query, "$", start, "a placeholder is $ followed by its index");
      tokens.push({ kind: "arg", text: match[0], position: start, value: Number(match[1]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)*/.exec(query.slice(i))!;
      const text = match[0];
      const oid = /^oid\(\s*([0-9a-fA-F]{24})\s*\)/i.exec(query.slice(i));
      if (oid) {
        tokens.push({ kind: "oid", text: oid[0], position: start, value: oid[1]!.toLowerCase() });
        i += oid[0].length;
        continue;
      }
      if (UNSUPPORTED_WORDS.has(text.toUpperCase())) throw unsupported(query, text, start);
      const timestamp = /^T\d+:\d+/.exec(query.slice(i));
      if (timestamp) throw unsupported(query, timestamp[0], start);
      tokens.push({ kind: "ident", text, position: start });
      i += text.length;
      if (query[i] === "." && query[i + 1] === "@") {
        const end = query.slice(i + 1).search(/[^A-Za-z@]/);
        throw unsupported(query, query.slice(i + 1, end < 0 ? undefined : i + 1 + end), i + 1);
      }
    } else if (c === "@") {
      const match = /^@[A-Za-z]*/.exec(query.slice(i))!;
      throw unsupported(query, match[0], start);
    } else {
      throw syntaxError(query, c, start, "unexpected character");
    }
  }
  tokens.push({ kind: "end", text: "", position: query.length });
  return tokens;
}
