/** The rules, in the order they are tried; the first that finds a record decides. */
export const MATCH_ORDER = ['cross-reference', 'loyalty-id', 'email', 'phone'] as const;
export type MatchRule = (typeof MATCH_ORDER)[number];

export interface MatchCandidate {
  id: string;
  createdAt: string;
}

export type MatchCandidates = Record<MatchRule, MatchCandidate[]>;

export interface MatchResult {
  id: string;
  rule: MatchRule;
  /** Other records a later rule would have picked: possible duplicates, for an operator to merge. */
  alsoMatched: { id: string; rule: MatchRule }[];
}

const oldestFirst = (a: MatchCandidate, b: MatchCandidate): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * Deterministic identity resolution: exact system cross-reference, then loyalty id, then normalised
 * e-mail, then E.164 phone. Within one rule the oldest record wins (ties by id).
 */
export function chooseMatch(candidates: MatchCandidates): MatchResult | undefined {
  let winner: MatchResult | undefined;
  for (const rule of MATCH_ORDER) {
    for (const c of [...candidates[rule]].sort(oldestFirst)) {
      if (!winner) winner = { id: c.id, rule, alsoMatched: [] };
      else if (c.id !== winner.id && !winner.alsoMatched.some((x) => x.id === c.id)) winner.alsoMatched.push({ id: c.id, rule });
    }
  }
  return winner;
}
