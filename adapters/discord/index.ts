import {
  type APIChatInputApplicationCommandInteraction,
  ApplicationCommandType,
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
  type Capabilities,
  DeliveryError,
  type Outgoing,
  UnreachableError,
} from '../../src/core/adapter.js';
import type { BotEvent, ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { ChatOrder } from '../chat-order.js';
import { connect } from './connect.js';
import { type Action, mapError } from './errors.js';
import { channelFacts, communityChat } from './guilds.js';
import { PendingReplies } from './interactions.js';
import { InviteTracker } from './invites.js';
import {
  type ChannelFacts,
  directChatRef,
  directUserId,
  normalizeInteraction,
  normalizeMemberAdd,
  normalizeMemberRemove,
  normalizeMessage,
  normalizeMessageUpdate,
  PLATFORM,
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
    // 5 messages per 5 s in a channel; discord.js also follows the X-RateLimit headers.
    pacing: { perChatPerMinute: 50, globalPerSecond: 40, minGapMs: 1_000 },
  };

  private client: Client | undefined;
  private bot: BotHandle | undefined;
  private readonly log: Logger;
  private readonly replies: PendingReplies;
  private readonly invites = new InviteTracker();
  private readonly rawInteractions = new Map<string, APIChatInputApplicationCommandInteraction>();
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
    const client = this.client;
    this.client = undefined;
    await client?.destroy();
  }

  async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    return this.call(chat, 'send', async () => {
      // A long text goes out in pieces; the first one stands for the whole (edits target it).
      const ids: string[] = [];
      for (const post of toPosts(out)) ids.push(await this.post(chat, post));
      return { messageId: ids[0]! };
    });
  }

  async edit(chat: ChatRef, messageId: string, text: string): Promise<void> {
    await this.call(chat, 'edit', async () => {
      const content = clipText(text);
      const interaction = this.replies.responseFor(messageId);
      if (interaction) await interaction.editReply({ content });
      else await (await this.channel(chat)).messages.edit(messageId, { content });
    });
  }

  /** Puts a reaction on a message (any Unicode emoji, or a guild emoji as `name:id`). */
  async react(chat: ChatRef, messageId: string, emoji: string): Promise<void> {
    await this.call(chat, 'react', async () => {
      await (await this.channel(chat)).messages.react(messageId, emoji);
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
      const pending = this.replies.park(event.chat.chatId, interaction);
      const handled = bot.handle(this, event).finally(() => {
        this.replies.expire(event.chat.chatId, pending, this.options.unansweredMs ?? 10_000);
      });
      return [handled];
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

  /** Posts one message: as the answer to a waiting slash command in that chat, else to the channel. */
  private async post(chat: ChatRef, post: DiscordPost): Promise<string> {
    const pending = this.replies.take(chat.chatId);
    if (pending && (await pending.acknowledged)) {
      const message = await pending.interaction.editReply({
        content: post.content ?? '',
        files: post.files ?? [],
      });
      this.replies.remember(message.id, pending.interaction);
      return message.id;
    }
    const channel = await this.channel(chat);
    const message = await channel.send({
      ...(post.content !== undefined ? { content: post.content } : {}),
      ...(post.files ? { files: post.files } : {}),
      ...(post.replyTo ? { reply: { messageReference: post.replyTo, failIfNotExists: false } } : {}),
    });
    return message.id;
  }

  /** The channel of a chat; a DM channel is opened on first use. */
  private async channel(chat: ChatRef): Promise<SendableChannels> {
    const client = this.ready();
    const userId = directUserId(chat);
    if (userId) return client.users.createDM(userId);
    const channel = client.channels.cache.get(chat.chatId) ?? (await client.channels.fetch(chat.chatId));
    if (!channel?.isSendable())
      throw new DeliveryError(`discord channel ${chat.chatId} takes no messages`, false);
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
