/** One lexical token of an RQL query; `text` is its exact source text and `position` its 0-based offset. */
export type Token =
  | { readonly kind: "identifier"; readonly text: string; readonly position: number }
  | { readonly kind: "string"; readonly text: string; readonly position: number; readonly value: string }
  | {
      readonly kind: "number";
      readonly text: string;
      readonly position: number;
      readonly value: number | bigint;
    }
  | { readonly kind: "argument"; readonly text: string; readonly position: number; readonly index: number }
  | {
      readonly kind: "objectId" | "uuid";
      readonly text: string;
      readonly position: number;
      /** Lower-case hex digits without dashes. */
      readonly hex: string;
    }
  | { readonly kind: "symbol"; readonly text: string; readonly position: number }
  | { readonly kind: "caseModifier"; readonly text: string; readonly position: number }
  | { readonly kind: "unsupported"; readonly text: string; readonly position: number }
  | { readonly kind: "invalid"; readonly text: string; readonly position: number; readonly problem: string }
  | { readonly kind: "end"; readonly text: ""; readonly position: number };

// Longest first, so "<=" wins over "<" and "==" over "=".
const SYMBOLS = [
  "==",
  "=<",
  "=>",
  "!=",
  "<>",
  "<=",
  ">=",
  "&&",
  "||",
  "=",
  "<",
  ">",
  "!",
  "(",
  ")",
  "{",
  "}",
  ",",
  ".",
];

// Realm literals the emulator does not evaluate; recognised whole so the error names all of them.
const TIMESTAMP = /T[+-]?\d+:[+-]?\d+|\d+-\d+-\d+(?:[@T][\d:]+)?/y;
const LINK = /O\d+(?![\w$])|L\d+:\d+/y;
const BASE64 = /B64"[A-Za-z0-9/+=]*"?/y;
const SIGNED_SPECIAL = /[+-](?:infinity|inf|nan)(?![\w$])/iy;
const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const OBJECT_ID = /oid\(([0-9a-fA-F]{24})\)/iy;
const UUID = /uuid\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)/iy;
const ID_LITERAL_START = /(?:oid|uuid)\(/iy;
const BRACKET = /\[[^\]\s]*\]/y;

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "/": "/",
  "\\": "\\",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  "0": "\0",
};

/**
 * Splits an RQL query into tokens, always ending with an "end" token. It never throws: text it
 * cannot read becomes an "invalid" token and the rest of the query is dropped, so the parser
 * reports whichever problem comes first.
 */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < query.length) {
    const code = query.charCodeAt(at);
    if (isWhitespace(code)) {
      at++;
      continue;
    }
    const token = readToken(query, at);
    tokens.push(token);
    if (token.kind === "invalid") return [...tokens, { kind: "end", text: "", position: query.length }];
    at += token.text.length;
  }
  tokens.push({ kind: "end", text: "", position: query.length });
  return tokens;
}

function readToken(query: string, at: number): Token {
  const char = query.charAt(at);
  const code = query.charCodeAt(at);

  const special = matchAt(TIMESTAMP, query, at) ?? matchAt(LINK, query, at) ?? matchAt(BASE64, query, at);
  if (special !== undefined) return { kind: "unsupported", text: special, position: at };

  if (char === '"' || char === "'") return readString(query, at);
  if (char === "$") return readArgument(query, at);
  if (char === "@")
    return { kind: "unsupported", text: "@" + readWhile(query, at + 1, isIdentifierPart), position: at };
  if (char === "[") {
    const bracket = matchAt(BRACKET, query, at) ?? "[";
    return bracket === "[c]"
      ? { kind: "caseModifier", text: bracket, position: at }
      : { kind: "unsupported", text: bracket, position: at };
  }

  const signedSpecial = matchAt(SIGNED_SPECIAL, query, at);
  if (signedSpecial !== undefined) return { kind: "unsupported", text: signedSpecial, position: at };
  if (isDigit(code) || ((char === "-" || char === "+" || char === ".") && startsNumber(query, at))) {
    return readNumber(query, at);
  }
  if (char === "+" || char === "-" || char === "*" || char === "/") {
    return { kind: "unsupported", text: char, position: at };
  }

  if (isIdentifierStart(code)) return readIdentifierOrIdLiteral(query, at);

  for (const symbol of SYMBOLS) {
    if (query.startsWith(symbol, at)) return { kind: "symbol", text: symbol, position: at };
  }
  return { kind: "invalid", text: char, position: at, problem: `unexpected character "${char}"` };
}

