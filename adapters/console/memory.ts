import { formatDuration } from '../../src/core/duration.js';
import type { ConsoleStateFile } from './state.js';

/** Message ids are reserved on disk this many at a time, so a crash never hands out an id twice. */
const ID_BLOCK = 100;

/**
 * What the console keeps across restarts on one data dir: `:admin` grants, how far `:clock` moved
 * the clock, and the bot's message-id counter (so an id printed by an earlier run never names a
 * new message). With a file, every change is saved before it is used; a failed save is reported
 * through onSaveError and the change holds until the bot stops. Without a file, nothing is kept.
 */
export class ConsoleMemory {
  private readonly admins = new Map<string, Set<string>>();
  private offsetMs = 0;
  /** Number of the last id handed out (`m<sent>`), and the highest number reserved on disk. */
  private sent = 0;
  private reserved = 0;

  /** Reads the file at once (ConsoleStateError when it cannot be read), so start-up sees it all. */
  constructor(
    private readonly file: ConsoleStateFile | undefined,
    private readonly onSaveError: (message: string) => void,
  ) {
    if (!file) return;
    const state = file.load();
    this.offsetMs = state.clockOffsetMs;
    for (const [group, names] of Object.entries(state.admins)) this.admins.set(group, new Set(names));
    this.sent = this.reserved = state.messageIds;
  }

  /** How far (ms, ≥ 0) the clock is ahead of the wall clock; at start, what the last run left. */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  isAdmin(group: string, name: string): boolean {
    return this.admins.get(group)?.has(name) ?? false;
  }

  /** Makes NAME an admin of group (nothing to save when NAME already is one). */
  async grant(group: string, name: string): Promise<void> {
    if (this.isAdmin(group, name)) return;
    const admins = this.admins.get(group) ?? new Set<string>();
    admins.add(name);
    this.admins.set(group, admins);
    await this.save();
  }

  /** Records that `:clock` moved the clock forward by ms. */
  async clockMoved(ms: number): Promise<void> {
    this.offsetMs += ms;
    await this.save();
  }

  /** The next bot message id, `m1`, `m2`, …; reserves the next block on disk first when needed. */
  async nextMessageId(): Promise<string> {
    const n = ++this.sent;
    if (n > this.reserved) {
      this.reserved = n + ID_BLOCK - 1;
      await this.save();
    }
    return `m${n}`;
  }

  /** Whether `m<n>` is an id the bot has given a message on this data dir. */
  issued(messageId: string): boolean {
    const n = Number(/^m(\d+)$/.exec(messageId)?.[1] ?? 0);
    return n >= 1 && n <= this.sent;
  }

  /** At a clean stop everything queued was sent: the next run continues right after the last id. */
  async close(): Promise<void> {
    this.reserved = this.sent;
    await this.save();
  }

  /** What there is to restore, in one line (`clock … (+2d); admins bob (main)`), or undefined. */
  summary(now: Date): string | undefined {
    const admins = [...this.admins]
      .filter(([, names]) => names.size > 0)
      .map(([group, names]) => `${[...names].join(', ')} (${group})`);
    const parts = [
      ...(this.offsetMs > 0 ? [`clock ${now.toISOString()} (+${formatDuration(this.offsetMs)})`] : []),
      ...(admins.length > 0 ? [`admins ${admins.join(', ')}`] : []),
    ];
    return parts.length > 0 ? parts.join('; ') : undefined;
  }

  private async save(): Promise<void> {
    if (!this.file) return;
    const admins = Object.fromEntries([...this.admins].map(([group, names]) => [group, [...names]]));
    const state = { clockOffsetMs: this.offsetMs, admins, messageIds: this.reserved };
    await this.file.save(state).catch((error: Error) => {
      this.onSaveError(`cannot save ${this.file!.path} (${error.message}); it holds until the bot stops`);
    });
  }
}
