import { z } from 'zod';
import type { Tier } from './tiers.js';

/**
 * What a members table may be asked (the dashboard's query string, the API's): filters, sort, page.
 * Read from text with zod; a value it refuses is a typed refusal naming the field, worded by the
 * caller. Nothing here knows HTTP.
 */

export const TIERS: readonly Tier[] = ['core', 'ordinary', 'marginal'];
export const MEMBER_SORT_KEYS = ['name', 'tier', 'points', 'lastActive', 'joinedAt', 'referrals'] as const;
export type MemberSortKey = (typeof MEMBER_SORT_KEYS)[number];
export const MEMBER_STATUSES = ['active', 'left', 'removed', 'all'] as const;
/** The most rows one page holds: a page of a 100,000-member community stays one screenful away. */
export const MAX_PAGE_SIZE = 200;
/** Rows on a page when the query names no page size. */
export const DEFAULT_PAGE_SIZE = 50;

const yesNo = z.enum(['yes', 'no', 'true', 'false']).transform((v) => v === 'yes' || v === 'true');

const schema = z.object({
  /** Part of a name (look-alike letters and case aside) or a whole user id. */
  name: z.string().trim().min(1).max(64).optional(),
  tier: z.enum(['core', 'ordinary', 'marginal']).optional(),
  /** Prune candidates only (true), or members who are not (false). */
  candidate: yesNo.optional(),
  /** Members now in the group (default), those who left or were removed, or everyone. */
  status: z.enum(MEMBER_STATUSES).default('active'),
  sort: z.enum(MEMBER_SORT_KEYS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  /** 1-based; a page past the last shows the last. */
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).default(DEFAULT_PAGE_SIZE),
});

/** A members query, read and defaulted. */
export type MemberQuery = z.output<typeof schema>;
export type MemberQueryField = keyof MemberQuery;

/**
 * Why a query was refused (the same shapes as the orders table's, order-table.ts): a value that
 * cannot be read (an unknown tier or sort key, a number that is not one), or a page too big.
 */
export type MemberQueryRefusal =
  | { kind: 'bad_value'; field: MemberQueryField; value: string }
  | { kind: 'page_too_big'; asked: number; max: number };

/**
 * Reads a query from text values (a query string: `{ tier: 'core', pageSize: '500' }`). Empty
 * values (a form's blank field) are absent; unknown keys are ignored. The first bad field refuses
 * the whole query; a pageSize above MAX_PAGE_SIZE is `page_too_big`.
 */
export function readMemberQuery(
  raw: Readonly<Record<string, unknown>>,
): { kind: 'query'; query: MemberQuery } | MemberQueryRefusal {
  const given = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => !(typeof v === 'string' && v.trim() === '') && v !== undefined),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'name') as MemberQueryField;
    return { kind: 'bad_value', field, value: String(raw[field] ?? '') };
  }
  if (parsed.data.pageSize > MAX_PAGE_SIZE)
    return { kind: 'page_too_big', asked: parsed.data.pageSize, max: MAX_PAGE_SIZE };
  return { kind: 'query', query: parsed.data };
}
