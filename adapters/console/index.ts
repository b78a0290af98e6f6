import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Adapter, BotHandle, Capabilities, Outgoing } from '../../src/core/adapter.js';
import type { SystemClock } from '../../src/core/clock.js';
import type { BotEvent, ChatRef, Role, UserRef } from '../../src/core/events.js';
import { type ConsoleLine, parseConsoleLine } from './syntax.js';

/** What the console needs from the running process beyond the adapter contract. */
export interface ConsoleHost {
  clock: SystemClock;
  /** Runs the timed work that became due after the clock moved. */
  runDue(): Promise<void>;
  /** Resolves when no outgoing message is waiting. */
  idle(): Promise<void>;
  /** Flushes and exits (`:quit` or end of input). */
  quit(): void;
}

interface Group {
  name: string;
  admins: Set<string>;
}

const OWNER = 'owner';

/**
 * The console simulator: a group chat in the terminal. Lines are read from stdin and handled one
 * at a time (each line's replies are printed before the next line is read), so a piped script
 * gives a deterministic transcript.
 */
export class ConsoleAdapter implements Adapter {
  readonly platform = 'console';
  readonly capabilities: Capabilities = {
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

  private readonly groups = new Map<string, Group>();
  private group: Group;
  private speaker = OWNER;
  private sent = 0;
  private received = 0;
  // Unique across runs, so redelivery dedupe never mistakes a new line for an old one.
  private readonly runId = Date.now().toString(36);
  private stopped = false;

  constructor(
    private readonly host: ConsoleHost,
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
  ) {
    this.group = this.switchGroup('main');
  }

  async start(bot: BotHandle): Promise<void> {
    const interactive = Boolean((this.input as { isTTY?: boolean }).isTTY);
    const rl = createInterface({
      input: this.input,
      output: interactive ? this.output : undefined,
      terminal: interactive,
    });
    const prompt = () => {
      if (!interactive || this.stopped) return;
      rl.setPrompt(`${this.speaker}@${this.group.name}> `);
      rl.prompt();
    };
    if (interactive)
      this.print(
        '[console] tuanbot simulator — you are "owner" in group "main". Try /help, or :as alice then +1.',
      );
    void (async () => {
      prompt();
      for await (const line of rl) {
        if (this.stopped) break;
        try {
          const keepGoing = await this.run(bot, parseConsoleLine(line));
          if (!keepGoing) break;
        } catch (error) {
          this.print(`[console] error: ${(error as Error).message}`);
        }
        prompt();
      }
      rl.close();
      if (!this.stopped) this.host.quit();
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    const messageId = `m${++this.sent}`;
    const where = this.label(chat);
    if (out.kind === 'text') this.print(`${where} bot: ${out.text}`);
    else this.print(`${where} bot ${out.kind}: ${out.path}${out.caption ? `\n${out.caption}` : ''}`);
    return { messageId };
  }

  async edit(chat: ChatRef, messageId: string, text: string): Promise<void> {
    this.print(`${this.label(chat)} bot edited ${messageId}: ${text}`);
  }

  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    this.print(`${this.label(chat)} bot removed ${userId}`);
  }

  async createInviteLink(chat: ChatRef, name: string): Promise<string> {
    return `https://invite.console/${encodeURIComponent(chat.chatId)}/${encodeURIComponent(name)}`;
  }

  directChat(userId: string): ChatRef {
    return { platform: this.platform, chatId: `dm:${userId}`, kind: 'direct', title: userId };
  }

  /** Handles one parsed line; false means stop reading. */
  private async run(bot: BotHandle, line: ConsoleLine): Promise<boolean> {
    switch (line.kind) {
      case 'empty':
        return true;
      case 'error':
        this.print(`[console] error: ${line.message}`);
        return true;
      case 'quit':
        return false;
      case 'as':
        this.speaker = line.name;
        return true;
      case 'group':
        this.group = this.switchGroup(line.name);
        return true;
      case 'admin':
        this.group.admins.add(line.name);
        return true;
      case 'clock': {
        const by = line.by ?? (line.to ? line.to.getTime() - this.host.clock.now().getTime() : 0);
        if (by <= 0) {
          this.print('[console] error: the clock only moves forward');
          return true;
        }
        this.host.clock.advance(by);
        this.print(`[console] clock: ${this.host.clock.now().toISOString()}`);
        await this.host.runDue();
        break;
      }
      case 'join':
        await this.deliver(bot, {
          type: 'member_joined',
          id: this.nextId(),
          chat: this.chat(),
          member: this.user(line.name),
          ...(line.via ? { invite: line.via } : {}),
        });
        break;
      case 'leave':
        await this.deliver(bot, {
          type: 'member_left',
          id: this.nextId(),
          chat: this.chat(),
          member: this.user(line.name),
        });
        break;
      case 'dm':
        await this.deliver(bot, {
          type: 'message',
          id: this.nextId(),
          chat: this.directChat(line.name),
          sender: { id: line.name, name: line.name },
          text: line.text,
        });
        break;
      case 'say': {
        const name = line.name ?? this.speaker;
        await this.deliver(bot, {
          type: 'message',
          id: this.nextId(),
          chat: this.chat(),
          sender: this.user(name),
          text: line.text,
        });
        break;
      }
    }
    return true;
  }

  private async deliver(bot: BotHandle, event: BotEvent): Promise<void> {
    await bot.handle(this, event);
    await this.host.idle();
  }

  private switchGroup(name: string): Group {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, admins: new Set() };
      this.groups.set(name, group);
    }
    return group;
  }

  private chat(): ChatRef {
    return { platform: this.platform, chatId: this.group.name, kind: 'group', title: this.group.name };
  }

  private user(name: string): UserRef {
    const role: Role = name === OWNER ? 'owner' : this.group.admins.has(name) ? 'admin' : 'member';
    return { id: name, name, role };
  }

  private nextId(): string {
    return `${this.runId}.${++this.received}`;
  }

  private label(chat: ChatRef): string {
    return chat.kind === 'direct' ? `[dm ${chat.chatId.replace(/^dm:/, '')}]` : `[${chat.chatId}]`;
  }

  /** Multi-line texts keep their lines, indented by two spaces after the first. */
  private print(text: string): void {
    this.output.write(`${text.split('\n').join('\n  ')}\n`);
  }
}
