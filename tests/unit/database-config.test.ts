import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

/** DATABASE_URL and STORE_STANDBY as an operator writes them: a bad one stops start-up, in words, never echoing a password. */

const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('DATABASE_URL', () => {
  it('accepts a PostgreSQL URL naming its database, and an empty one means the JSON store', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://tuanbot:s3cret@db:5432/tuanbot' }).DATABASE_URL).toBe(
      'postgres://tuanbot:s3cret@db:5432/tuanbot',
    );
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/tuanbot' }).DATABASE_URL).toBe(
      'postgresql://db/tuanbot',
    );
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    ['mysql://root:hunter2@db/shop', 'expected a PostgreSQL URL'],
    ['postgress://postgres:hunter2@db/x', 'expected a PostgreSQL URL'],
    ['postgres://postgres:hunter2@127.0.0.1:5432', 'names no database'],
    ['postgres://postgres:hunter2@127.0.0.1:54x2/db', 'not a valid URL'],
    ['postgres://u:hunter2#x@127.0.0.1:5432/db', 'holds a # (write it %23'],
  ])('refuses %s (%s) without showing the password', (url, reason) => {
    const message = refusal({ DATABASE_URL: url });
    expect(message).toContain(`DATABASE_URL=`);
    expect(message).toContain(reason);
    expect(message).not.toContain('hunter2');
  });
});

describe('STORE_STANDBY', () => {
  it('stands by only with a database: the JSON store has no lease to wait for', () => {
    expect(loadConfig({ STORE_STANDBY: '1', DATABASE_URL: 'postgres://db/tuanbot' }).STORE_STANDBY).toBe(
      true,
    );
    expect(loadConfig({}).STORE_STANDBY).toBe(false);
    expect(refusal({ STORE_STANDBY: '1' })).toContain('a standby needs DATABASE_URL');
    expect(refusal({ STORE_STANDBY: 'yes', DATABASE_URL: 'postgres://db/tuanbot' })).toContain(
      'set 1 to stand by',
    );
  });
});
