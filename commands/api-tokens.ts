import { z } from 'zod';
import { chatOf } from '../src/core/bot.js';
import { defineCommand, helpText } from '../src/core/command.js';
import type { GroupContext } from '../src/core/context.js';
import type { Feature } from '../src/core/feature.js';
import { formatTime } from '../src/core/format.js';
import type { Locale } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import type { DeliveryHandler } from '../src/core/outbox.js';
import {
  createApiToken,
  listApiTokens,
  MAX_TOKEN_LABEL,
  parseTokenHandle,
  revokeApiToken,
  tokenHandle,
} from '../src/services/api-tokens.js';
import type { AuditEntry, Community } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { apiTokenText } from './api-token-text.js';
import { paymentText } from './payment-text.js';

/**
 * Read-only API tokens for a community's own tools (`/apitoken`, 接口令牌): an admin makes one,
 * lists them, revokes one. The secret goes to the admin privately, once, and nowhere else (not the
 * group, not the log); where the platform will not open that private chat, the token is not made,
 * or (refused only when the message goes out) revoked at once, and the group is told.
 */

/** The private message with a secret was accepted: fold the journal so the secret leaves the disk. */
export const API_TOKEN_DELIVERED = 'apitoken.delivered';
/** The private message with a secret was refused. args: `community` (id), `no` (the token's number). */
export const API_TOKEN_UNREACHABLE = 'apitoken.unreachable';

const actor = (ctx: GroupContext) => ({ userId: ctx.sender.id, name: ctx.sender.name });

export const apiTokenNew = defineCommand({
  name: 'apitoken new',
  keywords: ['接口令牌 新建', '新建接口令牌'],
  role: 'admin',
  scope: 'group',
  // The secret is the sender's to keep: an anonymous admin has no private chat to receive it.
  personal: true,
  args: z.object({ name: z.string().max(200) }),
  positional: ['name'],
  rest: 'name',
  help: helpText(
    'make a read-only API token for a spreadsheet, BI or shop system; I send it to you privately, once',
    '为表格、报表或商城系统创建只读接口令牌；令牌只私信发给你一次',
    '/apitoken new NAME',
    ['/apitoken new sheets', '接口令牌 新建 表格'],
    '接口令牌 新建 名字',
  ),
  run(ctx, args) {
    const t = apiTokenText(ctx.locale);
    // Where no private chat exists, ctx.dm would post in the group: the secret must not go there.
    const direct = ctx.chat.kind === 'direct' ? ctx.chat : ctx.adapter.directChat?.(ctx.sender.id);
    if (!direct) return ctx.reply(t.noPrivateChat);
    const outcome = ctx.mutate((tx) =>
      createApiToken(tx, ctx.community.id, args.name, actor(ctx), ctx.clock.now()),
    );
    if (outcome.kind === 'bad_label') return ctx.reply(t.badLabel(MAX_TOKEN_LABEL));
    if (outcome.kind === 'too_many') return ctx.reply(t.tooMany(outcome.max));
    const { token, secret } = outcome;
    const label = showName(token.label);
    const api = ctx.dashboardUrl && `${ctx.dashboardUrl.replace(/\/+$/, '')}/api/v1`;
    const text = [
      t.secretIntro(token.no, label, showName(ctx.community.title)),
      // The header as it is sent (code, not words): the secret stands alone after `Bearer`.
      `Authorization: Bearer ${secret}`,
      api ? t.secretWhere(api) : t.notServed,
      t.secretRevoke(token.no),
    ].join('\n');
    ctx.dm(
      { kind: 'text', text },
      {
        onDelivered: { name: API_TOKEN_DELIVERED },
        onUnreachable: {
          name: API_TOKEN_UNREACHABLE,
          args: { community: ctx.community.id, no: String(token.no) },
        },
      },
    );
    if (ctx.chat.kind !== 'direct') ctx.reply(t.sentPrivately(token.no, label));
  },
});

