import { expect } from 'vitest';
import { features } from '../../../commands/index.js';
import { coreText } from '../../../src/core/messages.js';
import type { Referral } from '../../../src/store/schema.js';
import type { Tables } from '../../../src/store/tables.js';

/**
 * One group-buy conversation, written once as data and played through every adapter (Telegram,
 * Discord, WeChat against their fakes with the real SDKs, and the console as a process). Every
 * platform must end with the same store, seen through `project`.
 */

/** The people of the scenario; each driver maps them to its platform's users. */
export type Person = 'owner' | 'alice' | 'bob' | 'carol';
export const PEOPLE: readonly Person[] = ['owner', 'alice', 'bob', 'carol'];

/** A driver's own spelling of a step, where the platform's users write differently. */
export type Platform = 'telegram' | 'discord' | 'wechat' | 'console';

export type Step =
  | {
      kind: 'say';
      who: Person;
      text: string;
      /** What this platform's users would type instead (WeChat users do not type slashes). */
      on?: Partial<Record<Platform, string>>;
      /** Where the platform has native slash commands (Discord), send it as one. */
      slash?: boolean;
      /** The bot's answer is kept under this name for checks. */
      keep?: string;
      /** The step must not change deals, orders, points, invites or referrals. */
      changesNothing?: boolean;
    }
  | { kind: 'invite'; who: Person }
  | { kind: 'join'; who: Person; via: Person };

export const SCENARIO: readonly Step[] = [
  // Every group speaks English from here, so the texts compare equal (WeChat starts in Chinese).
  { kind: 'say', who: 'owner', text: '/lang en' },
  { kind: 'say', who: 'owner', text: '/help', on: { wechat: '帮助' }, keep: 'help' },
  { kind: 'say', who: 'owner', text: '/help admin', on: { wechat: '帮助 管理' }, keep: 'adminHelp' },
  { kind: 'say', who: 'owner', text: '/deal new "Mangoes" price=10 min=2 stock=5' },
  { kind: 'say', who: 'alice', text: '/deals', slash: true, keep: 'deals' },
  { kind: 'invite', who: 'alice' },
  { kind: 'join', who: 'bob', via: 'alice' },
  { kind: 'say', who: 'alice', text: '+1' },
  { kind: 'say', who: 'bob', text: '接龙 2' },
  { kind: 'say', who: 'carol', text: '+1 for this idea' },
  { kind: 'say', who: 'bob', text: '/deal close #1', keep: 'refusal', changesNothing: true },
  { kind: 'say', who: 'owner', text: '/deal close #1' },
  { kind: 'say', who: 'owner', text: '/paid #1 bob' },
  { kind: 'say', who: 'alice', text: '/checkin' },
];

/** What a platform must do for the scenario; every call returns once the bot has finished with it. */
export interface Driver {
  readonly platform: Platform;
  /** Says text as person; resolves with every text the bot posted in answer. */
  say(who: Person, text: string, slash: boolean): Promise<string[]>;
  /** The person joins the group through the invite (link or code) another person got. */
  join(who: Person, via: Person, invite: string): Promise<void>;
  /** The store as it is now (for the console: after the process ended). */
  tables(): Tables | Promise<Tables>;
  /** The platform user id behind each person. */
  readonly ids: Record<Person, string>;
}

/** What the run produced besides the store: the posts answering the kept steps, and the invite used. */
export interface Played {
  kept: Record<string, string[]>;
  invite: string;
}

/** Reads alice's invite from the bot's answer: the link where the platform makes one, else the code. */
export function inviteFrom(answer: string): string {
  const link = /Your invite link: (\S+)/.exec(answer)?.[1];
  const code = /Your invite code: ([A-Za-z0-9]+)/.exec(answer)?.[1];
  const found = link ?? code;
  if (!found) throw new Error(`no invite in the answer: ${answer}`);
  return found;
}

