import { type ComparisonOperator, compareScalar, isCollection, likePattern } from "./compare-values.js";
import { QueryError } from "./query-error.js";
import { type Token, syntaxError, tokenize, unsupported } from "./tokenize.js";

/** Reads a (possibly dotted) key path of the object under test, e.g. `["owner", "name"]`. */
export type KeyPathReader = (path: readonly string[]) => unknown;

/** A compiled query: true when the object read through `read` matches. */
export type CompiledQuery = (read: KeyPathReader) => boolean;

type Operand = { readonly path: readonly string[] } | { readonly value: unknown };

const STRING_OPERATORS = new Set(["BEGINSWITH", "ENDSWITH", "CONTAINS", "LIKE"]);
const OPERATORS: Record<string, ComparisonOperator> = {
  "==": "==",
  "=": "==",
  "!=": "!=",
  "<>": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

/**
 * Compiles a Realm Query Language string (the subset the library and its tests use) into a
 * predicate. Arguments are bound now, never interpolated into the text.
 *
 * @example
 * const adult = compileQuery("age >= $0 && name BEGINSWITH[c] 'r'", [18]);
 * adult((path) => dog[path[0]]);
 */
export function compileQuery(query: string, args: readonly unknown[]): CompiledQuery {
  const tokens = tokenize(query);
  let index = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const word = (token: Token): string => (token.kind === "ident" ? token.text.toUpperCase() : "");

  const expect = (text: string, why: string): Token => {
    const token = next();
    if (token.text !== text) throw syntaxError(query, token.text, token.position, why);
    return token;
  };

  const argument = (token: Token): unknown => {
    const i = token.value as number;
    if (i >= args.length) {
      throw new QueryError(
        "QUERY_ARGUMENT",
        `Request for argument at index ${i} but only ${args.length} argument${args.length === 1 ? " is" : "s are"} provided (query "${query}")`,
        token.position,
        token.text,
      );
    }
    return args[i];
  };

  const operand = (): Operand => {
    const token = next();
    switch (token.kind) {
      case "string":
      case "number":
        return { value: token.value };
      case "arg":
        return { value: argument(token) };
      case "oid": {
        const hex = token.value as string;
        return { value: { toHexString: () => hex } };
      }
      case "ident": {
        const upper = token.text.toUpperCase();
        if (peek().text === "(") throw unsupported(query, token.text, token.position);
        if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
        if (upper === "NULL" || upper === "NIL") return { value: null };
        return { path: token.text.split(".") };
      }
      default:
        throw syntaxError(
          query,
          token.text,
          token.position,
          "expected a property, a literal or a $n placeholder",
        );
    }
  };

  const modifier = (): boolean => {
    if (peek().text !== "[c]") return false;
    next();
    return true;
  };

  const reader = (side: Operand): ((read: KeyPathReader) => unknown) => {
    if ("path" in side) {
      const path = side.path;
      return (read) => read(path);
    }
    const value = side.value;
    return () => value;
  };

  const comparison = (): CompiledQuery => {
    const left = operand();
    const opToken = next();
    const upper = word(opToken);
    if (upper === "IN") {
      const caseInsensitive = modifier();
      const list = listOperand();
      const readLeft = reader(left);
      return (read) => {
        const value = readLeft(read);
        const candidates = isCollection(value) ? value : [value];
        return candidates.some((candidate) =>
          list.some((item) => compareScalar(candidate, "==", item, caseInsensitive, null)),
        );
      };
    }
    let operator: ComparisonOperator;
    if (opToken.kind === "op" && OPERATORS[opToken.text]) operator = OPERATORS[opToken.text]!;
    else if (STRING_OPERATORS.has(upper)) operator = upper as ComparisonOperator;
    else if (opToken.kind === "ident") throw unsupported(query, opToken.text, opToken.position);
    else throw syntaxError(query, opToken.text, opToken.position, "expected a comparison operator");
    const caseInsensitive = modifier();
    const right = operand();
    const like =
      operator === "LIKE" && "value" in right && typeof right.value === "string"
        ? likePattern(right.value, caseInsensitive)
        : null;
    // Keep the key path on the left so implicit ANY over a list property applies to it.
    const flipped = !("path" in left) && "path" in right;
    const stored = reader(flipped ? right : left);
    const given = reader(flipped ? left : right);
    const op = flipped ? flip(operator) : operator;
    return (read) => {
      const value = stored(read);
      const other = given(read);
      if (isCollection(value))
        return value.some((item) => compareScalar(item, op, other, caseInsensitive, like));
      return compareScalar(value, op, other, caseInsensitive, like);
    };
  };

  const listOperand = (): readonly unknown[] => {
    const token = peek();
    if (token.kind === "arg") {
      next();
      const value = argument(token);
      if (!Array.isArray(value))
        throw new QueryError(
          "QUERY_ARGUMENT",
          `Argument ${token.text} of IN must be an array (query "${query}")`,
          token.position,
          token.text,
        );
      return value;
    }
    expect("{", "IN takes a list literal {a, b} or an array placeholder");
    const items: unknown[] = [];
    if (peek().text !== "}") {
      for (;;) {
        const item = operand();
        if ("path" in item)
          throw syntaxError(query, item.path.join("."), token.position, "an IN list holds literals only");
        items.push(item.value);
        if (peek().text === ",") next();
        else break;
      }
    }
    expect("}", "expected } to close the IN list");
    return items;
  };

  const primary = (): CompiledQuery => {
    const token = peek();
    if (token.text === "(") {
      next();
      const inner = orExpression();
      expect(")", "expected ) to close (");
      return inner;
    }
    const upper = word(token);
    if (upper === "TRUEPREDICATE") {
      next();
      return () => true;
    }
    if (upper === "FALSEPREDICATE") {
      next();
      return () => false;
    }
    return comparison();
  };

  const notExpression = (): CompiledQuery => {
    const token = peek();
    if (token.text === "!" || word(token) === "NOT") {
      next();
      const inner = notExpression();
      return (read) => !inner(read);
    }
    return primary();
  };

  const andExpression = (): CompiledQuery => {
    let result = notExpression();
    while (peek().text === "&&" || word(peek()) === "AND") {
      next();
      const left = result;
      const right = notExpression();
      result = (read) => left(read) && right(read);
    }
    return result;
  };

  const orExpression = (): CompiledQuery => {
    let result = andExpression();
    while (peek().text === "||" || word(peek()) === "OR") {
      next();
      const left = result;
      const right = andExpression();
      result = (read) => left(read) || right(read);
    }
    return result;
  };

  if (peek().kind === "end") throw syntaxError(query, "", 0, "the query is empty");
  const predicate = orExpression();
  const rest = peek();
  if (rest.kind !== "end") {
    throw syntaxError(query, rest.text, rest.position, "unexpected token after the end of the expression");
  }
  return predicate;
}

function flip(operator: ComparisonOperator): ComparisonOperator {
  switch (operator) {
    case "<":
      return ">";
    case "<=":
      return ">=";
    case ">":
      return "<";
    case ">=":
      return "<=";
    default:
      return operator;
  }
}