function readString(query: string, at: number): Token {
  const quote = query.charAt(at);
  let value = "";
  let i = at + 1;
  while (i < query.length) {
    const char = query.charAt(i);
    if (char === quote) return { kind: "string", text: query.slice(at, i + 1), position: at, value };
    if (char !== "\\") {
      value += char;
      i++;
      continue;
    }
    const escaped = query.charAt(i + 1);
    if (escaped === "u" && /^[0-9a-fA-F]{4}$/.test(query.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(query.slice(i + 2, i + 6), 16));
      i += 6;
      continue;
    }
    const replacement = ESCAPES[escaped];
    if (replacement === undefined) {
      return {
        kind: "invalid",
        text: query.slice(at, i + 2),
        position: at,
        problem: `invalid escape sequence "\\${escaped}" in string literal`,
      };
    }
    value += replacement;
    i += 2;
  }
  return {
    kind: "invalid",
    text: query.slice(at),
    position: at,
    problem: `unterminated string literal starting with ${quote}`,
  };
}

function readArgument(query: string, at: number): Token {
  const digits = readWhile(query, at + 1, isDigit);
  const rest = readWhile(query, at + 1 + digits.length, isIdentifierPart);
  if (digits === "" || rest !== "") {
    // "$K0" (key path argument) and other "$" forms are Realm features outside the subset.
    return { kind: "unsupported", text: "$" + digits + rest, position: at };
  }
  return { kind: "argument", text: "$" + digits, position: at, index: Number(digits) };
}

function readNumber(query: string, at: number): Token {
  const text = matchAt(NUMBER, query, at) ?? query.charAt(at);
  const after = query.charCodeAt(at + text.length);
  if (isIdentifierPart(after) || query.charAt(at + text.length) === ".") {
    const bad = text + readWhile(query, at + text.length, (c) => isIdentifierPart(c) || c === 46);
    return { kind: "invalid", text: bad, position: at, problem: `malformed number "${bad}"` };
  }
  return { kind: "number", text, position: at, value: numberValue(text) };
}

function numberValue(text: string): number | bigint {
  if (/^0[xX]/.test(text)) return narrowInteger(BigInt(text));
  if (/[.eE]/.test(text)) return Number(text);
  // Integers beyond 2^53 stay exact as bigint, like Realm's int64 literals.
  return narrowInteger(BigInt(text));
}

function narrowInteger(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

function readIdentifierOrIdLiteral(query: string, at: number): Token {
  if (matchAt(ID_LITERAL_START, query, at) !== undefined) {
    const oid = execAt(OBJECT_ID, query, at);
    if (oid?.[1] !== undefined)
      return { kind: "objectId", text: oid[0], position: at, hex: oid[1].toLowerCase() };
    const uuid = execAt(UUID, query, at);
    if (uuid?.[1] !== undefined) {
      return { kind: "uuid", text: uuid[0], position: at, hex: uuid[1].replace(/-/g, "").toLowerCase() };
    }
    const close = query.indexOf(")", at);
    const text = close === -1 ? query.slice(at) : query.slice(at, close + 1);
    const expected = text.toLowerCase().startsWith("oid")
      ? "oid() needs exactly 24 hex digits"
      : "uuid() needs 8-4-4-4-12 hex digits";
    return { kind: "invalid", text, position: at, problem: `malformed literal "${text}": ${expected}` };
  }
  return { kind: "identifier", text: readWhile(query, at, isIdentifierPart), position: at };
}

function matchAt(pattern: RegExp, query: string, at: number): string | undefined {
  return execAt(pattern, query, at)?.[0];
}

function execAt(pattern: RegExp, query: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(query);
}

function readWhile(query: string, at: number, accept: (code: number) => boolean): string {
  let end = at;
  while (end < query.length && accept(query.charCodeAt(end))) end++;
  return query.slice(at, end);
}

function startsNumber(query: string, at: number): boolean {
  const next = query.charCodeAt(at + 1);
  if (isDigit(next)) return true;
  return query.charAt(at) !== "." && query.charAt(at + 1) === "." && isDigit(query.charCodeAt(at + 2));
}

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || isDigit(code) || code === 36;
}
