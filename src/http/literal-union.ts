import { Type, type TLiteral, type TUnion } from 'typebox';

/** `Type.Union` of one literal per value of a shared list (src/shared/enums.ts), keeping the tuple's types. */
export function literalUnion<const T extends readonly string[]>(values: T, options?: Parameters<typeof Type.Union>[1]): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v)), options) as never;
}
