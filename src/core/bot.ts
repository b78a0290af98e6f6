import { exportsJob } from '../jobs/exports.js';
import { createJobContext } from '../jobs/job-context.js';
import { Scheduler } from '../jobs/scheduler.js';
import { DEFAULT_EXPORTS_KEEP_MS } from '../store/exports.js';
import { communityId, memberId } from '../store/ids.js';
import type { Community, Member } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { StoreWriteError } from '../store/store.js';
import type { Adapter, AdapterProblem, BotHandle } from './adapter.js';
import { bindArgs } from './args.js';
import { ChatChanges } from './chat-changes.js';
import { type Clock, isoTime } from './clock.js';
import { CommandRegistry, type CommandSpec, roleAllows } from './command.js';
import type { CommunityRecords } from './community-records.js';
import { type Context, type GroupContext, inCommunity } from './context.js';
import { EventContext, type EventServices } from './event-context.js';
import type {
  BotEvent,
  ButtonEvent,
  ChatChange,
  ChatRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  Role,
} from './events.js';
import type { ButtonHandler, Feature, JobContext, TextHandler } from './feature.js';
import type { Locale } from './i18n/index.js';
import type { Logger } from './logger.js';
import { coreText } from './messages.js';
import { withCleanNames } from './names.js';
import { Outbox } from './outbox.js';
import { splitCommand } from './parser.js';
import { actorOf, ChannelHints, personaText } from './persona.js';

export interface BotConfig {
  /** `platform:userId` or bare user ids that are owners everywhere. */
  ownerIds: readonly string[];
  /** BOT_LOCALE: overrides the platform's default language for new communities. */
  locale?: Locale;
  /** TZ: the timezone of new communities; unset, a Chinese community gets Asia/Shanghai, others UTC. */
  timezone?: string | undefined;
  dataDir: string;
  /** EXPORTS_KEEP: how long files under DATA_DIR/exports/ are kept, in ms (default 24 h). */
  exportsKeepMs?: number;
}

const MAX_COMMAND_LENGTH = 4000;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * The bot core: one event at a time per adapter call, in this order — dedupe by platform id,
 * record the member, route to a command or a text handler, wait until every change is on disk,
 * then hand the replies to the outbox.
 */
export class Bot implements BotHandle {
  readonly registry = new CommandRegistry();
  readonly outbox: Outbox;
  readonly scheduler: Scheduler;
  private readonly features: Feature[] = [];
  /** Every feature's text handlers, in the order the features were added. */
  private readonly textHandlers: TextHandler[] = [];
  /** Every feature's button handlers, in the order the features were added. */
  private readonly buttonHandlers: ButtonHandler[] = [];
  /** Every feature's order reader (Feature.isOrder), for senders who cannot order. */
  private readonly orderReaders: NonNullable<Feature['isOrder']>[] = [];
  private readonly channelHints: ChannelHints;
  private readonly adapters = new Map<string, Adapter>();
  private readonly reportedProblems = new Set<string>();
  private readonly services: EventServices;
  private readonly chatChanges: ChatChanges;

