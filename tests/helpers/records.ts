import type { Member } from '../../src/store/schema.js';

/** A member record of community `c`, for store-level tests that need some rows. */
export const memberRecord = (id: string, messageCount = 0): Member => ({
  id: `c/${id}`,
  communityId: 'c',
  userId: id,
  name: id,
  status: 'active',
  role: 'member',
  firstSeen: '2026-11-25T08:00:00.000Z',
  messageCount,
  points: 0,
  streak: 0,
});
