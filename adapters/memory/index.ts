import {
  type Adapter,
  type BotHandle,
  type ButtonRows,
  type Capabilities,
  DeliveryError,
  type EditOptions,
  ImageTooLargeError,
  type MemberStanding,
  type Origin,
  type Outgoing,
  UnreachableError,
} from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { ChatRef, ImageRef } from '../../src/core/events.js';

/** Something the bot did on the in-memory platform. */
export type MemoryAction = (
  | { kind: 'send'; chat: ChatRef; messageId: string; out: Outgoing; origin?: Origin }
  | { kind: 'edit'; chat: ChatRef; messageId: string; text: string; buttons?: ButtonRows; caption?: true }
  | { kind: 'remove'; chat: ChatRef; userId: string }
) & { at?: number };

export const MEMORY_CAPABILITIES: Capabilities = {
  editMessages: true,
  removeMembers: true,
  inviteLinks: true,
  images: true,
  files: true,
  nativeCommands: false,
  maxMessageLength: 4096,
  defaultLocale: 'en',
  reactions: true,
  buttons: true,
  pacing: { perChatPerMinute: 0, globalPerSecond: 0, liveEditMs: 0, liveRepostMs: 0 },
};

/**
 * A platform that lives in memory: it records what the bot does and lets a test or the benchmark
 * feed events. No network, no SDK; capabilities are configurable to play any platform's limits.
 */
export class MemoryAdapter implements Adapter {
  readonly actions: MemoryAction[] = [];
  /** Reactions the bot put on messages (kept apart: they are not messages in the chat). */
  readonly reactions: { chat: ChatRef; messageId: string; emoji: string; at?: number }[] = [];
  /** Private answers to button taps (seen by the member who tapped only, so not messages either). */
  readonly answers: { chat: ChatRef; interactionId: string; text: string; at?: number }[] = [];
  readonly capabilities: Capabilities;
  bot: BotHandle | undefined;
  private nextMessage = 0;
  /** Set to make the next calls fail, e.g. with a RateLimitedError. */
  failNext: Error[] = [];
  /**
   * Users the platform will not let the bot write to privately (never opened the bot, or blocked
   * it): a private message to them fails with UnreachableError, as Telegram's 403 does.
   */
  readonly unreachable = new Set<string>();
  /** The link that opens a private chat with the bot; undefined plays a platform without one. */
  link: string | undefined = 'https://memory.bot/tuanbot';
  /**
   * The platform's own view of a group's members (memberStanding answers from it): their rights
   * now, or `gone`. A test sets it; by default the platform says nothing (the store's record counts).
   */
  standingOf: (chatId: string, userId: string) => MemberStanding | undefined = () => undefined;
  /** Every time the platform was asked where members stand, with the user ids asked about. */
  readonly standingAsked: { chatId: string; userIds: string[] }[] = [];
  /** Set to make memberStanding fail (the platform cannot be asked now). */
  standingFails: Error | undefined;
  /** Files members sent, by ref (a test puts their bytes here): what readImage hands out. */
  readonly files = new Map<string, Uint8Array>();

  constructor(
    readonly platform = 'memory',
    capabilities: Partial<Capabilities> = {},
    /** When given, every action is stamped with this clock's time (pacing tests). */
    private readonly clock?: Clock,
  ) {
    this.capabilities = { ...MEMORY_CAPABILITIES, ...capabilities };
    if (!this.capabilities.editMessages) this.edit = undefined;
    if (!this.capabilities.removeMembers) this.removeMember = undefined;
    if (!this.capabilities.inviteLinks) this.createInviteLink = undefined;
    if (!this.capabilities.reactions) this.react = undefined;
    if (!this.capabilities.buttons) this.answer = undefined;
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
  }

  async stop(): Promise<void> {
    this.bot = undefined;
  }

  async send(chat: ChatRef, out: Outgoing, origin?: Origin): Promise<{ messageId: string }> {
    this.maybeFail();
    if (chat.kind === 'direct' && this.unreachable.has(chat.chatId.replace(/^dm:/, '')))
      throw new UnreachableError("Forbidden: bot can't initiate conversation with a user");
    const messageId = `mem${++this.nextMessage}`;
    this.actions.push({ kind: 'send', chat, messageId, out, ...(origin ? { origin } : {}), ...this.stamp() });
    return { messageId };
  }

  edit?: (
    chat: ChatRef,
    messageId: string,
    text: string,
    buttons?: ButtonRows,
    opts?: EditOptions,
  ) => Promise<void> = async (chat, messageId, text, buttons, opts) => {
    this.maybeFail();
    this.actions.push({
      kind: 'edit',
      chat,
      messageId,
      text,
      ...(buttons ? { buttons } : {}),
      ...(opts?.caption ? { caption: true as const } : {}),
      ...this.stamp(),
    });
  };

  /** Records the private answer to a tap. */
  answer?: (chat: ChatRef, interactionId: string, text: string) => Promise<void> = async (
    chat,
    interactionId,
    text,
  ) => {
    this.answers.push({ chat, interactionId, text, ...this.stamp() });
  };

  removeMember?: (chat: ChatRef, userId: string) => Promise<void> = async (chat, userId) => {
    this.maybeFail();
    this.actions.push({ kind: 'remove', chat, userId, ...this.stamp() });
  };

  /** Answers from standingOf; while standingFails is set, fails with it as the platform would. */
  async memberStanding(
    chat: ChatRef,
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, MemberStanding>> {
    if (this.standingFails) throw this.standingFails;
    this.standingAsked.push({ chatId: chat.chatId, userIds: [...userIds] });
    const standing = new Map<string, MemberStanding>();
    for (const userId of userIds) {
      const said = this.standingOf(chat.chatId, userId);
      if (said) standing.set(userId, said);
    }
    return standing;
  }

  /** Records the reaction; any emoji is accepted here (the platform fakes check Telegram's list). */
  react?: (chat: ChatRef, messageId: string, emoji: string) => Promise<void> = async (
    chat,
    messageId,
    emoji,
  ) => {
    this.maybeFail();
    this.reactions.push({ chat, messageId, emoji, ...this.stamp() });
  };

  /** A file members sent (see `files`); one the platform no longer has fails as a gone file would. */
  async readImage(image: ImageRef, maxBytes: number): Promise<Uint8Array> {
    const bytes = this.files.get(image.ref);
    if (!bytes) throw new DeliveryError(`memory: no file ${image.ref}`, false);
    if (bytes.length > maxBytes) throw new ImageTooLargeError(maxBytes, bytes.length);
    return bytes;
  }

  createInviteLink?: (chat: ChatRef, name: string) => Promise<string> = async (chat, name) =>
    `https://invite.memory/${chat.chatId}/${encodeURIComponent(name)}`;

  botLink(): string | undefined {
    return this.link;
  }

  directChat(userId: string): ChatRef {
    return { platform: this.platform, chatId: `dm:${userId}`, kind: 'direct', title: userId };
  }

  private stamp(): { at?: number } {
    return this.clock ? { at: this.clock.now().getTime() } : {};
  }

  private maybeFail(): void {
    const error = this.failNext.shift();
    if (error) throw error;
  }
}