/** Plays the scenario step by step through a driver. */
export async function play(driver: Driver): Promise<Played> {
  const kept: Record<string, string[]> = {};
  const invites = new Map<Person, string>();
  for (const step of SCENARIO) {
    if (step.kind === 'invite') {
      const answer = (await driver.say(step.who, '/invite', false)).join('\n');
      invites.set(step.who, inviteFrom(answer));
    } else if (step.kind === 'join') {
      const invite = invites.get(step.via);
      if (!invite) throw new Error(`${step.via} has no invite yet`);
      await driver.join(step.who, step.via, invite);
    } else {
      const before = step.changesNothing ? durable(await driver.tables()) : undefined;
      const text = step.on?.[driver.platform] ?? step.text;
      const answer = await driver.say(step.who, text, step.slash === true);
      if (step.keep) kept[step.keep] = answer;
      if (before !== undefined)
        expect(durable(await driver.tables()), `${text} changed nothing`).toBe(before);
    }
  }
  return { kept, invite: invites.get('alice') ?? '' };
}

/** The records a refused command must leave alone (messages still count activity). */
function durable(tables: Tables): string {
  const { deals, orders, ledger, invites, referrals, communities } = tables;
  return JSON.stringify([deals, orders, ledger, invites, referrals, communities].map((t) => [...t.values()]));
}

/** The store seen without platform ids, times or message ids: what must be equal everywhere. */
export function project(tables: Tables, ids: Record<Person, string>) {
  const person = (userId: string) => PEOPLE.find((p) => ids[p] === userId) ?? `unknown:${userId}`;
  const deals = [...tables.deals.values()];
  const orders = [...tables.orders.values()].filter((o) => o.status === 'active');
  const members = [...tables.members.values()];
  const balances = Object.fromEntries(members.map((m) => [person(m.userId), m.points] as const).sort());
  // What /whoami shows as "Invited by", which must agree with the referral.
  const invitedBy = Object.fromEntries(
    members.filter((m) => m.invitedBy).map((m) => [person(m.userId), person(m.invitedBy!)] as const),
  );
  return {
    deals: deals.map((d) => ({
      no: d.no,
      title: d.title,
      status: d.status,
      priceCents: d.priceCents,
      sold: d.sold,
      buyers: d.buyers,
    })),
    orders: Object.fromEntries(
      orders.map((o) => [person(o.userId), { qty: o.qty, paid: o.paidAt !== undefined }]),
    ),
    referrals: [...tables.referrals.values()].map((r) => ({
      invitee: person(r.inviteeId),
      inviter: person(r.inviterId),
      source: r.source,
      status: r.status,
    })),
    invitedBy,
    balances,
    ledger: [...tables.ledger.values()]
      .map((e) => `${person(e.userId)} ${e.delta > 0 ? '+' : ''}${e.delta} ${e.reason}`)
      .sort(),
  };
}

/** The one outcome every platform must reach; only how bob's inviter was known differs. */
export function expectedOutcome(source: Referral['source']): ReturnType<typeof project> {
  return {
    deals: [{ no: 1, title: 'Mangoes', status: 'closed', priceCents: 1000, sold: 3, buyers: 2 }],
    orders: { alice: { qty: 1, paid: false }, bob: { qty: 2, paid: true } },
    referrals: [{ invitee: 'bob', inviter: 'alice', source, status: 'pending' }],
    invitedBy: { bob: 'alice' },
    balances: { alice: 21, bob: 10, carol: 0, owner: 0 },
    ledger: ['alice +1 checkin', 'alice +20 referral_order', 'bob +10 welcome'],
  };
}

/** Checks the answers every platform must have posted: the owner's whole help, and the refusal. */
export function expectAnswers(played: Played): void {
  const t = coreText('en');
  expect(played.kept.refusal).toContain(t.needsRole({ name: 'deal close' }, 'admin'));
  // A long help may arrive in several posts, split at line breaks.
  const members = (played.kept.help ?? []).join('\n');
  expect(members.split('\n')[0]).toBe('Commands (send /help NAME for details):');
  expect(members).toContain('For admins: send /help admin'); // the owner is pointed to theirs
  const admins = (played.kept.adminHelp ?? []).join('\n');
  expect(admins.split('\n')[0]).toBe('For admins:');
  for (const feature of features)
    for (const spec of feature.commands ?? [])
      if (spec.scope !== 'direct')
        expect(spec.role === 'member' ? members : admins).toContain(
          `/${spec.name} — ${spec.help.en.summary}`,
        );
  expect(played.kept.deals?.join('\n')).toContain('#1 Mangoes');
}
