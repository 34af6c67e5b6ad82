import { chooseMatch, MatchCandidates } from './customer-match';

const none: MatchCandidates = { 'cross-reference': [], 'loyalty-id': [], email: [], phone: [] };

describe('chooseMatch', () => {
  it('finds nothing without candidates', () => expect(chooseMatch(none)).toBeUndefined());
  it('prefers a cross-reference over loyalty id, e-mail and phone, and reports the others as possible duplicates', () => {
    const r = chooseMatch({
      ...none,
      'cross-reference': [{ id: 'x', createdAt: '2026-02' }],
      email: [{ id: 'e', createdAt: '2026-01' }],
      phone: [{ id: 'x', createdAt: '2026-02' }],
    });
    expect(r).toEqual({ id: 'x', rule: 'cross-reference', alsoMatched: [{ id: 'e', rule: 'email' }] });
  });
  it('prefers loyalty id over e-mail, and e-mail over phone', () => {
    expect(chooseMatch({ ...none, 'loyalty-id': [{ id: 'l', createdAt: '2' }], email: [{ id: 'e', createdAt: '1' }] })?.rule).toBe(
      'loyalty-id',
    );
    expect(chooseMatch({ ...none, email: [{ id: 'e', createdAt: '2' }], phone: [{ id: 'p', createdAt: '1' }] })?.id).toBe('e');
  });
  it('takes the oldest record within a rule, ties broken by id, whatever the input order', () => {
    const cands = [
      { id: 'b', createdAt: '2026-01-02' },
      { id: 'c', createdAt: '2026-01-01' },
      { id: 'a', createdAt: '2026-01-01' },
    ];
    expect(chooseMatch({ ...none, email: cands })?.id).toBe('a');
    expect(chooseMatch({ ...none, email: [...cands].reverse() })?.id).toBe('a');
  });
});
