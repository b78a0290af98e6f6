import { isoTime } from '../core/clock.js';
import type { Consent, Purpose } from '../store/schema.js';
import { PurposeSchema } from '../store/schema.js';
import type { Tables } from '../store/tables.js';
import type { Tx } from '../store/tx.js';
import { dropOwedOffers } from './offers-owed.js';

/**
 * The consent ledger: each purpose that is not needed to fulfil an order is off until the member
 * turns it on, and every grant and withdrawal is appended with its time and the version of the
 * wording the member saw. The newest entry per purpose is in force, and is read at the moment of
 * each use, so a withdrawal stops the use at once. Refusing never blocks ordering: no order path
 * reads this. Plain functions, typed outcomes, no chat text.
 */

/** Every purpose, in the order /privacy lists them. */
export const PURPOSES: readonly Purpose[] = PurposeSchema.options;

/**
 * The version of each purpose's wording (commands/privacy-text.ts). Bump a purpose's version when
 * what it uses or does changes: entries keep the version they were given under.
 */
export const PURPOSE_VERSIONS: Readonly<Record<Purpose, string>> = {
  history: '2026-12-01',
  offers: '2026-12-01',
  leaderboard: '2026-12-01',
  reviews: '2026-12-01',
};

/** A member's entries for one purpose, oldest first. */
function entriesOf(tables: Tables, communityId: string, userId: string, purpose?: Purpose): Consent[] {
  const all = tables.consents.by('member', `${communityId}/${userId}`);
  const mine = purpose ? all.filter((c) => c.purpose === purpose) : all;
  return mine.sort((a, b) => a.seq - b.seq || a.at.localeCompare(b.at));
}

/** The entry in force for a purpose, or undefined when the member never said (off). */
export function consentEntry(
  tables: Tables,
  communityId: string,
  userId: string,
  purpose: Purpose,
): Consent | undefined {
  const entries = entriesOf(tables, communityId, userId, purpose);
  return entries[entries.length - 1];
}

/** Whether a member allows a purpose now: off unless their newest entry for it is a grant. */
export function hasConsent(tables: Tables, communityId: string, userId: string, purpose: Purpose): boolean {
  return consentEntry(tables, communityId, userId, purpose)?.granted === true;
}

/** Each purpose and whether it is on now, in PURPOSES order. */
export function consentsOf(
  tables: Tables,
  communityId: string,
  userId: string,
): { purpose: Purpose; on: boolean; since?: string; version?: string }[] {
  return PURPOSES.map((purpose) => {
    const entry = consentEntry(tables, communityId, userId, purpose);
    return entry?.granted
      ? { purpose, on: true, since: entry.at, version: entry.version }
      : { purpose, on: false, ...(entry ? { since: entry.at, version: entry.version } : {}) };
  });
}

/** Every entry of a member, oldest first (for /mydata). */
export function consentHistory(tables: Tables, communityId: string, userId: string): Consent[] {
  return entriesOf(tables, communityId, userId);
}

export type ConsentOutcome =
  | { kind: 'granted'; entry: Consent }
  | { kind: 'withdrawn'; entry: Consent }
  /** Already so: nothing is written. */
  | { kind: 'unchanged'; on: boolean };

/**
 * Turns a purpose on or off for a member, appending an entry (time, the purpose's current wording
 * version, where it was said). Saying what is already so writes nothing.
 */
export function setConsent(
  tx: Tx,
  communityId: string,
  userId: string,
  purpose: Purpose,
  granted: boolean,
  now: Date,
  via: Consent['via'],
): ConsentOutcome {
  const entries = entriesOf(tx.tables, communityId, userId, purpose);
  const last = entries[entries.length - 1];
  if ((last?.granted ?? false) === granted) return { kind: 'unchanged', on: granted };
  const seq = (last?.seq ?? 0) + 1;
  const entry = tx.put('consents', {
    id: `${communityId}/${userId}|${purpose}|${seq}`,
    communityId,
    userId,
    purpose,
    granted,
    at: isoTime(now),
    version: PURPOSE_VERSIONS[purpose],
    via,
    seq,
  });
  // Withdrawn offers stop at once: those still waiting to go out are never sent.
  if (!granted && purpose === 'offers') dropOwedOffers(tx, communityId, userId);
  return granted ? { kind: 'granted', entry } : { kind: 'withdrawn', entry };
}

/**
 * Withdraws every purpose the member has on, one entry each with `via` (e.g. `forget`, or
 * `/privacy off all`); purposes already off get no entry. Returns the purposes withdrawn.
 */
export function withdrawAll(
  tx: Tx,
  communityId: string,
  userId: string,
  now: Date,
  via: Consent['via'],
): Purpose[] {
  return PURPOSES.filter(
    (purpose) => setConsent(tx, communityId, userId, purpose, false, now, via).kind === 'withdrawn',
  );
}
