import {
  type ChatInputCommandInteraction,
  type Client,
  type Guild,
  Routes,
  type SendableChannels,
} from 'discord.js';
import {
  type Adapter,
  type BotHandle,
  type ButtonRows,
  type Capabilities,
  DeliveryError,
  type EditOptions,
  type MemberStanding,
  type Origin,
  type Outgoing,
  UnreachableError,
} from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { ChatRef, ImageRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { clipText } from '../../src/core/split-text.js';
import { downloadLimited } from '../download.js';
import { components, PendingTaps } from './buttons.js';
import { connect } from './connect.js';
import { type Action, mapError } from './errors.js';
import { DiscordInbound } from './inbound.js';
import { PendingReplies } from './interactions.js';
import { InviteTracker } from './invites.js';
import { directChatRef, directUserId, messageLocation, PLATFORM, threadMessageId } from './normalize.js';
import { slashCommands } from './options.js';
import { captionEmbed, type DiscordPost, MAX_CAPTION_LENGTH, MAX_MESSAGE_LENGTH, toPosts } from './render.js';
import { DiscordStandings } from './standing.js';

export interface DiscordAdapterOptions {
  token: string;
  /** The application id, for registering slash commands. */
  appId: string;
  /** DISCORD_API_ROOT, e.g. `http://127.0.0.1:8080/api` for a local fake; Discord's own by default. */
  apiRoot?: string;
  log: Logger;
  /** How long a slash command may show "thinking…" without any reply before it is removed. */
  unansweredMs?: number;
  /**
   * How long after reading a guild's invite list the adapter waits for joins that list may already
   * count (their events still on their way), in ms; default 1000. A join's event waits that long.
   */
  inviteSettleMs?: number;
  /** Whose time the invite wait runs on (the bot's clock; wall time by default). */
  clock?: Pick<Clock, 'setTimer'>;
}

/** The Discord adapter: discord.js 14 over the gateway, one community per guild text channel. */
export class DiscordAdapter implements Adapter {
  readonly platform = PLATFORM;
  readonly capabilities: Capabilities = {
    editMessages: true,
    removeMembers: true,
    inviteLinks: true,
    images: true,
    files: true,
    nativeCommands: true,
    maxMessageLength: MAX_MESSAGE_LENGTH,
    maxCaptionLength: MAX_CAPTION_LENGTH,
    defaultLocale: 'en',
    reactions: true,
    // Components under the deal card; a click is answered ephemerally.
    buttons: true,
    // 5 messages per 5 s in a channel; discord.js also follows the X-RateLimit headers.
    pacing: { perChatPerMinute: 50, globalPerSecond: 40, minGapMs: 1_000 },
  };

  private client: Client | undefined;
  private bot: BotHandle | undefined;
  private readonly log: Logger;
  private readonly replies: PendingReplies;
  private readonly invites: InviteTracker;
  private readonly taps: PendingTaps;
  /** `guild/user` the bot itself kicked, so the leave is recorded as a removal. */
  private readonly kicked = new Set<string>();
  /** Events in: the gateway's dispatches turned into core events (inbound.ts). */
  private readonly inbound: DiscordInbound;
  /** Members' rights and presence as Discord tells them now, for pruning (standing.ts). */
  private readonly standings = new DiscordStandings();

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.log;
    this.invites = new InviteTracker(options.clock, options.inviteSettleMs);
    this.replies = new PendingReplies(options.log);
    this.taps = new PendingTaps(options.log);
    this.inbound = new DiscordInbound({
      adapter: this,
      log: this.log,
      replies: this.replies,
      taps: this.taps,
      invites: this.invites,
      kicked: this.kicked,
      unansweredMs: options.unansweredMs,
      bot: () => this.bot,
      client: () => this.client,
      ready: () => this.ready(),
      inviteError: (error) => this.inviteError(error),
    });
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
    const { client, dropped } = await connect({ ...this.options, wire: (c) => this.inbound.wire(c) });
    this.client = client;
    if (dropped.length) bot.problem(this, undefined, { code: 'missing_intent', detail: dropped.join(', ') });
    await this.registerCommands(bot);
    for (const guild of client.guilds.cache.values()) await this.refreshInvites(guild);
  }

  /** The gateway session is up (discord.js reconnects by itself; false until it has). */
  connected(): boolean {
    return this.client?.isReady() ?? false;
  }

  async stop(): Promise<void> {
    this.replies.clear();
    this.taps.clear();
    const client = this.client;
    this.client = undefined;
    await client?.destroy();
  }

  /**
   * Sends where the message answers (origin): through its slash command's interaction while that
   * waits for an answer, else in the origin's thread (or the chat's channel) as a reply to the
   * member's message. Public, as the deferral was: nothing here makes a message ephemeral.
   */
  async send(chat: ChatRef, out: Outgoing, origin?: Origin): Promise<{ messageId: string }> {
    return this.call(chat, 'send', async () => {
      const pending = origin?.interactionId ? this.replies.take(origin.interactionId) : undefined;
      const interaction = pending && (await pending.acknowledged) ? pending.interaction : undefined;
      // A long text goes out in pieces; the first one stands for the whole (edits target it).
      const ids: string[] = [];
      for (const [i, post] of toPosts(out).entries())
        ids.push(await this.post(chat, post, { origin, interaction, first: i === 0 }));
      return { messageId: ids[0]! };
    });
  }

  /**
   * Replaces text and buttons: components are always sent, so an edit without buttons removes them.
   * A picture's caption (`opts.caption`) is its embed, sent again around the attachment it keeps.
   */
  async edit(
    chat: ChatRef,
    messageId: string,
    text: string,
    buttons?: ButtonRows,
    opts?: EditOptions,
  ): Promise<void> {
    await this.call(chat, 'edit', async () => {
      const interaction = this.replies.responseFor(messageId);
      const at = messageLocation(messageId);
      const channel = interaction ? undefined : await this.channel(chat, at.channelId);
      const picture = opts?.caption
        ? (interaction
            ? await interaction.fetchReply()
            : await channel!.messages.fetch(at.messageId)
          ).attachments.first()?.name
        : undefined;
      const shown = picture
        ? { content: '', embeds: [captionEmbed(text, picture)] }
        : { content: clipText(text, MAX_MESSAGE_LENGTH) };
      const body = { ...shown, components: buttons ? components(buttons) : [] };
      if (interaction) await interaction.editReply(body);
      else await channel!.messages.edit(at.messageId, body);
    });
  }

  /** The private answer to a click: its deferred ephemeral reply, seen by the member who clicked only. */
  async answer(chat: ChatRef, interactionId: string, text: string): Promise<void> {
    await this.call(chat, 'send', async () => {
      if (!(await this.taps.answer(interactionId, text)))
        throw new DeliveryError(`discord: click ${interactionId} cannot be answered any more`, false);
    });
  }

  /** Puts a reaction on a message (any Unicode emoji, or a guild emoji as `name:id`). */
  async react(chat: ChatRef, messageId: string, emoji: string): Promise<void> {
    await this.call(chat, 'react', async () => {
      const at = messageLocation(messageId);
      await (await this.channel(chat, at.channelId)).messages.react(at.messageId, emoji);
    });
  }

  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    await this.call(chat, 'remove', async () => {
      const guild = this.guildOf(chat);
      const key = `${guild.id}/${userId}`;
      this.kicked.add(key);
      try {
        await guild.members.kick(userId, 'tuanbot: removed by a group admin');
      } catch (error) {
        this.kicked.delete(key);
        throw error;
      }
    });
  }

  /** Each member fetched from the guild: owner, Manage Server or Administrator (admin), member; unknown is gone. */
  async memberStanding(
    chat: ChatRef,
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, MemberStanding>> {
    return this.standings.standing(this.guildOf(chat), userIds);
  }

  async createInviteLink(chat: ChatRef, name: string): Promise<string> {
    return this.call(chat, 'invite', async () => {
      const channel = this.ready().channels.cache.get(chat.chatId);
      if (!channel || !('createInvite' in channel))
        throw new DeliveryError('not an invitable channel', false);
      const invite = await channel.createInvite({
        maxAge: 0,
        unique: true,
        reason: `tuanbot invite for ${name}`,
      });
      await this.refreshInvites(channel.guild);
      return invite.url;
    });
  }

  directChat(userId: string): ChatRef {
    return directChatRef(userId);
  }

  /**
   * An attachment a member sent, from its URL (Discord's CDN; the URL came in the message), at most
   * maxBytes: Discord declares each attachment's size, and the download stops past the limit.
   */
  readImage(image: ImageRef, maxBytes: number): Promise<Uint8Array> {
    return downloadLimited(image.ref, maxBytes);
  }

  /** Application commands from the command declarations, replacing whatever was registered. */
  private async registerCommands(bot: BotHandle): Promise<void> {
    try {
      const body = slashCommands(bot.commands());
      await this.ready().rest.put(Routes.applicationCommands(this.options.appId), { body });
    } catch (error) {
      this.log.warn({ err: error }, 'discord: could not register slash commands');
    }
  }

  private async refreshInvites(guild: Guild): Promise<void> {
    await this.invites.refresh(guild).catch((error: unknown) => this.inviteError(error));
  }

  private inviteError(error: unknown): void {
    const { problem } = mapError(error, 'invite');
    // Reading invites needs Manage Server; without it joins are recorded but nobody is credited.
    if (problem) this.bot?.problem(this, undefined, { code: 'cannot_invite', detail: 'ManageGuild' });
    else this.log.warn({ err: error }, 'discord: could not read invites');
  }

  /**
   * Posts one piece of a message: as the answer of its interaction (the first piece the response,
   * the rest follow-ups), else in the origin's thread or the chat's channel, the first piece replying
   * to the message it answers. Returns the id the core keeps (`threadId/messageId` in a thread).
   */
  private async post(
    chat: ChatRef,
    post: DiscordPost,
    to: { origin: Origin | undefined; interaction: ChatInputCommandInteraction | undefined; first: boolean },
  ): Promise<string> {
    const threadId = to.origin?.threadId;
    if (to.interaction) {
      const body = {
        content: post.content ?? '',
        files: post.files ?? [],
        ...(post.buttons ? { components: components(post.buttons) } : {}),
        ...(post.embeds ? { embeds: post.embeds } : {}),
      };
      const message = to.first ? await to.interaction.editReply(body) : await to.interaction.followUp(body);
      const id = threadMessageId(threadId, message.id);
      if (to.first) this.replies.remember(id, to.interaction);
      return id;
    }
    // An interaction id is not a message: an answer that missed its interaction replies to nothing.
    const answered = to.origin?.interactionId ? undefined : to.origin?.messageId;
    const replyTo = to.first ? (answered ?? post.replyTo) : undefined;
    const channel = await this.channel(chat, threadId);
    const message = await channel.send({
      ...(post.content !== undefined ? { content: post.content } : {}),
      ...(post.files ? { files: post.files } : {}),
      ...(post.embeds ? { embeds: post.embeds } : {}),
      ...(post.buttons ? { components: components(post.buttons) } : {}),
      ...(replyTo
        ? { reply: { messageReference: messageLocation(replyTo).messageId, failIfNotExists: false } }
        : {}),
    });
    return threadMessageId(threadId, message.id);
  }

  /** The channel of a chat, or of a thread in it (`channelId`); a DM channel is opened on first use. */
  private async channel(chat: ChatRef, channelId = chat.chatId): Promise<SendableChannels> {
    const client = this.ready();
    const userId = directUserId(chat);
    if (userId) return client.users.createDM(userId);
    const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId));
    if (!channel?.isSendable())
      throw new DeliveryError(`discord channel ${channelId} takes no messages`, false);
    return channel;
  }

  private guildOf(chat: ChatRef): Guild {
    const channel = this.ready().channels.cache.get(chat.chatId);
    if (!channel || !('guild' in channel)) throw new DeliveryError('not a guild channel', false);
    return channel.guild;
  }

  private ready(): Client {
    if (!this.client) throw new DeliveryError('discord: not connected', false); // stopped: retrying cannot help
    return this.client;
  }

  /** Runs a Discord call, turning its failures into the outbox's errors and telling admins what is missing. */
  private async call<T>(chat: ChatRef, action: Action, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DeliveryError || error instanceof UnreachableError) throw error;
      const mapped = mapError(error, action, directUserId(chat));
      // A refused send is only logged: telling the group would be refused the same way.
      const tellGroup = chat.kind === 'group' && (action === 'remove' || action === 'invite');
      if (mapped.problem) this.bot?.problem(this, tellGroup ? chat : undefined, mapped.problem);
      throw mapped.error;
    }
  }
}
