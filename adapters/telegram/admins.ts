import type { Role } from '../../src/core/events.js';
import type { Logger } from '../../src/core/logger.js';

interface Entry {
  roles: Map<string, Role>;
  expiresAt: number;
}

/** One admin as getChatAdministrators reports it. */
export interface AdminRecord {
  userId: string;
  role: Role;
}

/**
 * Who is an admin in each group, from getChatAdministrators, kept for a while so a busy group does
 * not cost one API call per message. A chat_member update that promotes or demotes someone drops
 * the chat's entry, so the next message sees the change at once.
 */
export class AdminCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();

  constructor(
    private readonly fetchAdmins: (chatId: string) => Promise<AdminRecord[]>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 10 * 60_000,
    /** After a failed lookup, members count as plain members for this long before asking again. */
    private readonly failureTtlMs = 30_000,
  ) {}

  async roleOf(chatId: string, userId: string): Promise<Role> {
    const entry = await this.entry(chatId);
    return entry.roles.get(userId) ?? 'member';
  }

  invalidate(chatId: string): void {
    this.entries.delete(chatId);
  }

  private async entry(chatId: string): Promise<Entry> {
    const cached = this.entries.get(chatId);
    if (cached && cached.expiresAt > this.now()) return cached;
    let pending = this.inFlight.get(chatId);
    if (!pending) {
      pending = this.load(chatId).finally(() => this.inFlight.delete(chatId));
      this.inFlight.set(chatId, pending);
    }
    return pending;
  }

  private async load(chatId: string): Promise<Entry> {
    let entry: Entry;
    try {
      const admins = await this.fetchAdmins(chatId);
      entry = {
        roles: new Map(admins.map((a) => [a.userId, a.role])),
        expiresAt: this.now() + this.ttlMs,
      };
    } catch (error) {
      // Failing closed: nobody gets admin rights we could not confirm.
      this.log.warn({ err: error, chat: chatId }, 'telegram: could not read the admin list');
      entry = { roles: new Map(), expiresAt: this.now() + this.failureTtlMs };
    }
    this.entries.set(chatId, entry);
    return entry;
  }
}
