import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Update, User } from 'telegraf/types';
import { FakePayments } from './fake-payments.js';

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
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
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
const POSTING = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'editMessageText',
  'editMessageCaption',
  'sendInvoice',
]);

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
 * outside Telegram's list (400), captions over 1,024 characters (400), editMessageText on a photo and
 * editMessageCaption on a text (400, as `posts` records each message's kind), a message_thread_id
 * in a chat that is not a forum (400), getFile
 * of a file over 20 MB (400 "file is too big"); and it keeps every refusal in `refusals` so tests can count them.
 *
 * With a webhook set (setWebhook) it posts updates to the bot instead, as Telegram's Bot API server
 * does (tdlib/telegram-bot-api, WebhookActor): a chat's next update only once the bot answered the
 * one before with a 2xx (so a chat's updates arrive in order), other chats' at the same time on up
 * to max_connections (40) connections, the secret in X-Telegram-Bot-Api-Secret-Token, and an
 * update the bot failed to take sent again after a pause. getUpdates is then refused (409).
 * One poller per token, as on Telegram: a getUpdates while another one is held open (long poll)
 * ends the earlier one with 409 "Conflict: terminated by other getUpdates request".
 */
export class FakeBotApi {
  readonly token = '777000111:TEST-token';
  /** Every call except getUpdates (which would drown the rest). */
  readonly calls: ApiCall[] = [];
  /** Admins per chat id, as getChatAdministrators reports them. */
  readonly admins = new Map<string, { id: number; name: string; status: 'creator' | 'administrator' }[]>();
  /** The bot's own status per chat id (getChatMember); administrator unless told otherwise. */
  readonly botStatus = new Map<string, Status>();
  /**
   * Everyone else's status per chat id and user id, as getChatMember answers it (after `admins`):
   * kept from the updates the chat sees (a message or a join makes a member, a leave or a
   * chat_member update sets what it says) and from bans; a user never seen there has `left`.
   */
  readonly members = new Map<string, Map<number, Status>>();
  /** Users who opened a private chat with the bot (sent it anything privately, usually /start). */
  readonly opened = new Set<number>();
  /** Users who blocked the bot. */
  readonly blocked = new Set<number>();
  /** Every error answer, in order (scripted ones included). */
  readonly refusals: Refusal[] = [];
  /** Telegram Payments: invoices refused as Telegram refuses them, pre-checkout queries, payments (fake-payments.ts). */
  readonly payments: FakePayments;
  /** Groups as their updates showed them, by id (what a message the fake makes up there carries). */
  private readonly seenChats = new Map<number, Chat>();
  /** Reactions the bot set, per `chat:message`: the emoji shown now. */
  readonly reactions = new Map<string, string[]>();
  /** Supergroups with topics on (`is_forum`): the only chats where a message_thread_id may be sent. */
  readonly forums = new Set<string>();
  /**
   * Groups upgraded to a supergroup (migrate): old chat id → new chat id. Telegram refuses every
   * call to the old id with 400 and parameters.migrate_to_chat_id.
   */
  readonly migrated = new Map<string, string>();
  /** Groups the bot was removed from (removeBot): every call there is refused with 403, as Telegram does. */
  readonly removedFrom = new Map<string, string>();
  /**
   * What each message the bot posted is, by `chat:message`: a text, or a photo or document (which
   * carry a caption). Telegram edits each only its own way (editMessageText, editMessageCaption).
   */
  readonly posts = new Map<string, 'text' | 'photo' | 'document'>();
  /** Files members sent, by file_id: what getFile describes and the file URL serves. */
  private readonly files = new Map<string, { bytes: Uint8Array; path: string }>();
  /** Every file fetched from the file URL (`/file/bot<token>/<path>`), by path, in order. */
  readonly downloads: string[] = [];
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
  /** Ends the getUpdates long poll held open now, if any, with 409 (a second poller came). */
  private heldPoll: (() => void) | undefined;
  /** The webhook as setWebhook registered it; undefined: updates wait for getUpdates. */
  private webhook: { url: string; secret?: string; maxConnections: number } | undefined;
  /** Per chat, the delivery of its latest update (the next one waits for it). */
  private readonly deliveries = new Map<string, Promise<void>>();
  private inFlight = 0;
  private readonly slots: (() => void)[] = [];
  private closed = false;
  /**
   * Where the registered webhook URL is reached from here: the bot listens on 127.0.0.1, not on
   * the public host it registered (a test sets this to the adapter's local address).
   */
  webhookTarget: ((url: string) => string) | undefined;
  /** The HTTP status of every webhook post, in order (or 0 when the connection failed). */
  readonly webhookAnswers: number[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The fake's clock in ms (the test's ManualClock, so flood limits follow test time). */
    private readonly now: () => number,
    readonly limits: FloodLimits,
  ) {
    this.payments = new FakePayments(now);
  }

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
    this.closed = true;
    for (const slot of this.slots.splice(0)) slot();
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
    this.noteMembership(full);
    this.updates.push(full);
    for (const wake of this.wake.splice(0)) wake();
    this.deliver();
    return full;
  }

  /**
   * Puts a file on Telegram's servers, as a member's upload does: its file_id (for a photo size or
   * a document in an update), served by getFile (refused over 20 MB, as Telegram refuses bots) and
   * the file URL.
   */
  upload(
    bytes: Uint8Array,
    path = `photos/file_${this.files.size}.jpg`,
  ): { file_id: string; file_unique_id: string } {
    const id = `file-${this.files.size + 1}-${bytes.length}`;
    this.files.set(id, { bytes, path });
    return { file_id: id, file_unique_id: `u${id}` };
  }

  /** The user leaves the chat on Telegram without any update reaching the bot (missed, or sent before it listened). */
  leaveUnseen(chat: Chat, user: User): void {
    this.setMember(String(chat.id), user.id, 'left');
  }

  private setMember(chatId: string, userId: number, status: Status): void {
    const chat = this.members.get(chatId) ?? new Map<number, Status>();
    chat.set(userId, status);
    this.members.set(chatId, chat);
  }

  /** What an update tells Telegram about who is in a group (see `members`). */
  private noteMembership(update: Update): void {
    if ('chat_member' in update) {
      const { chat, new_chat_member: now } = update.chat_member;
      this.setMember(String(chat.id), now.user.id, now.status);
    }
    const message = 'message' in update ? update.message : undefined;
    if (!message || (message.chat.type !== 'group' && message.chat.type !== 'supergroup')) return;
    this.seenChats.set(message.chat.id, message.chat);
    const chatId = String(message.chat.id);
    if (message.from && !message.from.is_bot) this.setMember(chatId, message.from.id, 'member');
    if ('new_chat_members' in message)
      for (const user of message.new_chat_members) this.setMember(chatId, user.id, 'member');
    if ('left_chat_member' in message) this.setMember(chatId, message.left_chat_member.id, 'left');
  }

  /**
   * Upgrades a group to a supergroup as Telegram does: from now on every call to the old id is
   * refused with 400 and `migrate_to_chat_id`, and (unless `announce` is 'none') both service
   * messages arrive as updates, `migrate_to_chat_id` in the old chat and `migrate_from_chat_id` in
   * the new one, in the order asked for. Admins carry over to the supergroup.
   */
  migrate(
    group: Chat.GroupChat,
    supergroup: Chat.SupergroupChat,
    options: { announce?: 'to-first' | 'from-first' | 'none'; by: User },
  ): void {
    this.migrated.set(String(group.id), String(supergroup.id));
    const admins = this.admins.get(String(group.id));
    if (admins) this.admins.set(String(supergroup.id), admins);
    const date = Math.floor(this.now() / 1000);
    const from = options.by;
    const to = {
      message: {
        message_id: this.nextMessageId++,
        date,
        chat: group,
        from,
        migrate_to_chat_id: supergroup.id,
      },
    };
    const back = { message: { message_id: 1, date, chat: supergroup, from, migrate_from_chat_id: group.id } };
    const order = options.announce ?? 'to-first';
    if (order === 'to-first') for (const u of [to, back]) this.push(u as Omit<Update, 'update_id'>);
    if (order === 'from-first') for (const u of [back, to]) this.push(u as Omit<Update, 'update_id'>);
  }

  /**
   * The bot is kicked from a group (or leaves it): a my_chat_member update arrives, and from then on
   * Telegram refuses every call to that chat with 403 ("bot was kicked from the supergroup chat").
   */
  removeBot(
    chat: Chat.GroupChat | Chat.SupergroupChat,
    options: { by: User; status?: 'kicked' | 'left' },
  ): void {
    const status = options.status ?? 'kicked';
    const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
    this.removedFrom.set(
      String(chat.id),
      status === 'kicked'
        ? `Forbidden: bot was kicked from the ${kind} chat`
        : `Forbidden: bot is not a member of the ${kind} chat`,
    );
    this.botStatus.set(String(chat.id), status);
    this.pushStanding(chat, options.by, 'administrator', status);
  }

  /** The bot is added to the group again: a my_chat_member update, and calls there work again. */
  addBot(
    chat: Chat.GroupChat | Chat.SupergroupChat,
    options: { by: User; status?: 'member' | 'administrator' },
  ): void {
    const status = options.status ?? 'administrator';
    const before = this.botStatus.get(String(chat.id)) ?? 'left';
    this.removedFrom.delete(String(chat.id));
    this.botStatus.set(String(chat.id), status);
    this.pushStanding(chat, options.by, before, status);
  }

  private pushStanding(chat: Chat, by: User, from: Status, to: Status): void {
    const member = (status: Status) => ({
      user: BOT_USER,
      status,
      ...(status === 'kicked' ? { until_date: 0 } : {}),
    });
    this.push({
      my_chat_member: {
        chat,
        from: by,
        date: Math.floor(this.now() / 1000),
        old_chat_member: member(from),
        new_chat_member: member(to),
      },
    } as Omit<Update, 'update_id'>);
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

  /**
   * `from` opens the invoice sent by `invoice` (an accepted sendInvoice call) and confirms: a
   * pre_checkout_query update; returns its id. `total` overrides what Telegram asks.
   */
  checkout(from: User, invoice: ApiCall, opts: { total?: number } = {}): string {
    const chatId = Number(invoice.params.chat_id);
    const chat = (
      chatId > 0 ? { id: chatId, type: 'private', first_name: from.first_name } : this.chatOf(chatId)
    ) as Chat;
    const { id, update } = this.payments.checkout(from, invoice, chat, opts);
    this.push(update);
    return id;
  }

  /** Telegram completes the payment checked by query `queryId` (approved in time): its successful_payment message. */
  completePayment(queryId: string): Omit<Update.MessageUpdate, 'update_id'> {
    const update = this.payments.complete(queryId, this.nextMessageId++);
    this.push(update);
    return update;
  }

  /** A group chat as updates show it, from a chat the fake has seen a message in (else a bare supergroup). */
  private chatOf(chatId: number): Chat {
    return this.seenChats.get(chatId) ?? ({ id: chatId, type: 'supergroup', title: String(chatId) } as Chat);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The calls of `method` Telegram would have carried out (not refused). */
  acceptedOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method && c.refused === undefined);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (download) return this.serveFile(download[1]!, download[2]!, res);
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
    if (method === 'getUpdates') {
      if (this.webhook)
        return reply(409, {
          ok: false,
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        });
      const result = await this.getUpdates(params, res);
      if (result === 'terminated') {
        this.refusals.push({ ...POLL_CONFLICT, method, chatId: '' });
        return reply(409, { ok: false, ...POLL_CONFLICT });
      }
      return reply(200, { ok: true, result });
    }
    const call: ApiCall = { method, params, at: this.now() };
    this.calls.push(call);
    if (method === 'setWebhook' && Array.isArray(params.allowed_updates))
      this.allowedUpdates = params.allowed_updates as string[];
    if (method === 'setWebhook') {
      this.webhook = {
        url: String(params.url),
        ...(typeof params.secret_token === 'string' ? { secret: params.secret_token } : {}),
        maxConnections: Number(params.max_connections ?? 40),
      };
      if (params.drop_pending_updates === true) this.updates.length = 0;
      queueMicrotask(() => this.deliver());
    }
    if (method === 'deleteWebhook') {
      this.webhook = undefined;
      if (params.drop_pending_updates === true) this.updates.length = 0;
    }
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

  /** The file URL: a file's bytes, to the bot's token only (404 for a path it never handed out). */
  private serveFile(token: string, path: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(path));
    if (token !== this.token || !file) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
      return;
    }
    this.downloads.push(file.path);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(Buffer.from(file.bytes));
  }

  /** What Telegram would answer instead of a result, if it would refuse this call. */
  private refusal(method: string, params: Record<string, unknown>): Failure | undefined {
    if (method === 'answerPreCheckoutQuery') return this.payments.answerRefusal(params);
    if (method === 'getFile') {
      const file = this.files.get(String(params.file_id ?? ''));
      if (!file) return badRequest('invalid file_id');
      // Bots get files of at most 20 MB through the Bot API.
      if (file.bytes.length > 20 * 1024 * 1024) return badRequest('file is too big');
    }
    const chatId = String(params.chat_id ?? '');
    // A group upgraded to a supergroup, or one the bot is out of, refuses every call, whatever it is.
    const movedTo = this.migrated.get(chatId);
    if (movedTo !== undefined)
      return {
        ...badRequest('group chat was upgraded to a supergroup chat'),
        parameters: { migrate_to_chat_id: Number(movedTo) },
      };
    const removed = this.removedFrom.get(chatId);
    if (removed !== undefined) return { error_code: 403, description: removed };
    const invoice = method === 'sendInvoice' ? this.payments.invoiceRefusal(params) : undefined;
    if (invoice) return invoice;
    const text = typeof params.text === 'string' ? params.text : undefined;
    const caption = typeof params.caption === 'string' ? params.caption : undefined;
    if (text !== undefined && [...text].length > 4096) return badRequest('message is too long');
    if (caption !== undefined && [...caption].length > 1024) return badRequest('message caption is too long');
    const edited = this.posts.get(`${chatId}:${params.message_id}`);
    if (method === 'editMessageText' && edited && edited !== 'text')
      return badRequest('there is no text in the message to edit');
    if (method === 'editMessageCaption' && edited === 'text')
      return badRequest('there is no caption in the message to edit');
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

  /**
   * Long polls: a getUpdates while another one is held open ends that one with 409, as Telegram
   * does (one poller per token; FIELD-NOTES). 'terminated' is what the earlier poll then answers.
   */
  private async getUpdates(
    params: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<Update[] | 'terminated'> {
    // A poll whose caller hung up (a process killed, a poll aborted) holds nothing open any more.
    this.heldPoll?.();
    this.heldPoll = undefined;
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
      // Set in the callbacks below (a holder, so the type is not narrowed to its first value).
      const outcome: { how: 'answer' | 'terminated' } = { how: 'answer' };
      let held: (() => void) | undefined;
      await new Promise<void>((resolve) => {
        let settled = false;
        let ending = false;
        const finish = (how: typeof outcome.how) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          res.off('close', hungUp);
          outcome.how = how;
          resolve();
        };
        const timer = setTimeout(() => finish('answer'), 300);
        const hungUp = () => finish('answer');
        // Ended by a second poller: answered 409 unless its own caller hung up meanwhile (a poller
        // that stops aborts its long poll and confirms with a last getUpdates at once; the abort's
        // close may reach this server just after that request: it never sees a 409).
        const terminate = () => {
          ending = true;
          clearTimeout(timer);
          setTimeout(() => finish(res.destroyed ? 'answer' : 'terminated'), 50);
        };
        held = terminate;
        this.heldPoll = terminate;
        this.wake.push(() => {
          if (!ending) finish('answer');
        });
        res.once('close', hungUp);
      });
      if (this.heldPoll === held) this.heldPoll = undefined;
      if (outcome.how === 'terminated') return 'terminated';
    }
    return this.updates.filter((u) => u.update_id >= offset && this.allows(u)).slice(0, limit);
  }

  /** Hands every queued update to its chat's delivery chain (webhook mode only). */
  private deliver(): void {
    if (!this.webhook || this.closed) return;
    for (const update of this.updates.splice(0)) {
      if (!this.allows(update)) continue;
      const key = chatKeyOf(update);
      const before = this.deliveries.get(key) ?? Promise.resolve();
      const delivered = before.then(() => this.post(update));
      this.deliveries.set(key, delivered);
      void delivered.finally(() => {
        if (this.deliveries.get(key) === delivered) this.deliveries.delete(key);
      });
    }
  }

  /** Posts one update until the bot answers 2xx; resolves then (or when the fake closes). */
  private async post(update: Update): Promise<void> {
    for (let failures = 0; !this.closed; failures++) {
      const webhook = this.webhook;
      if (!webhook) {
        // The webhook was deleted meanwhile: the update waits for getUpdates again.
        this.updates.push(update);
        this.updates.sort((a, b) => a.update_id - b.update_id);
        return;
      }
      await this.slot(webhook.maxConnections);
      let status = 0;
      try {
        const target = this.webhookTarget?.(webhook.url) ?? webhook.url;
        const res = await fetch(target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(webhook.secret ? { 'x-telegram-bot-api-secret-token': webhook.secret } : {}),
          },
          body: JSON.stringify(update),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 0; // connection refused or reset: the bot is not listening (yet)
      } finally {
        this.release();
      }
      this.webhookAnswers.push(status);
      if (status >= 200 && status < 300) return;
      // Telegram waits longer after each failure; here in real milliseconds, kept short.
      await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** failures)));
    }
  }

  /** Waits for one of the webhook's connections to be free. */
  private async slot(max: number): Promise<void> {
    while (this.inFlight >= max && !this.closed)
      await new Promise<void>((resolve) => this.slots.push(resolve));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    this.slots.shift()?.();
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
      case 'banChatMember':
        this.setMember(chatId, Number(params.user_id), 'kicked');
        return true;
      case 'unbanChatMember':
        if (this.members.get(chatId)?.get(Number(params.user_id)) === 'kicked')
          this.setMember(chatId, Number(params.user_id), 'left');
        return true;
      case 'sendInvoice': {
        const id = Number(chatId);
        const chat = id > 0 ? ({ id, type: 'private', first_name: 'x' } as Chat) : this.chatOf(id);
        return this.payments.invoiceMessage(params, this.nextMessageId++, chat);
      }
      case 'answerCallbackQuery':
      case 'answerPreCheckoutQuery':
      case 'setMyCommands':
      case 'deleteWebhook':
      case 'setWebhook':
        return true;
      case 'getChatAdministrators':
        return (this.admins.get(chatId) ?? []).map((a) => ({
          user: { id: a.id, is_bot: false, first_name: a.name },
          status: a.status,
          ...(a.status === 'administrator' ? { can_be_edited: false, can_restrict_members: true } : {}),
          is_anonymous: false,
        }));
      case 'getChatMember': {
        const userId = Number(params.user_id);
        const isBot = userId === BOT_USER.id;
        const admin = this.admins.get(chatId)?.find((a) => a.id === userId);
        const status: Status = isBot
          ? (this.botStatus.get(chatId) ?? 'administrator')
          : (admin?.status ?? this.members.get(chatId)?.get(userId) ?? 'left');
        return {
          user: isBot ? BOT_USER : { id: userId, is_bot: false, first_name: admin?.name ?? 'x' },
          status,
          ...(status === 'administrator' ? { can_be_edited: false, can_restrict_members: true } : {}),
          ...(status === 'kicked' ? { until_date: 0 } : {}),
        };
      }
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        const messageId = this.nextMessageId++;
        const kind = method === 'sendMessage' ? 'text' : method === 'sendPhoto' ? 'photo' : 'document';
        this.posts.set(`${chatId}:${messageId}`, kind);
        return {
          message_id: messageId,
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
          ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
          ...(kind === 'photo'
            ? { photo: [{ file_id: `p${messageId}`, file_unique_id: `up${messageId}`, width: 1, height: 1 }] }
            : {}),
        };
      }
      case 'editMessageCaption':
      case 'editMessageText':
        return {
          message_id: Number(params.message_id),
          date: now,
          edit_date: now,
          chat: { id: Number(chatId), type: 'supergroup' },
          ...(method === 'editMessageText'
            ? { text: params.text }
            : {
                caption: params.caption,
                photo: [{ file_id: 'p', file_unique_id: 'up', width: 1, height: 1 }],
              }),
        };
      case 'getFile': {
        const id = String(params.file_id);
        const file = this.files.get(id)!;
        return { file_id: id, file_unique_id: `u${id}`, file_size: file.bytes.length, file_path: file.path };
      }
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

/** Telegram's delivery queue of an update: its chat (one update of a chat at a time), or the update alone. */
function chatKeyOf(update: Update): string {
  const body = Object.values(update).find((v) => typeof v === 'object' && v !== null) as
    | { chat?: { id: number }; message?: { chat?: { id: number } } }
    | undefined;
  const chat = body?.chat ?? body?.message?.chat;
  return chat ? `chat:${chat.id}` : `update:${update.update_id}`;
}

/** Telegram's answer to a long poll when another getUpdates with the same token arrives. */
const POLL_CONFLICT: Failure = {
  error_code: 409,
  description:
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
};

function badRequest(what: string): Failure {
  return { error_code: 400, description: `Bad Request: ${what}` };
}

/** Multipart fields arrive as JSON text; JSON bodies as values already. */
export function parseJson(value: unknown): unknown {
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
    // Split as latin1 (one char a byte: a file's length is its bytes); a text field is UTF-8, as Telegram reads it.
    params[name] =
      filename !== undefined
        ? { filename, bytes: value.length }
        : Buffer.from(value, 'latin1').toString('utf8');
  }
  return params;
}
