import type { Locale } from '../../src/core/i18n/index.js';

/** The audit log page's words. */
export interface AuditText {
  title: string;
  empty: string;
  entry: string;
  page: (n: number, of: number) => string;
  newer: string;
  older: string;
  badPage: string;
}

const en: AuditText = {
  title: 'Audit log',
  empty:
    'Nothing recorded yet: removals, exemptions, payments, refunds, pickups, tickets and logins appear here.',
  entry: 'What happened, to whom, by whom',
  page: (n, of) => `Page ${n} of ${of}`,
  newer: '← Newer',
  older: 'Older →',
  badPage: 'There is no such page; showing the first.',
};

const zh: AuditText = {
  title: '操作记录',
  empty: '暂无记录：移除、豁免、收款、退款、提货、售后和登录都会记在这里。',
  entry: '操作内容、对象与操作人',
  page: (n, of) => `第 ${n} / ${of} 页`,
  newer: '← 较新',
  older: '较早 →',
  badPage: '没有这一页，已显示第一页。',
};

export function auditText(locale: Locale): AuditText {
  return locale === 'zh' ? zh : en;
}
