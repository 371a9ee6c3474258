/** Comparison operators, with Realm's synonyms (`=`, `<>`, `=<`, `=>`) already folded into these. */
export type ComparisonOperator =
  "==" | "!=" | "<" | "<=" | ">" | ">=" | "BEGINSWITH" | "ENDSWITH" | "CONTAINS" | "LIKE" | "IN";

/** Where a node came from in the query, for error messages. */
export interface SourceSpan {
  /** 0-based offset of the node's first token. */
  readonly position: number;
  /** Source text of the node's first token. */
  readonly token: string;
}

/** An `oid(...)` or `uuid(...)` literal; `hex` is lower-case without dashes. */
export interface IdLiteralValue {
  readonly idType: "objectId" | "uuid";
  readonly hex: string;
}

/** The value of a literal as written in the query. */
export type LiteralValue = string | number | bigint | boolean | null | IdLiteralValue;

/** A property path such as `owner.name`. */
export interface KeyPathNode extends SourceSpan {
  readonly kind: "keyPath";
  readonly path: readonly string[];
}

/** A literal value such as `"rex"`, `-3`, `true`, `null` or `oid(...)`. */
export interface LiteralNode extends SourceSpan {
  readonly kind: "literal";
  readonly value: LiteralValue;
}

/** A `$n` placeholder, bound to `args[n]` at compile time. */
export interface ArgumentNode extends SourceSpan {
  readonly kind: "argument";
  readonly index: number;
}

/** A `{a, b, c}` list literal, only allowed on the right of `IN`. */
export interface ListNode extends SourceSpan {
  readonly kind: "list";
  readonly items: readonly (LiteralNode | ArgumentNode)[];
}

/** Either side of a comparison. */
export type OperandNode = KeyPathNode | LiteralNode | ArgumentNode | ListNode;

/** `left <operator>[c] right`; the span is the operator's. */
export interface ComparisonNode extends SourceSpan {
  readonly kind: "comparison";
  readonly operator: ComparisonOperator;
  readonly caseInsensitive: boolean;
  readonly left: OperandNode;
  readonly right: OperandNode;
}

/** `a && b && ...` (chains are flattened). */
export interface AndNode {
  readonly kind: "and";
  readonly operands: readonly PredicateNode[];
}

/** `a || b || ...` (chains are flattened). */
export interface OrNode {
  readonly kind: "or";
  readonly operands: readonly PredicateNode[];
}

/** `!a` / `NOT a`. */
export interface NotNode {
  readonly kind: "not";
  readonly operand: PredicateNode;
}

/** `TRUEPREDICATE` or `FALSEPREDICATE`. */
export interface ConstantPredicateNode {
  readonly kind: "constant";
  readonly value: boolean;
}

/** Any node that evaluates to true or false for an object. */
export type PredicateNode = ComparisonNode | AndNode | OrNode | NotNode | ConstantPredicateNode;
