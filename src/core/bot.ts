import { exportsJob } from '../jobs/exports.js';
import { createJobContext } from '../jobs/job-context.js';
import { Scheduler } from '../jobs/scheduler.js';
import type { BotStore } from '../store/contract.js';
import { DEFAULT_EXPORTS_KEEP_MS } from '../store/exports.js';
import { communityId } from '../store/ids.js';
import type { Community } from '../store/schema.js';
import { StoreWriteError } from '../store/store.js';
import type { Adapter, AdapterProblem, BotHandle } from './adapter.js';
import { ChatChanges } from './chat-changes.js';
import type { Clock } from './clock.js';
import { CommandRegistry, type CommandSpec } from './command.js';
import type { CommunityRecords } from './community-records.js';
import { type Context, type GroupContext, inCommunity } from './context.js';
import { EventContext, type EventServices } from './event-context.js';
import { creditable, EventIntake, type Recorded, senderOf } from './event-intake.js';
import { EventRouter } from './event-routing.js';
import type {
  BotEvent,
  ButtonEvent,
  ChatChange,
  ChatRef,
  MemberJoinedEvent,
  MemberLeftEvent,
  PaymentCheckEvent,
  PaymentDoneEvent,
} from './events.js';
import type { Feature, JobContext } from './feature.js';
import type { Locale } from './i18n/index.js';
import type { Logger } from './logger.js';
import { coreText } from './messages.js';
import { withCleanNames } from './names.js';
import { Outbox } from './outbox.js';
import { actorOf } from './persona.js';
import { performRemote, type RemoteCommand, type RemoteOutcome } from './remote-command.js';

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
  /** Commands, text handlers and button handlers: where a message or a tap goes (see EventRouter). */
  private readonly router: EventRouter;
  /** Dedupe, member bookkeeping and roles, before routing (see EventIntake). */
  private readonly intake: EventIntake;
  private readonly adapters = new Map<string, Adapter>();
  private readonly reportedProblems = new Set<string>();
  private readonly services: EventServices;
  private readonly chatChanges: ChatChanges;

  /** `records`: the community and member bookkeeping (src/services/community-records.ts; see CommunityRecords). */
  constructor(
    readonly store: BotStore,
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
    this.router = new EventRouter(this.registry, clock);
    this.intake = new EventIntake(store, config, records);
  }

  use(...features: Feature[]): this {
    for (const feature of features) {
      this.features.push(feature);
      this.registry.register(...(feature.commands ?? []));
      this.router.add(feature);
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

  /**
   * Runs a chat command given from outside the chat (the web dashboard) as `request.sender`, as if
   * they had typed it to the bot privately: the same rules, changes, card updates and
   * announcements; what it answers them comes back in the outcome. Rejects with StoreWriteError
   * when a write failed, and when the community's platform is not served by this process.
   */
  perform(request: RemoteCommand): Promise<RemoteOutcome> {
    const adapter = this.adapters.get(request.community.platform);
    if (!adapter) return Promise.reject(new Error(`no adapter for ${request.community.platform} here`));
    return performRemote(this.services, this.registry, adapter, request);
  }

  /** The adapter serving a platform here, if this process runs it. */
  adapterFor(platform: string): Adapter | undefined {
    return this.adapters.get(platform);
  }

  /** Where the dashboard is reached, once it listens (its port may be chosen by the system). */
  dashboardAt(url: string | undefined): void {
    this.services.dashboardUrl = url;
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
    let resolved: 'duplicate' | Recorded;
    try {
      resolved = this.intake.record(adapter, event, now);
    } catch (error) {
      // The store is closed (shutting down): the event is dropped unanswered, nothing changed.
      if (error instanceof StoreWriteError) return;
      throw error;
    }
    if (resolved === 'duplicate') return;
    const { community, member, committed } = resolved;
    // A private chat of a member of several groups speaks their language when they all share one.
    const locale: Locale =
      community?.locale ?? resolved.locale ?? this.config.locale ?? adapter.capabilities.defaultLocale;
    const ctx = new EventContext(this.services, {
      event,
      adapter,
      // An anonymous admin acts under a recorded name, in the group's language (see persona.ts).
      sender: subject.persona ? actorOf(subject, locale) : subject,
      role: this.intake.roleOf(event, member),
      community,
      member,
      locale,
    });
    ctx.waitFor(committed);

    try {
      if (event.type === 'message') await this.router.route(ctx, event.text);
      else if (event.type === 'button')
        await this.router.tapped(ctx as Context & { event: ButtonEvent }, event);
      else if (event.type === 'member_joined' && inCommunity(ctx)) await this.joined(ctx, event, now);
      else if (event.type === 'member_left' && inCommunity(ctx)) await this.left(ctx, event, now);
      else if (event.type === 'payment_check')
        ctx.verdict(this.router.checkPayment(ctx as Context & { event: PaymentCheckEvent }));
      else if (event.type === 'payment_done') await this.paid(ctx as Context & { event: PaymentDoneEvent });
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
      // The payer's app waits for an answer: a failed check is a refusal, not a timeout.
      if (event.type === 'payment_check') ctx.verdict({ ok: false, reason: coreText(locale).internalError });
      await this.store.flushed().catch(() => {});
    }
    // Only now, with every change on disk, does anything go out.
    ctx.release();
  }

  private async joined(ctx: GroupContext, event: MemberJoinedEvent, now: Date): Promise<void> {
    const { community } = ctx;
    const joined = event.member.isBot
      ? { member: undefined, rejoin: false }
      : ctx.mutate((tx) => this.records.recordJoin(tx, community, event.member, event.inviter?.id, now));
    const joinCtx = ctx as GroupContext & { event: MemberJoinedEvent };
    for (const feature of this.features) for (const hook of feature.onJoin ?? []) await hook(joinCtx, joined);
  }

  /** A payment no feature knows moved money all the same: logged, and the payer told to show the leader. */
  private async paid(ctx: Context & { event: PaymentDoneEvent }): Promise<void> {
    if (await this.router.paid(ctx)) return;
    const { payload, currency, total, chargeId } = ctx.event;
    this.log.error(
      { payload, currency, total, chargeId, payer: ctx.sender.id },
      'payment for an unknown invoice',
    );
    ctx.reply(coreText(ctx.locale).paymentUnmatched);
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

export function chatOf(community: Community): ChatRef {
  return { platform: community.platform, chatId: community.chatId, kind: 'group', title: community.title };
}
