// The e-mail protocol's first step: "identify the mail as a request / PQR" — a petition (the customer
// asks for something), a complaint (about the service or an employee), a claim (money or a right:
// refund, wrong charge, compensation) or a suggestion. The floor writes Spanish and English; the rules
// are word stems scored over subject and body, the subject counting double. Agents correct the result
// (POST /conversations/:id/category), which the protocol never overwrites.
export const requestCategories = ['petition', 'complaint', 'claim', 'suggestion'] as const;
export type RequestCategory = (typeof requestCategories)[number];

const rules: Record<RequestCategory, RegExp[]> = {
  claim: [
    /\breclam[oaé]/,
    /\bcobr(o|aron|ado)s?\s+(indebid|de\s+m[aá]s|doble|incorrect)/,
    /\b(reembols|devoluci[oó]n|devuelvan|compensaci[oó]n|indemniz|nota\s+de\s+cr[eé]dito)/,
    /\b(refund|reimburs|compensat|overcharg|charged\s+(twice|wrongly|incorrectly)|wrong(ly)?\s+(charge|bill))/,
    /\bclaim/,
  ],
  complaint: [
    /\bquej[ao]/,
    /\b(p[eé]sim[oa]|mal(o|a)?\s+servicio|mala\s+atenci[oó]n|inaceptable|molest[oa]|indignad[oa]|vergüenza)/,
    /\bcomplain/,
    /\b(unacceptable|terrible|awful|disgusted|rude|worst|fed\s+up)/,
  ],
  suggestion: [
    /\bsugiero\b|\bsugerenci|\bpropongo\b|\bser[ií]a\s+(bueno|mejor|[uú]til)/,
    /\bsuggest/,
    /\b(it\s+would\s+be\s+(nice|great|better)|you\s+(could|should)\s+(add|offer|consider)|feature\s+request|idea\b)/,
  ],
  petition: [
    /\b(solicit|quisiera|necesito|requiero|pido|favor\s+de|podr[ií]an|deseo)/,
    /\b(request|please|could\s+you|would\s+like|i\s+need|i\s+want|how\s+(do|can)\s+i)/,
  ],
};

// When two kinds score the same, the one with more at stake for the customer wins.
const precedence: RequestCategory[] = ['claim', 'complaint', 'petition', 'suggestion'];

export function classifyRequest(subject: string | null, text: string | null): RequestCategory {
  const score = (s: string, weight: number, into: Map<RequestCategory, number>) => {
    const lower = s.toLowerCase();
    for (const category of precedence) {
      const hits = rules[category].filter((r) => r.test(lower)).length;
      if (hits) into.set(category, (into.get(category) ?? 0) + hits * weight);
    }
  };
  const scores = new Map<RequestCategory, number>();
  score(subject ?? '', 2, scores);
  score(text ?? '', 1, scores);
  let best: RequestCategory = 'petition'; // a mail to a service desk that says nothing else asks for something
  let bestScore = 0;
  for (const category of precedence) {
    const s = scores.get(category) ?? 0;
    if (s > bestScore) {
      best = category;
      bestScore = s;
    }
  }
  return best;
}
