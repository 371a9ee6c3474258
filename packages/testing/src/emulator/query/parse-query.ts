import {
  RESERVED_KEYWORDS,
  RESERVED_UNSUPPORTED_KEYWORDS,
  SYMBOL_OPERATORS,
  UNSUPPORTED_KEYWORDS,
  WORD_OPERATORS,
} from "./keywords.js";
import type {
  ArgumentNode,
  ComparisonNode,
  ComparisonOperator,
  KeyPathNode,
  ListNode,
  LiteralNode,
  OperandNode,
  PredicateNode,
} from "./query-ast.js";
import { describeToken, syntaxError, unsupportedTokenError, type QueryError } from "./query-error.js";
import { tokenize, type Token } from "./tokenize.js";

/**
 * Parses an RQL query into a predicate tree (precedence NOT > AND > OR); throws `QueryError`
 * naming the first token it cannot accept.
 */
export function parseQuery(query: string): PredicateNode {
  return new Parser(query, tokenize(query)).parseQuery();
}

const OPERAND = "an operand (a key path, a $n placeholder or a literal)";

class Parser {
  private index = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseQuery(): PredicateNode {
    const predicate = this.parseOr();
    const next = this.peek();
    if (next.kind !== "end") throw this.unexpected(next, "&&, ||, AND, OR or the end of the query");
    return predicate;
  }

  private parseOr(): PredicateNode {
    const operands = [this.parseAnd()];
    while (this.acceptLogical("||", "OR")) operands.push(this.parseAnd());
    return operands.length === 1 ? operands[0]! : { kind: "or", operands };
  }

  private parseAnd(): PredicateNode {
    const operands = [this.parseNot()];
    while (this.acceptLogical("&&", "AND")) operands.push(this.parseNot());
    return operands.length === 1 ? operands[0]! : { kind: "and", operands };
  }

  private parseNot(): PredicateNode {
    if (this.acceptLogical("!", "NOT")) return { kind: "not", operand: this.parseNot() };
    return this.parsePrimary();
  }

  private parsePrimary(): PredicateNode {
    const next = this.peek();
    if (isSymbol(next, "(")) {
      this.index++;
      const inner = this.parseOr();
      const close = this.peek();
      if (!isSymbol(close, ")"))
        throw this.unexpected(close, `")" to close the "(" at position ${next.position}`);
      this.index++;
      return inner;
    }
    if (next.kind === "identifier") {
      const word = next.text.toUpperCase();
      if (word === "TRUEPREDICATE" || word === "FALSEPREDICATE") {
        this.index++;
        return { kind: "constant", value: word === "TRUEPREDICATE" };
      }
    }
    return this.parseComparison();
  }

  private parseComparison(): ComparisonNode {
    const left = this.parseOperand(false);
    const operatorToken = this.peek();
    const operator = comparisonOperator(operatorToken);
    if (operator === undefined) {
      throw this.unexpected(
        operatorToken,
        "a comparison operator (==, !=, <, <=, >, >=, BEGINSWITH, ENDSWITH, CONTAINS, LIKE, IN)",
      );
    }
    this.index++;
    const caseInsensitive = this.peek().kind === "caseModifier";
    if (caseInsensitive) this.index++;
    const right = this.parseOperand(operator === "IN");
    return {
      kind: "comparison",
      operator,
      caseInsensitive,
      left,
      right,
      position: operatorToken.position,
      token: operatorToken.text,
    };
  }

  private parseOperand(allowList: boolean): OperandNode {
    const token = this.peek();
    if (isSymbol(token, "{")) {
      // Realm also allows list literals with ==, ANY/ALL/NONE etc.; the emulator only needs IN.
      if (!allowList) throw unsupportedTokenError(this.query, token.text, token.position);
      return this.parseList();
    }
    const constant = this.tryConstant(token);
    if (constant !== undefined) {
      this.index++;
      return constant;
    }
    if (token.kind === "identifier") return this.parseKeyPath(token);
    throw this.unexpected(token, OPERAND);
  }

