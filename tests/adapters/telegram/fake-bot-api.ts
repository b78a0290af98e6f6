import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';

/** One Bot API call as it reached the fake server. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** When it arrived, on the fake's clock (ms). */
  at: number;
  /** The error code it was answered with, if it was refused. */
  refused?: number;
}

interface Failure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** A call the fake answered with an error, scripted (failNext) or because Telegram would refuse it. */
export interface Refusal extends Failure {
  method: string;
  chatId: string;
}

/**
 * Telegram's documented flood limits (FIELD-NOTES): about one message a second per chat, 20 a
 * minute in a group, 30 a second overall. Edits count like sends; reactions count only overall.
 */
export interface FloodLimits {
  chatGapMs: number;
  groupPerMinute: number;
  globalPerSecond: number;
}

export const TELEGRAM_LIMITS: FloodLimits = { chatGapMs: 1_000, groupPerMinute: 20, globalPerSecond: 30 };

/** Reaction emoji the Bot API accepts (Telegram's list, as of Bot API 7); anything else is REACTION_INVALID. */
export const ALLOWED_REACTIONS = new Set([
  '👍',
  '👎',
  '❤',
  '🔥',
  '🥰',
  '👏',
  '😁',
  '🤔',
  '🤯',
  '😱',
  '🤬',
  '😢',
  '🎉',
  '🤩',
  '🤮',
  '💩',
  '🙏',
  '👌',
  '🕊',
  '🤡',
  '🥱',
  '🥴',
  '😍',
  '🐳',
  '❤‍🔥',
  '🌚',
  '🌭',
  '💯',
  '🤣',
  '⚡',
  '🍌',
  '🏆',
  '💔',
  '🤨',
  '😐',
  '🍓',
  '🍾',
  '💋',
  '🖕',
  '😈',
  '😴',
  '😭',
  '🤓',
  '👻',
  '👨‍💻',
  '👀',
  '🎃',
  '🙈',
  '😇',
  '😨',
  '🤝',
  '✍',
  '🤗',
  '🫡',
  '🎅',
  '🎄',
  '☃',
  '💅',
  '🤪',
  '🗿',
  '🆒',
  '💘',
  '🙉',
  '🦄',
  '😘',
  '💊',
  '🙊',
  '😎',
  '👾',
  '🤷‍♂',
  '🤷',
  '🤷‍♀',
  '😡',
]);

/** Updates Telegram sends when allowed_updates was never given: everything but these. */
const NOT_BY_DEFAULT = ['chat_member', 'message_reaction', 'message_reaction_count'];

/** Methods that put a message in a chat, and so spend its flood budget. */
const POSTING = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'editMessageText', 'sendInvoice']);

type Status = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export const BOT_USER = {
  id: 777000111,
  is_bot: true as const,
  first_name: 'Tuan',
  username: 'TuanTestBot',
  can_join_groups: true,
  can_read_all_group_messages: true,
  supports_inline_queries: false,
};

/**
 * A local stand-in for api.telegram.org: answers `/bot<token>/<method>` with the Bot API's JSON
 * shapes, serves queued updates to getUpdates by offset, and records every other call. It refuses
 * what Telegram refuses: flood (429 with retry_after, on the `now` clock), private messages to a
 * user who never opened the bot or blocked it (403), texts over 4,096 characters (400), reactions
 * outside Telegram's list (400), a message_thread_id in a chat that is not a forum (400); and it keeps every refusal in `refusals` so tests can count them.
 */