  /** `records`: the community and member bookkeeping (src/services/community-records.ts; see CommunityRecords). */
  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly config: BotConfig,
    readonly log: Logger,
    private readonly records: CommunityRecords,
  ) {
    this.outbox = new Outbox(clock, log, store);
    this.services = {
      store,
      outbox: this.outbox,
      log,
      clock,
      registry: this.registry,
      dataDir: config.dataDir,
    };
    this.scheduler = new Scheduler(() => this.jobContext(), log);
    // The data dir's own upkeep, whatever the features: exports do not outlive their keep time.
    this.scheduler.register(exportsJob(config.exportsKeepMs ?? DEFAULT_EXPORTS_KEEP_MS));
    this.chatChanges = new ChatChanges({
      store,
      outbox: this.outbox,
      clock,
      log,
      dataDir: config.dataDir,
      records,
    });
    this.channelHints = new ChannelHints(clock);
  }

  use(...features: Feature[]): this {
    for (const feature of features) {
      this.features.push(feature);
      this.registry.register(...(feature.commands ?? []));
      this.textHandlers.push(...(feature.onText ?? []));
      this.buttonHandlers.push(...(feature.onButton ?? []));
      if (feature.isOrder) this.orderReaders.push(feature.isOrder);
      for (const job of feature.jobs ?? []) this.scheduler.register(job);
      this.outbox.register(feature.delivery, feature.liveRenderers);
    }
    return this;
  }

  /** Starts features (resuming their state), then the adapters, then the scheduler. */
  async start(adapters: Adapter[]): Promise<void> {
    for (const feature of this.features) {
      if (!feature.start) continue;
      const ctx = this.jobContext();
      await feature.start(ctx);
      await ctx.durable();
    }
    for (const adapter of adapters) {
      this.adapters.set(adapter.platform, adapter);
      await adapter.start(this);
    }
    // What the bot owed before it stopped (SIGTERM, SIGKILL, a crash) goes out first.
    this.outbox.resume(adapters);
    await this.scheduler.runDue();
    this.scheduler.start();
  }

  /** Stops taking events, sends what is queued, and closes the store. */
  async stop(): Promise<void> {
    this.scheduler.stop();
    // Send what is queued while the adapters are still connected, then disconnect.
    await this.outbox.flush();
    // What did not go out stays in the store for the next start; nothing is sent after this.
    this.outbox.close();
    for (const adapter of this.adapters.values()) await adapter.stop().catch(() => {});
    await this.store.close();
  }

  /** A group's member list (see BotHandle.membersListed): its first one is kept as the arrival list. */
  membersListed(_adapter: Adapter, chat: ChatRef, userIds: readonly string[]): Promise<void> {
    if (chat.kind !== 'group') return Promise.resolve();
    const id = communityId(chat);
    if (this.store.tables.arrivals.get(id)) return Promise.resolve();
    const now = this.clock.now();
    try {
      return this.store.transact((tx) => this.records.recordArrival(tx, id, userIds, now)).committed;
    } catch (error) {
      // The store is closed (shutting down): nothing was kept; the next start lists again.
      return error instanceof StoreWriteError ? Promise.resolve() : Promise.reject(error);
    }
  }

  /** The group chat moved to a new id, or the bot was removed from it or added back (see ChatChanges). */
  chatChanged(adapter: Adapter, change: ChatChange): Promise<void> {
    return this.chatChanges.handle(adapter, change);
  }

  commands(): readonly CommandSpec[] {
    return this.registry.all();
  }

  problem(adapter: Adapter, chat: ChatRef | undefined, problem: AdapterProblem): void {
    const key = `${adapter.platform}|${chat?.chatId ?? ''}|${problem.code}|${problem.detail ?? ''}`;
    if (this.reportedProblems.has(key)) return;
    this.reportedProblems.add(key);
    this.log.warn(
      { platform: adapter.platform, chat: chat?.chatId, ...problem },
      `missing permission: ${problem.code}`,
    );
    if (!chat) return;
    const community = this.store.tables.communities.get(`${chat.platform}:${chat.chatId}`);
    const locale = community?.locale ?? this.config.locale ?? adapter.capabilities.defaultLocale;
    this.outbox.send(adapter, chat, {
      kind: 'text',
      text: coreText(locale).problem(problem.code, problem.detail),
    });
  }

  /** Resolves when no outgoing message is waiting (used by the console between lines). */
  idle(): Promise<void> {
    return this.outbox.idle();
  }

  async handle(adapter: Adapter, given: BotEvent): Promise<void> {
    // An event from a chat whose community moved belongs to the new chat (see ChatChanges.arrived).
    // Names enter the core cleaned (no bidi or invisible characters): see names.ts.
    const event = withCleanNames(creditable(this.chatChanges.arrived(adapter, given)));
    const subject = senderOf(event);
    // Bots are never members and never give commands; a bot joining is still told to the join
    // hooks (a referral that brings a bot is rejected with a reason the inviter can see).
    if (subject.isBot && event.type !== 'member_joined') return;
    const now = this.clock.now();
    let resolved: ReturnType<Bot['resolveCommunity']>;
    try {
      resolved = this.resolveCommunity(adapter, event, now);
    } catch (error) {
      // The store is closed (shutting down): the event is dropped unanswered, nothing changed.
      if (error instanceof StoreWriteError) return;
      throw error;
    }
    if (resolved === 'duplicate') return;
    const { community, member, committed } = resolved;
    const locale: Locale = community?.locale ?? this.config.locale ?? adapter.capabilities.defaultLocale;
    const ctx = new EventContext(this.services, {
      event,
      adapter,
      // An anonymous admin acts under a recorded name, in the group's language (see persona.ts).
      sender: subject.persona ? actorOf(subject, locale) : subject,
      role: this.roleOf(event, member),
      community,
      member,
      locale,
    });
    ctx.waitFor(committed);

    try {
      if (event.type === 'message') await this.route(ctx, event.text);
      else if (event.type === 'button') await this.tapped(ctx as Context & { event: ButtonEvent }, event);
      else if (event.type === 'member_joined' && inCommunity(ctx)) await this.joined(ctx, event, now);
      else if (event.type === 'member_left' && inCommunity(ctx)) await this.left(ctx, event, now);
      await ctx.durable();
    } catch (error) {
      ctx.discard();
      if (error instanceof StoreWriteError) {
        this.log.error({ err: error }, 'store write failed');
        ctx.answer(coreText(locale).saveFailed);
      } else {
        this.log.error(
          { err: error, text: event.type === 'message' ? event.text.slice(0, 200) : event.type },
          'handler failed',
        );
        if (event.type === 'message' || event.type === 'button') ctx.answer(coreText(locale).internalError);
      }
      await this.store.flushed().catch(() => {});
    }
    // Only now, with every change on disk, does anything go out.
    ctx.release();
  }

  /** Records the event against its community (dedupe, member activity) in one transaction. */
  private resolveCommunity(
    adapter: Adapter,
    event: BotEvent,
    now: Date,
  ):
    | 'duplicate'
    | { community: Community | undefined; member: Member | undefined; committed: Promise<void> } {
    const { chat } = event;
    const edit = event.type === 'message' && event.editedAt ? `:edit:${event.editedAt}` : '';
    const seenId = event.id ? `${chat.platform}:${chat.chatId}:${event.type}:${event.id}${edit}` : undefined;
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
        return { community, member };
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
      return { community, member };
    });
    if (value === 'duplicate') return value;
    // A fresh literal, not a spread with one more field: V8 takes a slow path for the latter.
    return { community: value.community, member: value.member, committed };
  }

  private platformRole(role: Role | undefined, userId: string, chat: ChatRef): Role {
    if (this.config.ownerIds.includes(userId) || this.config.ownerIds.includes(`${chat.platform}:${userId}`))
      return 'owner';
    return role ?? 'member';
  }

  private roleOf(event: BotEvent, member: Member | undefined): Role {
    if (event.type !== 'message' && event.type !== 'button') return 'member';
    // In private the platform does not say; the role last seen in the group stands.
    const platformRole =
      event.chat.kind === 'direct' ? (event.sender.role ?? member?.role) : event.sender.role;
    return this.platformRole(platformRole, event.sender.id, event.chat);
  }

  private async route(ctx: Context, rawText: string): Promise<void> {
    const text = rawText.replace(CONTROL, '').trim();
    if (!text) return;
    // An edited message is read again by the text handlers only (a 接龙 line follows its edit); a
    // command fixed by an edit would otherwise run a second time (a second deal, a second award).
    const edited = ctx.event.type === 'message' && ctx.event.editedAt !== undefined;
    const command = edited ? undefined : splitCommand(text);
    const t = coreText(ctx.locale);
    const persona = ctx.sender.persona;
    if (persona && edited) return;
    if (persona?.kind === 'channel') {
      // Not a member: a command or an order gets the hint (paced); nothing else is for the bot.
      if (command || this.registry.findKeyword(text) || this.isOrder(ctx, text)) this.channelHints.tell(ctx);
      return;
    }
    if (command) {
      const firstWord = /^\S+/.exec(command.rest)?.[0];
      const found = this.registry.find(command.name, firstWord);
      if (!found) {
        ctx.reply(t.unknownCommand(command.name.slice(0, 32), this.registry.suggest(command.name)));
        return;
      }
      const rest = found.consumedWord ? command.rest.slice(firstWord!.length) : command.rest;
      await this.runCommand(ctx, found.spec, rest, text.length);
      return;
    }
    const keyword = edited ? undefined : this.registry.findKeyword(text);
    if (keyword) {
      await this.runCommand(ctx, keyword.spec, keyword.rest, text.length);
      return;
    }
    if (persona) {
      // Text handlers act for the sender's own account (orders, points, codes): an anonymous admin has none.
      if (this.isOrder(ctx, text)) ctx.reply(personaText(ctx.locale).ownAccount);
      return;
    }
    for (const handler of this.textHandlers) {
      const handled = handler(ctx, text);
      // Most handlers answer at once: awaiting their plain boolean would cost a turn of the
      // microtask queue per handler on every chat message.
      if (handled === true || (handled !== false && (await handled))) return;
    }
  }

  /** A tap: the first feature that knows its action handles it; one nobody knows is answered privately. */
  private async tapped(ctx: Context & { event: ButtonEvent }, event: ButtonEvent): Promise<void> {
    if (ctx.sender.persona) return ctx.answer(personaText(ctx.locale).ownAccount);
    // A card still showing in a group the bot was removed from: nothing there can be taken or shown.
    if (ctx.community?.removedAt !== undefined) return ctx.answer(coreText(ctx.locale).notInGroup);
    for (const handler of this.buttonHandlers) {
      const handled = handler(ctx, event.action);
      if (handled === true || (handled !== false && (await handled))) return;
    }
    ctx.answer(coreText(ctx.locale).buttonGone);
  }

  private async runCommand(ctx: Context, spec: CommandSpec, rest: string, length: number): Promise<void> {
    const t = coreText(ctx.locale);
    if (length > MAX_COMMAND_LENGTH) return ctx.reply(t.tooLong(MAX_COMMAND_LENGTH));
    // A group command runs with its community (ScopedContext); a group chat always has one.
    if (spec.scope === 'group' && !inCommunity(ctx)) return ctx.reply(t.noCommunity(spec));
    if (spec.scope === 'direct' && ctx.chat.kind !== 'direct') return ctx.reply(t.directOnly(spec));
    if (!roleAllows(ctx.role, spec.role)) return ctx.reply(t.needsRole(spec, spec.role));
    const persona = ctx.sender.persona !== undefined;
    if (persona && spec.personal === true) return ctx.reply(personaText(ctx.locale).ownAccount);
    const bound = bindArgs(spec, rest);
    if (!bound.ok) return ctx.reply(`${t.argError(bound.error)}\n${t.usage(spec.help[ctx.locale].usage)}`);
    // Personal in some uses only (`/cancel #3`, not `/cancel #3 @bob`): told by the arguments.
    if (persona && typeof spec.personal === 'function' && spec.personal(bound.args))
      return ctx.reply(personaText(ctx.locale).ownAccount);
    await spec.run(ctx, bound.args);
  }

  /** Whether a feature reads the text as an order (see Feature.isOrder). */
  private isOrder(ctx: Context, text: string): boolean {
    return this.orderReaders.some((reads) => reads(ctx, text));
  }

  private async joined(ctx: GroupContext, event: MemberJoinedEvent, now: Date): Promise<void> {
    const { community } = ctx;
    const joined = event.member.isBot
      ? { member: undefined, rejoin: false }
      : ctx.mutate((tx) => this.records.recordJoin(tx, community, event.member, event.inviter?.id, now));
    const joinCtx = ctx as GroupContext & { event: MemberJoinedEvent };
    for (const feature of this.features) for (const hook of feature.onJoin ?? []) await hook(joinCtx, joined);
  }

  private async left(ctx: GroupContext, event: MemberLeftEvent, now: Date): Promise<void> {
    const { community } = ctx;
    const member = ctx.mutate((tx) =>
      this.records.recordLeave(tx, community, event.member, event.removedBy !== undefined, now),
    );
    const leftCtx = ctx as GroupContext & { event: MemberLeftEvent };
    for (const feature of this.features)
      for (const hook of feature.onLeave ?? []) await hook(leftCtx, { member });
  }

  private jobContext(): JobContext {
    return createJobContext({
      store: this.store,
      outbox: this.outbox,
      clock: this.clock,
      log: this.log,
      dataDir: this.config.dataDir,
      adapter: (platform) => this.adapters.get(platform),
      chatOf,
    });
  }
}

/** The event without an inviter who can be credited with nothing: a bot account, a group or channel posting. */
function creditable(event: BotEvent): BotEvent {
  if (event.type !== 'member_joined' || !event.inviter) return event;
  if (!event.inviter.isBot && !event.inviter.persona) return event;
  const { inviter: _ignored, ...join } = event;
  return join;
}

/** Who an event is from: the sender of a message or tap, the member who joined or left. */
function senderOf(event: BotEvent) {
  return event.type === 'message' || event.type === 'button' ? event.sender : event.member;
}

export function chatOf(community: Community): ChatRef {
  return { platform: community.platform, chatId: community.chatId, kind: 'group', title: community.title };
}
