import { DomainError, ErrorCode } from '@weft/problem';
import { isConnectionLoss, waitsOutOutage } from './transient-failure';

const young = new Date().toISOString();
const old = new Date(Date.now() - 48 * 3_600_000).toISOString();

describe('waitsOutOutage', () => {
  it('waits out a system behind that is down, not a rejected event', () => {
    expect(waitsOutOutage(new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'ERP down'), young)).toBe(true);
    expect(waitsOutOutage(new DomainError(ErrorCode.BUSINESS_RULE, 'bad order'), young)).toBe(false);
    expect(waitsOutOutage(new Error('a bug'), young)).toBe(false);
  });

  it('waits out its own database restarting (socket refused, pg shutdown codes, TypeORM-wrapped)', () => {
    expect(waitsOutOutage(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), young)).toBe(true);
    expect(waitsOutOutage(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), young)).toBe(
      true,
    );
    expect(waitsOutOutage({ message: 'Query failed', driverError: new Error('Connection terminated unexpectedly') }, young)).toBe(true);
  });

  it('stops waiting once the event is older than the budget', () => {
    expect(waitsOutOutage(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), old)).toBe(false);
  });

  it('does not take a constraint violation for an outage', () => {
    expect(isConnectionLoss(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
  });
});