  private parseList(): ListNode {
    const open = this.peek();
    this.index++;
    const items: (LiteralNode | ArgumentNode)[] = [];
    if (isSymbol(this.peek(), "}")) {
      this.index++;
      return { kind: "list", items, position: open.position, token: open.text };
    }
    for (;;) {
      const token = this.peek();
      const item = this.tryConstant(token);
      if (item === undefined) throw this.unexpected(token, "a literal or $n placeholder in the list");
      this.index++;
      items.push(item);
      const separator = this.peek();
      this.index++;
      if (isSymbol(separator, "}")) return { kind: "list", items, position: open.position, token: open.text };
      if (!isSymbol(separator, ",")) {
        throw this.unexpected(separator, `"," or "}" to close the "{" at position ${open.position}`);
      }
    }
  }

  private tryConstant(token: Token): LiteralNode | ArgumentNode | undefined {
    const span = { position: token.position, token: token.text };
    switch (token.kind) {
      case "string":
      case "number":
        return { kind: "literal", value: token.value, ...span };
      case "objectId":
      case "uuid":
        return { kind: "literal", value: { idType: token.kind, hex: token.hex }, ...span };
      case "argument":
        return { kind: "argument", index: token.index, ...span };
      case "identifier": {
        const word = token.text.toUpperCase();
        if (word === "TRUE" || word === "FALSE") return { kind: "literal", value: word === "TRUE", ...span };
        if (word === "NULL" || word === "NIL") return { kind: "literal", value: null, ...span };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private parseKeyPath(first: Token): KeyPathNode {
    const path = [this.keyPathSegment(first)];
    this.index++;
    while (isSymbol(this.peek(), ".")) {
      this.index++;
      const segment = this.peek();
      path.push(this.keyPathSegment(segment));
      this.index++;
    }
    return { kind: "keyPath", path, position: first.position, token: first.text };
  }

  private keyPathSegment(token: Token): string {
    if (token.kind !== "identifier") throw this.unexpected(token, "a property name");
    const word = token.text.toUpperCase();
    // A name followed by "(" is a function call: SUBQUERY(, geoCircle(, SORT(, obj(...
    if (RESERVED_UNSUPPORTED_KEYWORDS.has(word) || isSymbol(this.tokenAt(this.index + 1), "(")) {
      throw unsupportedTokenError(this.query, token.text, token.position);
    }
    if (RESERVED_KEYWORDS.has(word)) throw this.unexpected(token, OPERAND);
    return token.text;
  }

  private acceptLogical(symbol: string, word: string): boolean {
    const next = this.peek();
    if (isSymbol(next, symbol) || (next.kind === "identifier" && next.text.toUpperCase() === word)) {
      this.index++;
      return true;
    }
    return false;
  }

  /** The next token; unreadable or unsupported tokens throw as soon as the parser reaches them. */
  private peek(): Token {
    const token = this.tokenAt(this.index);
    if (token.kind === "unsupported") throw unsupportedTokenError(this.query, token.text, token.position);
    if (token.kind === "invalid") throw syntaxError(this.query, token.text, token.position, token.problem);
    return token;
  }

  private tokenAt(index: number): Token {
    // The tokenizer always ends with an "end" token, which the parser never consumes.
    return this.tokens[Math.min(index, this.tokens.length - 1)]!;
  }

  private unexpected(token: Token, expected: string): QueryError {
    if (token.kind === "identifier" && UNSUPPORTED_KEYWORDS.has(token.text.toUpperCase())) {
      return unsupportedTokenError(this.query, token.text, token.position);
    }
    return syntaxError(
      this.query,
      token.text,
      token.position,
      `expected ${expected} but found ${describeToken(token.text)}`,
    );
  }
}

function comparisonOperator(token: Token): ComparisonOperator | undefined {
  if (token.kind === "symbol") return SYMBOL_OPERATORS.get(token.text);
  if (token.kind === "identifier") return WORD_OPERATORS.get(token.text.toUpperCase());
  return undefined;
}

function isSymbol(token: Token, text: string): boolean {
  return token.kind === "symbol" && token.text === text;
}
