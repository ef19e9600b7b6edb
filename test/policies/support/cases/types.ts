/**
 * Resource-rule tables: a compliant fixture from the world and one change per
 * way of failing; passing variants pin the exceptions a rule allows.
 */

import type { AnyRule } from "../../../../policies/rule.js";

type Change = (inputs: Record<string, any>) => void;

export interface Variant {
  name: string;
  change: Change;
  /** Part of the expected message. */
  message?: RegExp;
}

export interface ResourceCase {
  rule: Extract<AnyRule, { kind: "resource" }>;
  /** Logical name of the compliant resource in the world. */
  fixture: string;
  failing: Variant[];
  passing?: Variant[];
}
