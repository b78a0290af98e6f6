import {
  type APIChatInputApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  ApplicationCommandType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type GatewayDispatchPayload,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageUpdateDispatchData,
  type Guild,
  InteractionType,
  MessageType,
  Routes,
  type SendableChannels,
} from 'discord.js';
import {
  type Adapter,
  type BotHandle,
  type ButtonRows,
  type Capabilities,
  DeliveryError,
  type Origin,
  type Outgoing,
  UnreachableError,
} from '../../src/core/adapter.js';
import type { BotEvent, ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { ChatOrder } from '../chat-order.js';
import { components, normalizeButton, PendingTaps } from './buttons.js';
import { connect } from './connect.js';
import { type Action, mapError } from './errors.js';
import { channelFacts, communityChat } from './guilds.js';
import { PendingReplies } from './interactions.js';
import { InviteTracker } from './invites.js';
import {
  type ChannelFacts,
  directChatRef,
  directUserId,
  messageLocation,
  normalizeInteraction,
  normalizeMemberAdd,
  normalizeMemberRemove,
  normalizeMessage,
  normalizeMessageUpdate,
  PLATFORM,
  threadMessageId,
} from './normalize.js';
import { slashCommands } from './options.js';
import { clipText, type DiscordPost, MAX_MESSAGE_LENGTH, toPosts } from './render.js';

export interface DiscordAdapterOptions {
  token: string;
  /** The application id, for registering slash commands. */
  appId: string;
  /** DISCORD_API_ROOT, e.g. `http://127.0.0.1:8080/api` for a local fake; Discord's own by default. */
  apiRoot?: string;
  log: Logger;
  /** How long a slash command may show "thinking…" without any reply before it is removed. */
  unansweredMs?: number;
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
  private readonly invites = new InviteTracker();
  private readonly rawInteractions = new Map<string, APIChatInputApplicationCommandInteraction>();
  /** Button clicks as Discord sent them, for the InteractionCreate listener (as rawInteractions). */
  private readonly rawClicks = new Map<string, APIMessageComponentButtonInteraction>();
  private readonly taps: PendingTaps;
  /** Guild → the first channel a message was seen in (the community of joins without a system channel). */
  private readonly firstChannel = new Map<string, string>();
  /** `guild/user` the bot itself kicked, so the leave is recorded as a removal. */
  private readonly kicked = new Set<string>();
  /**
   * Events reach the core in order per guild (joins and messages of one member list) and per DM,
   * concurrently across them, without waiting for each one's fsync.
   */
  private readonly order = new ChatOrder();

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.log;
    this.replies = new PendingReplies(options.log);
    this.taps = new PendingTaps(options.log);
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
    const { client, dropped } = await connect({ ...this.options, wire: (c) => this.wire(c) });
    this.client = client;
    if (dropped.length) bot.problem(this, undefined, { code: 'missing_intent', detail: dropped.join(', ') });
    await this.registerCommands(bot);
    for (const guild of client.guilds.cache.values()) await this.refreshInvites(guild);
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

  /** Replaces text and buttons: components are always sent, so an edit without buttons removes them. */
  async edit(chat: ChatRef, messageId: string, text: string, buttons?: ButtonRows): Promise<void> {
    await this.call(chat, 'edit', async () => {
      const content = clipText(text);
      const interaction = this.replies.responseFor(messageId);
      const at = messageLocation(messageId);
      const body = { content, components: buttons ? components(buttons) : [] };
      if (interaction) await interaction.editReply(body);
      else await (await this.channel(chat, at.channelId)).messages.edit(at.messageId, body);
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

  private wire(client: Client): void {
    client.on(Events.Raw, (packet: GatewayDispatchPayload) => this.onDispatch(packet));
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) this.background(this.onCommand(interaction), 'slash command');
      else if (interaction.isButton()) this.background(this.onClick(interaction), 'button click');
    });
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

  private onDispatch(packet: GatewayDispatchPayload): void {
    switch (packet.t) {
      case 'MESSAGE_CREATE': {
        const d = packet.d;
        this.inOrder(orderKey(d.guild_id, d.author.id), async () => this.onMessage(d), 'message');
        break;
      }
      case 'MESSAGE_UPDATE': {
        const d = packet.d;
        this.inOrder(orderKey(d.guild_id, d.author?.id), () => this.onMessageUpdate(d), 'message edit');
        break;
      }
      case 'INTERACTION_CREATE':
        // Kept for the InteractionCreate listener that discord.js calls right after this one.
        if (
          packet.d.type === InteractionType.ApplicationCommand &&
          packet.d.data.type === ApplicationCommandType.ChatInput
        )
          this.rawInteractions.set(packet.d.id, packet.d as APIChatInputApplicationCommandInteraction);
        else if (packet.d.type === InteractionType.MessageComponent && packet.d.data.component_type === 2)
          this.rawClicks.set(packet.d.id, packet.d as APIMessageComponentButtonInteraction);
        break;
      case 'GUILD_MEMBER_ADD': {
        const d = packet.d;
        this.inOrder(
          d.guild_id,
          () =>
            this.inCommunity(d.guild_id, async (guild, chat) => {
              const invite = await this.invites
                .attribute(guild)
                .catch((error: unknown) => this.inviteError(error));
              return normalizeMemberAdd(d, chat, invite ?? undefined);
            }),
          'member join',
        );
        break;
      }
      case 'GUILD_MEMBER_REMOVE': {
        const d = packet.d;
        this.inOrder(
          d.guild_id,
          () =>
            this.inCommunity(d.guild_id, async (guild, chat) => {
              const byBot = this.kicked.delete(`${guild.id}/${d.user.id}`);
              const me = this.client?.user;
              return normalizeMemberRemove(
                d,
                chat,
                byBot && me ? { id: me.id, username: me.username, bot: true } : undefined,
              );
            }),
          'member leave',
        );
        break;
      }
    }
  }

  private onMessage(raw: GatewayMessageCreateDispatchData): Promise<void>[] {
    if (raw.type !== MessageType.Default && raw.type !== MessageType.Reply) return []; // joins, pins, boosts
    if (raw.guild_id && !this.firstChannel.has(raw.guild_id))
      this.firstChannel.set(raw.guild_id, raw.channel_id);
    const bot = this.bot;
    return bot ? [bot.handle(this, normalizeMessage(raw, this.facts(raw.guild_id, raw.channel_id)))] : [];
  }

  /**
   * A member edited their message (`+1` → `+3`): the same message id with editedAt. Updates without
   * edited_timestamp are Discord's own (link previews), not the author's; a partial payload (no
   * author or content) is completed from the REST API.
   */
  private async onMessageUpdate(raw: GatewayMessageUpdateDispatchData): Promise<Promise<void>[]> {
    if (!raw.edited_timestamp) return [];
    let full = raw;
    if (!raw.author || typeof raw.content !== 'string') {
      const fetched = (await this.ready().rest.get(Routes.channelMessage(raw.channel_id, raw.id))) as object;
      full = {
        ...fetched,
        ...(raw.guild_id ? { guild_id: raw.guild_id } : {}),
      } as GatewayMessageUpdateDispatchData;
    }
    if (full.type !== MessageType.Default && full.type !== MessageType.Reply) return [];
    const event = normalizeMessageUpdate(full, this.facts(full.guild_id, full.channel_id));
    const bot = this.bot;
    return bot && event ? [bot.handle(this, event)] : [];
  }

  private onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const raw = this.rawInteractions.get(interaction.id);
    this.rawInteractions.delete(interaction.id);
    if (!raw) return Promise.resolve();
    return this.order.add(orderKey(raw.guild_id, interaction.user.id), async () => {
      const bot = this.bot;
      if (!bot) return [];
      const specs = bot.commands();
      const event = normalizeInteraction(raw, this.facts(raw.guild_id, interaction.channelId), (name) =>
        specs.find((spec) => spec.name === name),
      );
      const pending = this.replies.park(interaction);
      const handled = bot.handle(this, event).finally(() => {
        this.replies.expire(pending, this.options.unansweredMs ?? 10_000);
      });
      return [handled];
    });
  }

  /** A click on a card button: acknowledged at once (ephemeral), then handed to the core in order. */
  private onClick(interaction: ButtonInteraction): Promise<void> {
    const raw = this.rawClicks.get(interaction.id);
    this.rawClicks.delete(interaction.id);
    if (!raw) return Promise.resolve();
    this.taps.park(interaction, this.options.unansweredMs);
    return this.order.add(orderKey(raw.guild_id, interaction.user.id), async () => {
      const bot = this.bot;
      if (!bot) return [];
      return [bot.handle(this, normalizeButton(raw, this.facts(raw.guild_id, raw.channel_id)))];
    });
  }

  /** Builds a guild-level event in the guild's community channel and hands it to the core. */
  private async inCommunity(
    guildId: string,
    build: (guild: Guild, chat: ChatRef) => Promise<BotEvent>,
  ): Promise<Promise<void>[]> {
    const client = this.client;
    const guild = client?.guilds.cache.get(guildId);
    const chat = client && guild && communityChat(client, guild, this.firstChannel.get(guildId));
    if (!guild || !chat || !this.bot) return [];
    const event = await build(guild, chat);
    return this.bot ? [this.bot.handle(this, event)] : [];
  }

  /** Queues a hand-over behind the earlier events of its guild (or DM); failures are logged. */
  private inOrder(key: string, handOver: () => Promise<readonly Promise<void>[]>, what: string): void {
    this.background(this.order.add(key, handOver), what);
  }

  private facts(guildId: string | undefined, channelId: string): ChannelFacts {
    return channelFacts(this.client, guildId, channelId);
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

  private background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => this.log.error({ err: error }, `discord: ${what} failed`));
  }
}

/** What must stay in order with an event: its guild, or for a DM its member. */
function orderKey(guildId: string | undefined, userId: string | undefined): string {
  return guildId ?? `dm:${userId ?? ''}`;
}
