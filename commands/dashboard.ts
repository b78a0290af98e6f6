import { z } from 'zod';
import { defineCommand, helpText } from '../src/core/command.js';
import type { Feature } from '../src/core/feature.js';
import type { Locale } from '../src/core/i18n/index.js';
import { defineMessages } from '../src/core/i18n/index.js';
import { showName } from '../src/core/names.js';
import { issueLink, LINK_TTL_MS } from '../src/services/dashboard-access.js';
import type { AuditEntry, Community } from '../src/store/schema.js';
import type { Tables } from '../src/store/tables.js';
import { paymentText } from './payment-text.js';

const minutes = LINK_TTL_MS / 60_000;

const text = defineMessages('dashboard', {
  en: {
    off: 'The web dashboard is not turned on for this bot: the operator turns it on with DASHBOARD_PORT.',
    link: (group: string, url: string) =>
      `Your login link to the dashboard of ${group}: it works once, within ${minutes} minutes, for you only — do not forward it.\n${url}`,
    sentPrivately: 'I sent you the dashboard login link privately.',
    auditLogin: 'logged in to the dashboard',
    auditAction: (what: string, values: string) =>
      `in the dashboard, ${values ? `on ${values}: ` : ''}${what}`,
  },
  zh: {
    off: '本机器人未开启网页管理后台，需由运营者开启。',
    link: (group: string, url: string) =>
      `「${group}」管理后台的登录链接：仅限本人使用一次，${minutes}分钟内有效，请勿转发。\n${url}`,
    sentPrivately: '管理后台登录链接已私信发给你。',
    auditLogin: '登录了管理后台',
    auditAction: (what: string, values: string) => `在管理后台${values ? `对 ${values} ` : ''}执行：${what}`,
  },
});

const dashboard = defineCommand({
  name: 'dashboard',
  keywords: ['管理后台', '后台'],
  role: 'admin',
  scope: 'group',
  // The link is bound to the admin's own platform account: an anonymous admin has none.
  personal: true,
  args: z.object({}),
  help: helpText(
    'a one-time login link to the web dashboard (charts, tables, bulk actions), sent privately',
    '网页管理后台的一次性登录链接（图表、表格、批量操作），私信发送',
    '/dashboard',
    ['/dashboard', '管理后台'],
  ),
  run(ctx) {
    const t = text(ctx.locale);
    const base = ctx.dashboardUrl;
    if (base === undefined) return ctx.reply(t.off);
    const { community } = ctx;
    const { secret } = ctx.mutate((tx) =>
      issueLink(tx, community, { id: ctx.sender.id, name: ctx.sender.name }, ctx.clock.now()),
    );
    // Privately only: the link opens the group's money and members. A refused private chat keeps
    // it until the admin writes to the bot (the group is told to); by then it may have expired,
    // and the page says to ask again.
    ctx.dm(
      { kind: 'text', text: text(community.locale).link(community.title, `${base}/login/${secret}`) },
      { onUnreachable: 'hold' },
    );
    if (ctx.chat.kind === 'group') ctx.reply(t.sentPrivately);
  },
});

export const dashboardFeature: Feature = { name: 'dashboard', commands: [dashboard], messages: [text] };

/** A dashboard login in `/audit`: `2026-11-25 16:00 logged in to the dashboard · alice — by alice`. */
export function dashboardAuditLine(
  locale: Locale,
  _tables: Tables,
  _community: Community,
  entry: AuditEntry,
  at: string,
  by: string,
): string | undefined {
  if (entry.action !== 'dashboard_login') return undefined;
  return paymentText(locale).audit(at, text(locale).auditLogin, showName(entry.name), by);
}

/** A command run from the dashboard in `/audit`: `2026-11-25 16:00 in the dashboard, on #1: close a deal now (…) · boss — by boss`. */
export function dashboardActionLine(
  locale: Locale,
  at: string,
  what: string,
  values: string,
  name: string,
): string {
  return paymentText(locale).audit(at, text(locale).auditAction(what, values), name, name);
}
