import type { ArgumentNode, LiteralNode, LiteralValue, OperandNode } from "./query-ast.js";
import { argumentError } from "./query-error.js";
import { isCollection } from "./value-semantics.js";

/** An operand ready for evaluation: a key path to read, or a value fixed at compile time. */
export type BoundOperand =
  | { readonly kind: "keyPath"; readonly path: readonly string[] }
  | {
      readonly kind: "constant";
      readonly value: unknown;
      /** True when `value` is an array that comparisons spread over (list literal or array argument). */
      readonly isList: boolean;
    };

/** Stands in for an `oid(...)`/`uuid(...)` literal so it compares like a bson ObjectId/UUID. */
class IdLiteral {
  constructor(private readonly hex: string) {}

  toHexString(): string {
    return this.hex;
  }
}

/** Resolves literals and `$n` placeholders of an operand against `args`; throws QUERY_ARGUMENT for bad ones. */
export function bindOperand(node: OperandNode, args: readonly unknown[], query: string): BoundOperand {
  switch (node.kind) {
    case "keyPath":
      return { kind: "keyPath", path: node.path };
    case "literal":
      return { kind: "constant", value: literalValue(node.value), isList: false };
    case "argument": {
      const value = argumentValue(node, args, query);
      return isCollection(value)
        ? {
            kind: "constant",
            value: Array.from(value, (item) => checkedScalar(item, node, query)),
            isList: true,
          }
        : { kind: "constant", value, isList: false };
    }
    case "list":
      return {
        kind: "constant",
        value: node.items.map((item) => listItemValue(item, args, query)),
        isList: true,
      };
  }
}

function listItemValue(item: LiteralNode | ArgumentNode, args: readonly unknown[], query: string): unknown {
  if (item.kind === "literal") return literalValue(item.value);
  const value = argumentValue(item, args, query);
  if (isCollection(value)) {
    throw argumentError(
      query,
      item.token,
      item.position,
      `Argument ${item.token} in a list literal cannot itself be a list`,
    );
  }
  return value;
}

function literalValue(value: LiteralValue): unknown {
  return typeof value === "object" && value !== null ? new IdLiteral(value.hex) : value;
}

function argumentValue(node: ArgumentNode, args: readonly unknown[], query: string): unknown {
  if (node.index >= args.length) {
    const count = args.length;
    const problem =
      count === 0
        ? `Request for argument at index ${node.index} but no arguments are provided`
        : `Request for argument at index ${node.index} but only ${count} argument${count === 1 ? " is" : "s are"} provided`;
    throw argumentError(query, node.token, node.position, problem);
  }
  return checkedScalar(args[node.index], node, query);
}

function checkedScalar(value: unknown, node: ArgumentNode, query: string): unknown {
  if (typeof value === "function" || typeof value === "symbol") {
    throw argumentError(
      query,
      node.token,
      node.position,
      `Unsupported ${typeof value} argument for ${node.token}`,
    );
  }
  // An undefined argument means "no value", which Realm stores and compares as null.
  return value === undefined ? null : value;
}
