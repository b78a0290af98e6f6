import { z } from 'zod';
import { isoTime } from './time.js';

/**
 * The web dashboard's access records (dashboard/): login links an admin asked for in the chat, the
 * browser sessions they opened, and the read-only API tokens of a community's own tools. No secret is
 * kept: each record is found by the SHA-256 of its secret (hex), which is also its id, so a copy of
 * the store lets nobody in. Times are ISO strings in UTC.
 */

/** A one-time login link (`/dashboard`): single use, short-lived, bound to one user and community. */
export const DashboardLinkSchema = z.object({
  id: z.string(), // SHA-256 (hex) of the link's token
  communityId: z.string(),
  /** The platform user it was given to (their id on the community's platform). */
  userId: z.string(),
  name: z.string(),
  createdAt: isoTime,
  expiresAt: isoTime,
  /** Set when the link was opened: a second opening is refused. */
  usedAt: isoTime.optional(),
});
export type DashboardLink = z.infer<typeof DashboardLinkSchema>;

/** A browser session opened with a login link: the cookie holds the secret, the store its hash. */
export const DashboardSessionSchema = z.object({
  id: z.string(), // SHA-256 (hex) of the session cookie's secret
  /** The community the session looks at now (the switcher changes it among the user's groups). */
  communityId: z.string(),
  /** The platform the user is on and their id there: admin rights are checked with it. */
  platform: z.string(),
  userId: z.string(),
  name: z.string(),
  createdAt: isoTime,
  /** The session ends then at the latest, however active (DASHBOARD_SESSION, default 12 h). */
  expiresAt: isoTime,
  /** Last time the platform confirmed the user is an admin of communityId. */
  checkedAt: isoTime,
  /** Set by logout, or when the platform said the user is no longer an admin. */
  endedAt: isoTime.optional(),
  endReason: z.enum(['logout', 'not_admin', 'expired']).optional(),
});
export type DashboardSession = z.infer<typeof DashboardSessionSchema>;

/** A read-only API token of one community (`/apitoken`): shown once when made, kept as its hash. */
export const ApiTokenSchema = z.object({
  id: z.string(), // SHA-256 (hex) of the token
  communityId: z.string(),
  /** Short public handle (`T1`, `T2` …) the admins revoke it by; never the secret. */
  no: z.number().int().positive(),
  /** What the admin called it (`sheets`, `erp`). */
  label: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: isoTime,
  revokedAt: isoTime.optional(),
  revokedBy: z.string().optional(),
  lastUsedAt: isoTime.optional(),
  /** API calls made with it (each is also logged). */
  calls: z.number().int().nonnegative().default(0),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
