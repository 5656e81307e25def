import { QueryFailedError } from 'typeorm';
import { outageOf } from './outage';

describe('outageOf', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
  it('names PostgreSQL for a server starting up, shutting down or refusing connections', () => {
    expect(outageOf(new QueryFailedError('SELECT 1', [], pgError('57P03', 'the database system is starting up')))).toBe('PostgreSQL');
    expect(outageOf(pgError('57P01', 'terminating connection due to administrator command'))).toBe('PostgreSQL');
    expect(outageOf(pgError('08006', 'connection failure'))).toBe('PostgreSQL');
    expect(outageOf(pgError('53300', 'sorry, too many clients already'))).toBe('PostgreSQL');
    expect(outageOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe('PostgreSQL');
    expect(outageOf(new Error('Connection terminated unexpectedly'))).toBe('PostgreSQL');
    expect(outageOf(new Error('timeout exceeded when trying to connect'))).toBe('PostgreSQL');
  });
  it('names Redis for what ioredis throws', () => {
    expect(outageOf(Object.assign(new Error('Reached the max retries per request limit (which is 1).'), { name: 'MaxRetriesPerRequestError' }))).toBe('Redis');
    expect(outageOf(new Error('Connection is closed.'))).toBe('Redis');
  });
  it('leaves every other error alone', () => {
    expect(outageOf(pgError('23505', 'duplicate key value violates unique constraint'))).toBeNull();
    expect(outageOf(pgError('40P01', 'deadlock detected'))).toBeNull();
    expect(outageOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(outageOf(undefined)).toBeNull();
    expect(outageOf('a string')).toBeNull();
  });
});
