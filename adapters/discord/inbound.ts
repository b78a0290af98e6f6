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
} from 'discord.js';
import type { Adapter, BotHandle } from '../../src/core/adapter.js';
import type { BotEvent, ChatRef } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';
import { ChatOrder } from '../chat-order.js';
import { normalizeButton, type PendingTaps } from './buttons.js';
import { channelFacts, communityChat } from './guilds.js';
import type { PendingReplies } from './interactions.js';
import type { InviteTracker } from './invites.js';
import {
  type ChannelFacts,
  normalizeInteraction,
  normalizeMemberAdd,
  normalizeMemberRemove,
  normalizeMessage,
  normalizeMessageUpdate,
} from './normalize.js';

/** What the inbound side needs of the adapter: its identity for the core, and its shared state. */
export interface InboundHost {
  readonly adapter: Adapter;
  readonly log: Logger;
  readonly replies: PendingReplies;
  readonly taps: PendingTaps;
  readonly invites: InviteTracker;
  /** `guild/user` the bot itself kicked, so the leave is recorded as a removal. */
  readonly kicked: Set<string>;
  readonly unansweredMs: number | undefined;
  bot(): BotHandle | undefined;
  client(): Client | undefined;
  /** The connected client (throws when stopped). */
  ready(): Client;
  inviteError(error: unknown): void;
}

/**
 * Discord's gateway in: messages, edits, slash commands, button clicks, joins and leaves, turned
 * into core events and handed over in order per guild (and per DM), concurrently across them,
 * without waiting for each one's fsync. The adapter (index.ts) is the way out.
 */
export class DiscordInbound {
  private readonly rawInteractions = new Map<string, APIChatInputApplicationCommandInteraction>();
  /** Button clicks as Discord sent them, for the InteractionCreate listener (as rawInteractions). */
  private readonly rawClicks = new Map<string, APIMessageComponentButtonInteraction>();
  /** Guild → the first channel a message was seen in (the community of joins without a system channel). */
  private readonly firstChannel = new Map<string, string>();
  private readonly order = new ChatOrder();

  constructor(private readonly host: InboundHost) {}

  /** Wires the client's events. */
  wire(client: Client): void {
    client.on(Events.Raw, (packet: GatewayDispatchPayload) => this.onDispatch(packet));
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) this.background(this.onCommand(interaction), 'slash command');
      else if (interaction.isButton()) this.background(this.onClick(interaction), 'button click');
    });
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
        // Counted as it arrives, not when its turn comes: a read of the invite list made meanwhile may hold its use.
        const ticket = this.host.invites.arrived(d.guild_id);
        this.inOrder(
          d.guild_id,
          () =>
            this.inCommunity(d.guild_id, async (guild, chat) => {
              const invite = await this.host.invites
                .attribute(guild, ticket)
                .catch((error: unknown) => this.host.inviteError(error));
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
              const byBot = this.host.kicked.delete(`${guild.id}/${d.user.id}`);
              const me = this.host.client()?.user;
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
    const bot = this.host.bot();
    return bot
      ? [bot.handle(this.host.adapter, normalizeMessage(raw, this.facts(raw.guild_id, raw.channel_id)))]
      : [];
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
      const fetched = (await this.host
        .ready()
        .rest.get(Routes.channelMessage(raw.channel_id, raw.id))) as object;
      full = {
        ...fetched,
        ...(raw.guild_id ? { guild_id: raw.guild_id } : {}),
      } as GatewayMessageUpdateDispatchData;
    }
    if (full.type !== MessageType.Default && full.type !== MessageType.Reply) return [];
    const event = normalizeMessageUpdate(full, this.facts(full.guild_id, full.channel_id));
    const bot = this.host.bot();
    return bot && event ? [bot.handle(this.host.adapter, event)] : [];
  }

  private onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    const raw = this.rawInteractions.get(interaction.id);
    this.rawInteractions.delete(interaction.id);
    if (!raw) return Promise.resolve();
    return this.order.add(orderKey(raw.guild_id, interaction.user.id), async () => {
      const bot = this.host.bot();
      if (!bot) return [];
      const specs = bot.commands();
      const event = normalizeInteraction(raw, this.facts(raw.guild_id, interaction.channelId), (name) =>
        specs.find((spec) => spec.name === name),
      );
      const pending = this.host.replies.park(interaction);
      const handled = bot.handle(this.host.adapter, event).finally(() => {
        this.host.replies.expire(pending, this.host.unansweredMs ?? 10_000);
      });
      return [handled];
    });
  }

  /** A click on a card button: acknowledged at once (ephemeral), then handed to the core in order. */
  private onClick(interaction: ButtonInteraction): Promise<void> {
    const raw = this.rawClicks.get(interaction.id);
    this.rawClicks.delete(interaction.id);
    if (!raw) return Promise.resolve();
    this.host.taps.park(interaction, this.host.unansweredMs);
    return this.order.add(orderKey(raw.guild_id, interaction.user.id), async () => {
      const bot = this.host.bot();
      if (!bot) return [];
      return [bot.handle(this.host.adapter, normalizeButton(raw, this.facts(raw.guild_id, raw.channel_id)))];
    });
  }

  /** Builds a guild-level event in the guild's community channel and hands it to the core. */
  private async inCommunity(
    guildId: string,
    build: (guild: Guild, chat: ChatRef) => Promise<BotEvent>,
  ): Promise<Promise<void>[]> {
    const client = this.host.client();
    const guild = client?.guilds.cache.get(guildId);
    const chat = client && guild && communityChat(client, guild, this.firstChannel.get(guildId));
    if (!guild || !chat || !this.host.bot()) return [];
    const event = await build(guild, chat);
    const bot = this.host.bot();
    return bot ? [bot.handle(this.host.adapter, event)] : [];
  }

  /** Queues a hand-over behind the earlier events of its guild (or DM); failures are logged. */
  private inOrder(key: string, handOver: () => Promise<readonly Promise<void>[]>, what: string): void {
    this.background(this.order.add(key, handOver), what);
  }

  private facts(guildId: string | undefined, channelId: string): ChannelFacts {
    return channelFacts(this.host.client(), guildId, channelId);
  }

  private background(work: Promise<void>, what: string): void {
    work.catch((error: unknown) => this.host.log.error({ err: error }, `discord: ${what} failed`));
  }
}

/** What must stay in order with an event: its guild, or for a DM its member. */
function orderKey(guildId: string | undefined, userId: string | undefined): string {
  return guildId ?? `dm:${userId ?? ''}`;
}
