import { features } from '../../commands/index.js';
import type { CommandSpec } from '../../src/core/command.js';

/**
 * One plausible argument line per admin (or owner) command, written so that it WOULD change
 * something if an admin sent it in the matrix's group (deal #1 is open, `@OTHER` stands for a
 * member with an order and points; the tests put the other member's display name in its place).
 * A new admin command without a line here fails the authorization matrix.
 */
export const ADMIN_LINES: Record<string, string> = {
  lang: '/lang zh',
  tz: '/tz Asia/Shanghai',
  settings: '/settings currency=$ tz=Asia/Shanghai points.checkin=5',
  'topic list': '/topic list',
  'topic add': '/topic add "Which fruit next? {open_deals} open now"',
  'topic remove': '/topic remove 1',
  'topic now': '/topic now',
  'topic schedule': '/topic schedule daily 20:00',
  'topic off': '/topic off',
  prune: '/prune',
  'prune warn': '/prune warn',
  'prune confirm': '/prune confirm',
  exempt: '/exempt @OTHER',
  unexempt: '/unexempt @OTHER',
  audit: '/audit',
  'deal new': '/deal new "Durian" price=88.8 min=3 stock=20 limit=2 ends=48h unit=box options="S,L"',
  'deal edit': '/deal edit #1 stock=50 price=9.9 reprice=new',
  'deal close': '/deal close #1',
  'deal cancel': '/deal cancel #1',
  'deal copy': '/deal copy #1 stock=10',
  'template save': '/template save #1 Durian',
  templates: '/templates',
  'template delete': '/template delete Durian',
  orders: '/orders #1 csv',
  sheet: '/sheet #1 csv',
  waitlist: '/waitlist #1',
  // `/paid #1` is a member's claim; `/paid #1 @OTHER` from a member is refused (tests/commands/payments.test.ts).
  confirm: '/confirm #1 all',
  reject: '/reject #1 @OTHER no transfer received',
  refund: '/refund #1 @OTHER 5 bruised',
  delivered: '/delivered #1 @OTHER',
  // `/arrived`, `/picking`, `/done` are members' too (a point's keeper): tests/commands/fulfilment.test.ts.
  shipped: '/shipped #1 waybill SF123',
  short: '/short #1 @OTHER 1',
  'pickup add': '/pickup add "东门驿站" times="周六 10:00-12:00" keeper=@OTHER',
  'pickup edit': '/pickup edit 1 times="周日 9:00-11:00"',
  'pickup remove': '/pickup remove 1',
  // `/verify CODE` is a member command (verifiers are members): tests/commands/pickup-verify.test.ts.
  'verifier list': '/verifier list',
  'verifier add': '/verifier add @OTHER 东门',
  'verifier remove': '/verifier remove @OTHER 东门',
  'pay setup': '/pay setup Alipay 138 0000 0000, note your name',
  'pay off': '/pay off',
  proofs: '/proofs #1',
  award: '/award @OTHER 50 helped at pickup',
  deduct: '/deduct @OTHER 10 duplicate order',
  report: '/report 7d',
  // Reviews are written by members who picked up; admins answer, hide and show them (there is no admin line that writes one).
  'review reply': '/review reply #1 @OTHER thanks for buying',
  'review hide': '/review hide #1 @OTHER phone number in it',
  'review unhide': '/review unhide #1 @OTHER',
  // After-sales: tickets are opened by members (none exists in the matrix's group, so each line
  // names T1; a member's refusal must come before "no such ticket"). `/ticket close` is a member's too.
  tickets: '/tickets',
  ticket: '/ticket T1',
  'ticket approve': '/ticket approve T1 5 replaced',
  'ticket reject': '/ticket reject T1 photo unclear',
  'ticket reopen': '/ticket reopen T1',
  // The web dashboard's login link and the read-only API's tokens (a member gets neither).
  dashboard: '/dashboard',
  'apitoken new': '/apitoken new sheets',
  'apitoken list': '/apitoken list',
  'apitoken revoke': '/apitoken revoke T1',
  // A leader's network of groups: a code, a join (an unknown code, so a member's refusal must come
  // first), leaving (the matrix's group is in no network). `/report network` is /report's.
  'network add': '/network add',
  'network join': '/network join K7PQ2M',
  'network leave': '/network leave',
};

/** Every command of the registry that needs more than a member's rights. */
export function adminCommands(): CommandSpec[] {
  return features.flatMap((f) => f.commands ?? []).filter((c) => c.role !== 'member');
}

/** The matrix line of a command with its slash name swapped for one of its keywords (`/deal close #1` → `截团 #1`). */
export function keywordLine(spec: CommandSpec, keyword: string): string {
  const line = ADMIN_LINES[spec.name]!;
  return `${keyword}${line.slice(`/${spec.name}`.length)}`;
}