export const apiTokenList = defineCommand({
  name: 'apitoken list',
  aliases: ['apitoken', 'apitokens'],
  keywords: ['接口令牌', '接口令牌 列表'],
  role: 'admin',
  scope: 'group',
  args: z.object({}),
  help: helpText(
    'the live API tokens: name, who made them, calls and last use (never the secret)',
    '有效的接口令牌：名称、创建人、调用次数和最近使用时间（不显示令牌本身）',
    '/apitoken list',
    [],
    '接口令牌',
  ),
  run(ctx) {
    const t = apiTokenText(ctx.locale);
    const all = listApiTokens(ctx.tables, ctx.community.id, true);
    const live = all.filter((x) => !x.revokedAt);
    const revoked = all.length - live.length;
    if (live.length === 0) return ctx.reply(revoked ? [t.none, t.revokedCount(revoked)].join('\n') : t.none);
    const tz = ctx.community.timezone;
    const lines = live.map((x) =>
      t.listLine(
        x.no,
        showName(x.label),
        formatTime(x.createdAt, tz),
        showName(x.createdByName),
        x.calls,
        x.lastUsedAt && formatTime(x.lastUsedAt, tz),
      ),
    );
    ctx.reply([t.listHeader, ...lines, ...(revoked ? [t.revokedCount(revoked)] : [])].join('\n'));
  },
});

export const apiTokenRevoke = defineCommand({
  name: 'apitoken revoke',
  aliases: ['apitoken delete'],
  keywords: ['接口令牌 撤销', '撤销接口令牌'],
  role: 'admin',
  scope: 'group',
  args: z.object({ no: z.string().max(20) }),
  positional: ['no'],
  help: helpText(
    'revoke an API token at once: the tool using it is refused from its next call',
    '立即撤销接口令牌：使用它的系统下次调用即被拒绝',
    '/apitoken revoke T1',
    ['/apitoken revoke T1', '接口令牌 撤销 T1'],
    '接口令牌 撤销 T1',
  ),
  run(ctx, args) {
    const t = apiTokenText(ctx.locale);
    const no = parseTokenHandle(args.no);
    if (no === undefined) return ctx.reply(t.badHandle(args.no));
    const outcome = ctx.mutate((tx) => revokeApiToken(tx, ctx.community.id, no, actor(ctx), ctx.clock.now()));
    if (outcome.kind === 'no_token') {
      const live = listApiTokens(ctx.tables, ctx.community.id).map(tokenHandle);
      return ctx.reply(t.unknown(no, live.join(ctx.locale === 'zh' ? '、' : ', ')));
    }
    const label = showName(outcome.token.label);
    ctx.reply(outcome.kind === 'revoked' ? t.revoked(no, label) : t.alreadyRevoked(no, label));
  },
});

const apiTokenDelivery: Record<string, DeliveryHandler> = {
  // The message (and the secret in it) was in the store while it waited; now its record is deleted
  // in this transaction: rewrite the journal so no file keeps the secret (as /forget does).
  [API_TOKEN_DELIVERED]: (ctx) => ctx.mutate((tx) => tx.erasesPersonalData()),
  [API_TOKEN_UNREACHABLE]: (ctx, args) => {
    const community = ctx.tables.communities.get(args.community ?? '');
    const no = Number(args.no);
    if (!community || !Number.isInteger(no)) return;
    const outcome = ctx.mutate((tx) => {
      tx.erasesPersonalData();
      return revokeApiToken(tx, community.id, no, 'auto', ctx.clock.now(), 'undelivered');
    });
    if (outcome.kind !== 'revoked') return;
    const t = apiTokenText(community.locale);
    const text = t.undelivered(showName(outcome.token.createdByName), no, ctx.adapter.botLink?.());
    ctx.send(chatOf(community), { kind: 'text', text });
  },
};

/**
 * An API token action of `/audit` as one line, worded like money's: `2026-11-25 16:00 made API token
 * T1 "sheets" · boss — by boss`; undefined for other actions. `at`, `by`: as the group reads them.
 */
export function apiTokenAuditLine(
  locale: Locale,
  _tables: Tables,
  _community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (entry.action !== 'api_token_created' && entry.action !== 'api_token_revoked') return undefined;
  const t = apiTokenText(locale);
  const no = parseTokenHandle(entry.ref ?? '') ?? 0;
  const what =
    entry.action === 'api_token_created'
      ? t.auditCreated(no, showName(entry.reason ?? ''))
      : entry.reason === 'undelivered'
        ? t.auditUndelivered(no)
        : t.auditRevoked(no);
  // `auto`: the bot revoked a token whose secret it could not deliver.
  return paymentText(locale).audit(at, what, showName(entry.name), entry.by === 'auto' ? t.theBot : by);
}

export const apiTokensFeature: Feature = {
  name: 'apiTokens',
  commands: [apiTokenNew, apiTokenList, apiTokenRevoke],
  messages: [apiTokenText],
  delivery: apiTokenDelivery,
};
