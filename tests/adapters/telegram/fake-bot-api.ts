import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'telegraf/types';

/** One Bot API call as it reached the fake server. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
}

interface Failure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

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
 * shapes, serves queued updates to getUpdates by offset, and records every other call.
 */
export class FakeBotApi {
  readonly token = '777000111:TEST-token';
  /** Every call except getUpdates (which would drown the rest). */
  readonly calls: ApiCall[] = [];
  /** Admins per chat id, as getChatAdministrators reports them. */
  readonly admins = new Map<string, { id: number; name: string; status: 'creator' | 'administrator' }[]>();
  /** The bot's own status per chat id (getChatMember); administrator unless told otherwise. */
  readonly botStatus = new Map<string, Status>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly updates: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private wake: (() => void)[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeBotApi> {
    let api: FakeBotApi | undefined;
    const server = createServer((req, res) => void api!.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new FakeBotApi(server, `http://127.0.0.1:${port}`);
    return api;
  }

  async close(): Promise<void> {
    for (const wake of this.wake.splice(0)) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update for getUpdates; the update id is assigned here unless given. */
  push(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
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
    this.calls.push({ method, params });
    const failure = this.failures.get(method)?.shift();
    if (failure) return reply(failure.error_code, { ok: false, ...failure });
    const result = this.answer(method, params);
    if (result === undefined)
      return reply(404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    reply(200, { ok: true, result });
  }

  private async getUpdates(params: Record<string, unknown>, res: ServerResponse): Promise<Update[]> {
    const offset = Number(params.offset ?? 0);
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
    return this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    const chatId = String(params.chat_id ?? '');
    const now = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return BOT_USER;
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
