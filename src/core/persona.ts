import type { Clock } from './clock.js';
import type { Context } from './context.js';
import type { UserRef } from './events.js';
import { defineMessages, type Locale } from './i18n/index.js';

/**
 * Senders who post for a chat rather than as themselves (UserRef.persona): an anonymous admin, a
 * post made as a channel. They are never members, so they never hold orders, points or invites.
 * An anonymous admin still runs the group's admin commands, and is named "anonymous admin" in
 * what it did; a channel is told, now and then, to post as a person.
 */

export const personaText = defineMessages('persona', {
  en: {
    anonymousAdmin: (signature?: string) =>
      signature ? `anonymous admin (${signature})` : 'anonymous admin',
    ownAccount:
      'Anonymous admins have no account of their own here: to order, check in or see your points, post as yourself. Nothing was changed.',
    privateOnly:
      'That answer goes to a private chat, which anonymous admins do not have: send the command as yourself to get it.',
    channel: 'Posts made as a channel cannot order or use commands here: please post as yourself.',
  },
  zh: {
    anonymousAdmin: (signature?: string) => (signature ? `匿名管理员（${signature}）` : '匿名管理员'),
    ownAccount: '匿名管理员在本群没有自己的账户：下单、签到或查看积分，请以本人身份发言。未做任何更改。',
    privateOnly: '这条回复只能私聊发送，而匿名管理员没有私聊：请以本人身份发送这个命令。',
    channel: '以频道身份发的消息不能下单，也不能使用命令：请以本人身份发言。',
  },
});

/** The id an anonymous admin's actions are recorded under: `anonymous-admin`, or `anonymous-admin:<signature>`. */
const ANONYMOUS = 'anonymous-admin';

/**
 * The sender as handlers see it. An anonymous admin has no user id, so what it does (a deal it
 * opened, an exemption, an award) is recorded under `anonymous-admin[:signature]` and it is named
 * in the group's language; anyone else is the sender as the adapter gave it.
 */
export function actorOf(sender: UserRef, locale: Locale): UserRef {
  const persona = sender.persona;
  if (persona?.kind !== 'anonymous_admin') return sender;
  const { signature } = persona;
  return {
    id: signature ? `${ANONYMOUS}:${signature}` : ANONYMOUS,
    name: personaText(locale).anonymousAdmin(signature),
    ...(sender.role ? { role: sender.role } : {}),
    persona,
  };
}

/** A recorded actor id as people read it (`anonymous admin (Alice)`); undefined for a member's id. */
export function actorLabel(locale: Locale, id: string): string | undefined {
  if (id === ANONYMOUS) return personaText(locale).anonymousAdmin();
  if (id.startsWith(`${ANONYMOUS}:`))
    return personaText(locale).anonymousAdmin(id.slice(ANONYMOUS.length + 1));
  return undefined;
}

/** A chat hears the channel hint at most this often (ms): a channel that posts a lot is not answered each time. */
export const CHANNEL_HINT_EVERY_MS = 10 * 60_000;

/**
 * The hint for posts made as a channel, at most once per CHANNEL_HINT_EVERY_MS in a chat, as a
 * low-priority notice (so it never delays answers to members). Kept in memory: after a restart
 * the next channel post may be told again, which is harmless.
 */
export class ChannelHints {
  private readonly lastAt = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Tells the chat (in the post's topic, replying to it) to post as a person, unless told lately. */
  tell(ctx: Context): void {
    const key = `${ctx.chat.platform}:${ctx.chat.chatId}`;
    const now = this.clock.now().getTime();
    const last = this.lastAt.get(key);
    if (last !== undefined && now - last < CHANNEL_HINT_EVERY_MS) return;
    this.lastAt.set(key, now);
    const { event } = ctx;
    const origin =
      event.type === 'message'
        ? { messageId: event.id, ...(event.threadId !== undefined ? { threadId: event.threadId } : {}) }
        : undefined;
    ctx.sendTo(
      ctx.chat,
      { kind: 'text', text: personaText(ctx.locale).channel },
      { priority: 'notice', ...(origin ? { origin } : {}) },
    );
  }
}
