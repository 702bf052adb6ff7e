// Kept apart from routing.schema.ts (zod) so the console can import the list without bundling zod, whose
// eval probe the console's security policy reports.
/**
 * The categories a rule can ask for: the topics the hub reads from a request's words (billing, technical,
 * sales, complaint: server/routing/rules.ts) and e-mail's PQR kinds (server/protocol/classify-request.ts).
 * The console offers these; the schema still takes any slug, as a category set by hand may be another.
 */
export const ruleCategories = [
  'billing',
  'technical',
  'sales',
  'complaint',
  'petition',
  'claim',
  'suggestion',
] as const;
export type RuleCategory = (typeof ruleCategories)[number];
