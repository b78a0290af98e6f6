import type { Adapter, BotHandle, Capabilities, Outgoing } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import type { ChatRef } from '../../src/core/events.js';

/** Something the bot did on the in-memory platform. */
export type MemoryAction = (
  | { kind: 'send'; chat: ChatRef; messageId: string; out: Outgoing }
  | { kind: 'edit'; chat: ChatRef; messageId: string; text: string }
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
  pacing: { perChatPerMinute: 0, globalPerSecond: 0, liveEditMs: 0, liveRepostMs: 0 },
};

/**
 * A platform that lives in memory: it records what the bot does and lets a test or the benchmark
 * feed events. No network, no SDK; capabilities are configurable to play any platform's limits.
 */
export class MemoryAdapter implements Adapter {
  readonly actions: MemoryAction[] = [];
  readonly capabilities: Capabilities;
  bot: BotHandle | undefined;
  private nextMessage = 0;
  /** Set to make the next calls fail, e.g. with a RateLimitedError. */
  failNext: Error[] = [];

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
  }

  async start(bot: BotHandle): Promise<void> {
    this.bot = bot;
  }

  async stop(): Promise<void> {
    this.bot = undefined;
  }

  async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    this.maybeFail();
    const messageId = `mem${++this.nextMessage}`;
    this.actions.push({ kind: 'send', chat, messageId, out, ...this.stamp() });
    return { messageId };
  }

  edit?: (chat: ChatRef, messageId: string, text: string) => Promise<void> = async (
    chat,
    messageId,
    text,
  ) => {
    this.maybeFail();
    this.actions.push({ kind: 'edit', chat, messageId, text, ...this.stamp() });
  };

  removeMember?: (chat: ChatRef, userId: string) => Promise<void> = async (chat, userId) => {
    this.maybeFail();
    this.actions.push({ kind: 'remove', chat, userId, ...this.stamp() });
  };

  createInviteLink?: (chat: ChatRef, name: string) => Promise<string> = async (chat, name) =>
    `https://invite.memory/${chat.chatId}/${encodeURIComponent(name)}`;

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