export class FakeBotApi {
  readonly token = '777000111:TEST-token';
  /** Every call except getUpdates (which would drown the rest). */
  readonly calls: ApiCall[] = [];
  /** Admins per chat id, as getChatAdministrators reports them. */
  readonly admins = new Map<string, { id: number; name: string; status: 'creator' | 'administrator' }[]>();
  /** The bot's own status per chat id (getChatMember); administrator unless told otherwise. */
  readonly botStatus = new Map<string, Status>();
  /** Users who opened a private chat with the bot (sent it anything privately, usually /start). */
  readonly opened = new Set<number>();
  /** Users who blocked the bot. */
  readonly blocked = new Set<number>();
  /** Every error answer, in order (scripted ones included). */
  readonly refusals: Refusal[] = [];
  /** Reactions the bot set, per `chat:message`: the emoji shown now. */
  readonly reactions = new Map<string, string[]>();
  /** Supergroups with topics on (`is_forum`): the only chats where a message_thread_id may be sent. */
  readonly forums = new Set<string>();
  /** allowed_updates as last given to getUpdates or setWebhook; undefined: Telegram's default. */
  allowedUpdates: string[] | undefined;
  /**
   * Every getUpdates as it arrived (on the `now` clock) with the offset it gave: an offset confirms
   * every update below it, which the poller asks for only once the batch before was handled.
   */
  readonly polls: { at: number; offset: number }[] = [];
  /** Accepted posts per chat (times on `now`), and all accepted calls, for the flood limits. */
  private readonly posted = new Map<string, number[]>();
  private readonly accepted: number[] = [];
  private readonly failures = new Map<string, Failure[]>();
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private wake: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The fake's clock in ms (the test's ManualClock, so flood limits follow test time). */
    private readonly now: () => number,
    readonly limits: FloodLimits,
  ) {}

  static async start(
    options: { now?: () => number; limits?: Partial<FloodLimits> } = {},
  ): Promise<FakeBotApi> {
    let api: FakeBotApi | undefined;
    const server = createServer((req, res) => void api!.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const limits = { ...TELEGRAM_LIMITS, ...options.limits };
    api = new FakeBotApi(server, `http://127.0.0.1:${port}`, options.now ?? Date.now, limits);
    return api;
  }

  /** How many calls were refused with this error code (429: flood, 403: forbidden, 400: bad request). */
  refused(code: number): number {
    return this.refusals.filter((r) => r.error_code === code).length;
  }

  async close(): Promise<void> {
    for (const wake of this.wake.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update for getUpdates; the update id is assigned here unless given. */
  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    // Writing to the bot privately opens the chat: from then on the bot may write to that user.
    const message = 'message' in full ? full.message : undefined;
    if (message?.chat.type === 'private' && message.from) {
      this.opened.add(message.from.id);
      this.blocked.delete(message.from.id);
    }
    this.updates.push(full);
    for (const wake of this.wake.splice(0)) wake();
    return full;
  }

  /** Answers the next `count` calls of `method` with this error instead of a result. */
  failNext(method: string, failure: Failure, count = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Telegram's flood control answer: 429 with retry_after in seconds. */
  rateLimitNext(method: string, count: number, retryAfter: number): void {
    this.failNext(
      method,
      {
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      },
      count,
    );
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The calls of `method` Telegram would have carried out (not refused). */
  acceptedOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.refused === undefined);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const body = await readBody(req);
    const reply = (status: number, payload: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (!match || match[1] !== this.token)
      return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const params = parseParams(req.headers['content-type'] ?? '', body);
    if (method === 'getUpdates') return reply(200, { ok: true, result: await this.getUpdates(params, res) });
    const call: ApiCall = { method, params, at: this.now() };
    this.calls.push(call);
    if (method === 'setWebhook' && Array.isArray(params.allowed_updates))
      this.allowedUpdates = params.allowed_updates as string[];
    const failure = this.failures.get(method)?.shift() ?? this.refusal(method, params);
    if (failure) {
      call.refused = failure.error_code;
      this.refusals.push({ ...failure, method, chatId: String(params.chat_id ?? '') });
      return reply(failure.error_code, { ok: false, ...failure });
    }
    this.spend(method, String(params.chat_id ?? ''));
    const result = this.answer(method, params);
    if (result === undefined)
      return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    reply(200, { ok: true, result });
  }

  /** What Telegram would answer instead of a result, if it would refuse this call. */
  private refusal(method: string, params: Record<string, unknown>): Failure | undefined {
    const chatId = String(params.chat_id ?? '');
    const text = typeof params.text === 'string' ? params.text : undefined;
    const caption = typeof params.caption === 'string' ? params.caption : undefined;
    if (text !== undefined && [...text].length > 4096) return badRequest('message is too long');
    if (caption !== undefined && [...caption].length > 1024) return badRequest('message caption is too long');
    // Inline keyboards: callback_data is 1–64 bytes; a toast is at most 200 characters.
    const keyboard = parseJson(params.reply_markup) as
      | { inline_keyboard?: { callback_data?: string }[][] }
      | undefined;
    const data = keyboard?.inline_keyboard?.flat().map((b) => b.callback_data ?? '') ?? [];
    if (data.some((d) => d.length === 0 || Buffer.byteLength(d, 'utf8') > 64))
      return badRequest('BUTTON_DATA_INVALID');
    if (keyboard?.inline_keyboard?.some((row) => row.length > 8)) return badRequest('BUTTON_TYPE_INVALID');
    if (method === 'answerCallbackQuery' && typeof params.text === 'string' && [...params.text].length > 200)
      return badRequest('MESSAGE_TOO_LONG');
    if (method === 'setMessageReaction') {
      const reaction = parseJson(params.reaction) as { type?: string; emoji?: string }[] | undefined;
      if (reaction?.some((r) => r.type !== 'emoji' || !ALLOWED_REACTIONS.has(r.emoji ?? '')))
        return badRequest('REACTION_INVALID');
    }
    // Telegram answers a topic in a chat without topics with 400; the message is not posted at all.
    if (POSTING.has(method) && params.message_thread_id !== undefined && !this.forums.has(chatId))
      return badRequest('message thread not found');
    const isPrivate = chatId !== '' && !chatId.startsWith('-');
    if (POSTING.has(method) && isPrivate && method !== 'editMessageText') {
      const userId = Number(chatId);
      if (this.blocked.has(userId))
        return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
      if (!this.opened.has(userId))
        return { error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" };
    }
    const wait = this.floodWait(method, chatId, isPrivate);
    if (wait > 0) {
      const retryAfter = Math.ceil(wait / 1000);
      return {
        error_code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        parameters: { retry_after: retryAfter },
      };
    }
    return undefined;
  }

  /** Ms until this call fits Telegram's flood limits; 0 when it fits now. */
  private floodWait(method: string, chatId: string, isPrivate: boolean): number {
    const now = this.now();
    const { chatGapMs, groupPerMinute, globalPerSecond } = this.limits;
    const global = windowWait(this.accepted, globalPerSecond, 1_000, now);
    if (!POSTING.has(method)) return method === 'setMessageReaction' ? global : 0;
    const times = this.posted.get(chatId) ?? [];
    const last = times.at(-1);
    const gap = last === undefined ? 0 : last + chatGapMs - now;
    const minute = isPrivate ? 0 : windowWait(times, groupPerMinute, 60_000, now);
    return Math.max(global, gap, minute);
  }

  private spend(method: string, chatId: string): void {
    if (!POSTING.has(method) && method !== 'setMessageReaction') return;
    const now = this.now();
    this.accepted.push(now);
    if (!POSTING.has(method)) return;
    const times = this.posted.get(chatId) ?? [];
    times.push(now);
    this.posted.set(chatId, times);
  }

  private async getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<Update[]> {
    if (Array.isArray(params.allowed_updates)) this.allowedUpdates = params.allowed_updates as string[];
    // Telegram never stores updates of a type the bot did not ask for.
    for (let i = this.updates.length - 1; i >= 0; i--)
      if (!this.allows(this.updates[i]!)) this.updates.splice(i, 1);
    const offset = Number(params.offset ?? 0);
    this.polls.push({ at: this.now(), offset });
    // An offset confirms every update before it, as on Telegram.
    while (this.updates.length > 0 && this.updates[0]!.update_id < offset) this.updates.shift();
    const limit = Number(params.limit ?? 100);
    if (this.updates.length === 0 && Number(params.timeout ?? 0) > 0) {
      // Long poll, kept short so tests stay fast; a pushed update answers at once.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 300);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
        res.once('close', resolve);
      });
    }
    return this.updates.filter((u) => u.update_id >= offset && this.allows(u)).slice(0, limit);
  }

  private allows(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
    return this.allowedUpdates ? this.allowedUpdates.includes(type) : !NOT_BY_DEFAULT.includes(type);
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    const chatId = String(params.chat_id ?? '');
    const now = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'setMessageReaction': {
        const reaction = (parseJson(params.reaction) ?? []) as { emoji: string }[];
        this.reactions.set(
          `${chatId}:${params.message_id}`,
          reaction.map((r) => r.emoji),
        );
        return true;
      }
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'deleteWebhook':
      case 'setWebhook':
      case 'banChatMember':
      case 'unbanChatMember':
        return true;
      case 'getChatAdministrators':
        return (this.admins.get(chatId) ?? []).map((a) => ({
          user: { id: a.id, is_bot: false, first_name: a.name },
          status: a.status,
          ...(a.status === 'administrator' ? { can_be_edited: false, can_restrict_members: true } : {}),
          is_anonymous: false,
        }));
      case 'getChatMember': {
        const isBot = Number(params.user_id) === BOT_USER.id;
        const status = isBot ? (this.botStatus.get(chatId) ?? 'administrator') : 'member';
        return {
          user: isBot ? BOT_USER : { id: Number(params.user_id), is_bot: false, first_name: 'x' },
          status,
        };
      }
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument':
        return {
          message_id: this.nextMessageId++,
          date: now,
          chat: { id: Number(chatId), type: chatId.startsWith('-') ? 'supergroup' : 'private' },
          from: BOT_USER,
          ...(typeof params.text === 'string' ? { text: params.text } : {}),
          ...(params.message_thread_id !== undefined
            ? { message_thread_id: Number(params.message_thread_id), is_topic_message: true }
            : {}),
          ...(params.reply_parameters !== undefined
            ? {
                reply_to_message: {
                  message_id: (parseJson(params.reply_parameters) as { message_id: number }).message_id,
                },
              }
            : {}),
          ...(params.reply_markup !== undefined ? { reply_markup: parseJson(params.reply_markup) } : {}),
        };
      case 'editMessageText':
        return {
          message_id: Number(params.message_id),
          date: now,
          edit_date: now,
          chat: { id: Number(chatId), type: 'supergroup' },
          text: params.text,
        };
      case 'createChatInviteLink':
        return {
          invite_link: `https://t.me/+fake${this.nextMessageId++}`,
          creator: BOT_USER,
          name: params.name,
          creates_join_request: false,
          is_primary: false,
          is_revoked: false,
        };
      default:
        return undefined;
    }
  }
}

function badRequest(what: string): Failure {
  return { error_code: 400, description: `Bad Request: ${what}` };
}

/** Multipart fields arrive as JSON text; JSON bodies as values already. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** How long until one more event fits in a sliding window of `limit` per `windowMs` (0: now). */
function windowWait(times: number[], limit: number, windowMs: number, now: number): number {
  if (limit <= 0) return 0;
  while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
  return times.length < limit ? 0 : times[times.length - limit]! + windowMs - now;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON bodies as they are; multipart uploads as their text fields plus `<field>: {filename}` for files. */
function parseParams(contentType: string, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  if (contentType.includes('application/json')) return JSON.parse(body.toString('utf8'));
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) return {};
  const params: Record<string, unknown> = {};
  for (const part of body.toString('latin1').split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/.exec(part)?.[1];
    const value = part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
    params[name] = filename !== undefined ? { filename, bytes: value.length } : value;
  }
  return params;
}
