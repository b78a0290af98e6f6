import type { BotStore } from '../store/contract.js';
import { memberId } from '../store/ids.js';
import type { Community, Member } from '../store/schema.js';
import type { Adapter } from './adapter.js';
import { isoTime } from './clock.js';
import type { CommunityRecords } from './community-records.js';
import type { BotEvent, ChatRef, Role } from './events.js';
import type { Locale } from './i18n/index.js';

/** What EventIntake reads of the bot's configuration (see BotConfig). */
export interface IntakeConfig {
  readonly ownerIds: readonly string[];
  readonly locale?: Locale | undefined;
  readonly timezone?: string | undefined;
}

/** An event recorded against its community: `committed` resolves once that write is on disk. */
export type Recorded = {
  community: Community | undefined;
  member: Member | undefined;
  /**
   * A private chat of a member of several groups (no one community): the language they all
   * speak, when they speak one; else undefined (the bot's default).
   */
  locale: Locale | undefined;
  committed: Promise<void>;
};

/**
 * An event's way in, before routing: dedupe by platform id, the community and member bookkeeping,
 * and the sender's role.
 */
export class EventIntake {
  constructor(
    private readonly store: BotStore,
    private readonly config: IntakeConfig,
    private readonly records: CommunityRecords,
  ) {}

  /**
   * Records the event against its community (dedupe, member activity) in one transaction.
   * Throws StoreWriteError when the store is closed.
   */
  record(adapter: Adapter, event: BotEvent, now: Date): 'duplicate' | Recorded {
    const { chat } = event;
    const edit = event.type === 'message' && event.editedAt ? `:edit:${event.editedAt}` : '';
    // A payment is recorded once by its charge id, in the very transaction that records it: marked
    // seen here, before its handler ran, a payment whose handler failed would never be recorded.
    const seenId =
      event.id && event.type !== 'payment_done'
        ? `${chat.platform}:${chat.chatId}:${event.type}:${event.id}${edit}`
        : undefined;
    const { value, committed } = this.store.transact((tx) => {
      if (seenId) {
        if (tx.get('seen', seenId)) return 'duplicate' as const;
        tx.put('seen', { id: seenId, at: isoTime(now) });
      }
      if (chat.kind === 'direct') {
        const mine = this.records.communitiesOf(tx.tables, chat.platform, senderOf(event).id);
        const community = mine.length === 1 ? mine[0] : undefined;
        const member =
          community && event.type !== 'member_joined' && event.type !== 'member_left'
            ? tx.get('members', memberId(community.id, event.sender.id))
            : undefined;
        return { community, member, locale: sharedLocale(mine) };
      }
      const community = this.records.ensureCommunity(
        tx,
        chat,
        { locale: this.config.locale ?? adapter.capabilities.defaultLocale, timezone: this.config.timezone },
        now,
      );
      // A tap on a button is activity like a message: a member who only taps is not a zombie; a
      // command is a message too. An edit is not a new message (see recordMessage).
      // Someone posting as the group or as a channel is nobody's member record (see persona.ts).
      const member =
        (event.type === 'message' || event.type === 'button') && !event.sender.persona
          ? this.records.recordMessage(
              tx,
              community,
              event.sender,
              this.platformRole(event.sender.role, event.sender.id, chat),
              now,
              event.type === 'message' && event.editedAt !== undefined,
            )
          : undefined;
      return { community, member, locale: community.locale };
    });
    if (value === 'duplicate') return value;
    // A fresh literal, not a spread with one more field: V8 takes a slow path for the latter.
    return { community: value.community, member: value.member, locale: value.locale, committed };
  }

  /** The sender's role for this event: owners by configuration, else the platform's word. */
  roleOf(event: BotEvent, member: Member | undefined): Role {
    if (event.type !== 'message' && event.type !== 'button') return 'member';
    // In private the platform does not say; the role last seen in the group stands.
    const platformRole =
      event.chat.kind === 'direct' ? (event.sender.role ?? member?.role) : event.sender.role;
    return this.platformRole(platformRole, event.sender.id, event.chat);
  }

  private platformRole(role: Role | undefined, userId: string, chat: ChatRef): Role {
    if (this.config.ownerIds.includes(userId) || this.config.ownerIds.includes(`${chat.platform}:${userId}`))
      return 'owner';
    return role ?? 'member';
  }
}

/** The event without an inviter who can be credited with nothing: a bot account, a group or channel posting. */
export function creditable(event: BotEvent): BotEvent {
  if (event.type !== 'member_joined' || !event.inviter) return event;
  if (!event.inviter.isBot && !event.inviter.persona) return event;
  const { inviter: _ignored, ...join } = event;
  return join;
}

/** The one language every group speaks, or undefined when they speak several (or there are none). */
function sharedLocale(communities: readonly Community[]): Locale | undefined {
  const locales = new Set(communities.map((c) => c.locale));
  return locales.size === 1 ? [...locales][0] : undefined;
}

/** Who an event is from: the sender of a message, tap or payment, the member who joined or left. */
export function senderOf(event: BotEvent) {
  return event.type === 'member_joined' || event.type === 'member_left' ? event.member : event.sender;
}
