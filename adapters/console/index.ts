import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type {
  Adapter,
  BotHandle,
  ButtonRows,
  Capabilities,
  EditOptions,
  MemberStanding,
  Outgoing,
} from '../../src/core/adapter.js';
import type { SystemClock } from '../../src/core/clock.js';
import type { BotEvent, ChatRef, ImageRef, MessageEvent, Role, UserRef } from '../../src/core/events.js';
import { downloadLimited } from '../download.js';
import { ConsoleMemory } from './memory.js';
import { ConsoleStateFile } from './state.js';
import { type ConsoleAction, ConsoleReader } from './syntax.js';

/** What the console needs from the running process beyond the adapter contract. */
export interface ConsoleHost {
  clock: SystemClock;
  /** Runs the timed work that became due after the clock moved. */
  runDue(): Promise<void>;
  /** Resolves when no outgoing message is waiting. */
  idle(): Promise<void>;
  /** Flushes and exits (`:quit` or end of input). */
  quit(): void;
  /**
   * The data dir: `:admin` grants, the `:clock` offset and the message-id counter are kept in
   * `<dataDir>/console.json` so a restart continues where the last run stopped. Without it,
   * nothing outlives the process.
   */
  dataDir?: string;
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
    reactions: false,
    // No buttons in a terminal: members order by text (`+1`).
    buttons: false,
    pacing: { perChatPerMinute: 0, globalPerSecond: 0, liveEditMs: 0, liveRepostMs: 0 },
  };

  /** The current group's name: a chat id of the console platform. */
  private group = 'main';
  private speaker = OWNER;
  private readonly reader = new ConsoleReader();
  private readonly memory: ConsoleMemory;
  private received = 0;
  // Unique across runs, so redelivery dedupe never mistakes a new line for an old one.
  private readonly runId = Date.now().toString(36);
  private stopped = false;

  constructor(
    private readonly host: ConsoleHost,
    private readonly input: Readable = process.stdin,
    private readonly output: Writable = process.stdout,
  ) {
    const file = host.dataDir ? new ConsoleStateFile(join(host.dataDir, 'console.json')) : undefined;
    this.memory = new ConsoleMemory(file, (message) => this.print(`[console] error: ${message}`));
    // Restored before the bot starts, so its first look at the clock already sees the offset.
    if (this.memory.clockOffsetMs > 0) host.clock.advance(this.memory.clockOffsetMs);
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
      rl.setPrompt(this.reader.pasting ? '… ' : `${this.speaker}@${this.group}> `);
      rl.prompt();
    };
    if (interactive)
      this.print(
        '[console] tuanbot simulator — you are "owner" in group "main". Try /help, or :as alice then +1.',
      );
    const restored = this.memory.summary(this.host.clock.now());
    if (restored) this.print(`[console] restored: ${restored}`);
    void (async () => {
      prompt();
      for await (const line of rl) {
        if (this.stopped) break;
        let action: ConsoleAction | undefined;
        try {
          action = this.reader.read(line);
        } catch (error) {
          // A line the reader cannot take must never stop the console reading the next one.
          action = { kind: 'error', message: (error as Error).message };
        }
        if (action && !(await this.runSafely(bot, action))) break;
        prompt();
      }
      const unfinished = this.reader.end();
      if (unfinished && !this.stopped) await this.runSafely(bot, unfinished);
      rl.close();
      if (!this.stopped) this.host.quit();
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.memory.close();
  }

  /** Prints `[GROUP] bot (m3): TEXT` (or `bot (m4) image: PATH`): the id is what `:reply` takes. */
  async send(chat: ChatRef, out: Outgoing): Promise<{ messageId: string }> {
    const messageId = await this.memory.nextMessageId();
    const where = `${this.label(chat)} bot (${messageId})`;
    if (out.kind === 'text') this.print(`${where}: ${out.text}`);
    else this.print(`${where} ${out.kind}: ${out.path}${out.caption ? `\n${out.caption}` : ''}`);
    return { messageId };
  }

  /** Prints `[GROUP] bot edited m3: TEXT` (`edited the caption of m4` for a picture's). */
  async edit(
    chat: ChatRef,
    messageId: string,
    text: string,
    _buttons?: ButtonRows,
    opts?: EditOptions,
  ): Promise<void> {
    const what = opts?.caption ? `the caption of ${messageId}` : messageId;
    this.print(`${this.label(chat)} bot edited ${what}: ${text}`);
  }

  async removeMember(chat: ChatRef, userId: string): Promise<void> {
    this.print(`${this.label(chat)} bot removed ${userId}`);
  }

  /** The console's own view: `:admin` grants (also those made after a member last spoke) and the owner. */
  async memberStanding(
    chat: ChatRef,
    userIds: readonly string[],
  ): Promise<ReadonlyMap<string, MemberStanding>> {
    return new Map(userIds.map((id) => [id, this.roleIn(chat.chatId, id)]));
  }

  async createInviteLink(chat: ChatRef, name: string): Promise<string> {
    return `https://invite.console/${encodeURIComponent(chat.chatId)}/${encodeURIComponent(name)}`;
  }

  directChat(userId: string): ChatRef {
    return { platform: this.platform, chatId: `dm:${userId}`, kind: 'direct', title: userId };
  }

  /** A picture sent with `:image PATH`: the local file, at most maxBytes of it. */
  readImage(image: ImageRef, maxBytes: number): Promise<Uint8Array> {
    return downloadLimited(pathToFileURL(image.ref), maxBytes);
  }

  /** Runs one action; an error is printed as one line and the console keeps reading. */
  private async runSafely(bot: BotHandle, action: ConsoleAction): Promise<boolean> {
    try {
      return await this.run(bot, action);
    } catch (error) {
      this.print(`[console] error: ${(error as Error).message}`);
      return true;
    }
  }

  /** Handles one parsed line; false means stop reading. */
  private async run(bot: BotHandle, line: ConsoleAction): Promise<boolean> {
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
        this.group = line.name;
        return true;
      case 'admin':
        await this.memory.grant(this.group, line.name);
        return true;
      case 'clock': {
        const by = line.by ?? (line.to ? line.to.getTime() - this.host.clock.now().getTime() : 0);
        if (by <= 0) {
          this.print('[console] error: the clock only moves forward');
          return true;
        }
        this.host.clock.advance(by);
        await this.memory.clockMoved(by);
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
      case 'reply': {
        if (!this.memory.issued(line.messageId)) {
          this.print(
            `[console] error: no bot message ${line.messageId} yet — ids show as [main] bot (m3): …`,
          );
          return true;
        }
        await this.deliver(bot, this.said(line.name, line.text, { replyTo: line.messageId }));
        break;
      }
      case 'image': {
        // The file is checked here only for being there: the bot reads it (readImage) and decides.
        const path = resolve(line.path);
        if (!existsSync(path)) {
          this.print(`[console] error: no file ${line.path}`);
          return true;
        }
        await this.deliver(
          bot,
          this.said(line.name, line.text, { images: [{ ref: path, name: basename(path) }] }),
        );
        break;
      }
      case 'say':
        await this.deliver(bot, this.said(line.name, line.text));
        break;
    }
    return true;
  }

  private async deliver(bot: BotHandle, event: BotEvent): Promise<void> {
    await bot.handle(this, event);
    await this.host.idle();
  }

  /** A message in the current group from NAME (the current speaker when none is named). */
  private said(
    name: string | undefined,
    text: string,
    extra: Pick<MessageEvent, 'replyTo' | 'images'> = {},
  ): MessageEvent {
    return {
      type: 'message',
      id: this.nextId(),
      chat: this.chat(),
      sender: this.user(name ?? this.speaker),
      text,
      ...extra,
    };
  }

  private chat(): ChatRef {
    return { platform: this.platform, chatId: this.group, kind: 'group', title: this.group };
  }

  private user(name: string): UserRef {
    const role = this.roleIn(this.group, name);
    return { id: name, name, role };
  }

  private roleIn(group: string, name: string): Role {
    return name === OWNER ? 'owner' : this.memory.isAdmin(group, name) ? 'admin' : 'member';
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
