import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  APP_ID,
  BOT_USER,
  CHANNEL_ID,
  type FakeInvite,
  FakePayloads,
  type FakeUser,
  GUILD_ID,
  OWNER,
  THREAD_ID,
} from './payloads.js';

export * from './payloads.js';

/** One REST call the fake received. `body` is the JSON body (or a multipart's payload_json). */
export interface RestCall {
  method: string;
  path: string;
  body: unknown;
  /** Names of files uploaded in a multipart body. */
  files: string[];
  reason?: string;
}

/** A call the fake refused, scripted (failNext) or because Discord would refuse it. */
export interface Refusal {
  method: string;
  path: string;
  status: number;
  /** Discord's JSON error code (50007 closed DMs, 50035 invalid form body), 0 for a 429. */
  code: number;
}

/** Discord's limit on a channel's messages: about 5 per 5 s (the bucket discord.js reads from headers). */
export const MESSAGES_PER_WINDOW = 5;
export const MESSAGE_WINDOW_MS = 5_000;
/** Discord's limit on one message's content. */
export const MAX_CONTENT = 2_000;
/** Discord's limit on an embed's description (a picture's caption, as the adapter sends one). */
export const MAX_EMBED_DESCRIPTION = 4_096;

/** A failure to answer once, for the next call matching method and path. */
interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

/**
 * A local stand-in for Discord: a REST server (answers what discord.js asks, records every call)
 * and a gateway (HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat acks, dispatches on demand).
 * Plain JSON on the gateway: without zlib-sync discord.js asks for no compression.
 *
 * It refuses what Discord refuses: more than 5 posts per 5 s in a channel (429 with retry_after;
 * every answer carries the X-RateLimit-* headers discord.js paces by, in real time as discord.js
 * waits in real time), DMs to members whose DMs are closed (403, code 50007), content over 2,000
 * characters (400, code 50035), posts to a channel it does not have (404, code 10003: a thread's
 * messages go to the thread's own channel id), the vanity URL of a guild without one (400, code
 * 50020), a member lookup of someone not in the guild (404, code 10007). Every refusal is kept in `refusals`. Invite counts move as the test moves them (Discord
 * counts a use before it tells the bot about the join), and the list can be held mid-read.
 */
export class FakeDiscord extends FakePayloads {
  readonly calls: RestCall[] = [];
  readonly invites: FakeInvite[] = [];
  readonly identifies: { intents: number }[] = [];
  /** Intent bits to refuse with close code 4014, like a bot whose privileged intents are off. */
  refusedIntents = 0;
  /** Members who do not accept DMs from the bot (closed DMs, or they blocked it). */
  readonly closedDms = new Set<string>();
  /** Every error answer, in order. */
  readonly refusals: Refusal[] = [];
  /** Reactions the bot put on messages: `channel/message` → emoji, in order. */
  readonly reactions = new Map<string, string[]>();
  /**
   * The guild's vanity URL (discord.gg/CODE) and its own use count, which a join through it moves
   * (the invite list does not show it). Unset: the guild lacks the VANITY_URL feature and Discord
   * answers GET /guilds/:id/vanity-url with 400, code 50020. Set it before the bot connects.
   */
  vanity: { code: string | null; uses: number } | undefined;
  /** While set, answers to GET /guilds/:id/invites wait for it (the list being read while joins go on). */
  private inviteListHeld: Promise<void> | undefined;
  /** Messages GET /channels/:id/messages/:id answers with (for partial updates the adapter completes). */
  readonly stored = new Map<string, Record<string, unknown>>();
  /**
   * Who is in the guild now and with which roles, as GET /guilds/:id/members/:user answers (404,
   * code 10007 Unknown Member, for anyone else): kept from what the gateway tells the bot (a
   * member's message, GUILD_MEMBER_ADD / UPDATE / REMOVE) and from kicks. A test changes it
   * without telling the bot (setRoles, leaveUnseen) to play an event the bot missed.
   */
  readonly guildMembers = new Map<string, { user: FakeUser; roles: string[] }>(
    [BOT_USER, OWNER].map((user) => [user.id, { user, roles: [] }]),
  );
  /** Files members attached, by their path on the fake's CDN (`/attachments/<channel>/<id>/<name>`). */
  private readonly attachmentFiles = new Map<string, Uint8Array>();
  /** Attachments fetched from the CDN, by path, in order. */
  readonly downloads: string[] = [];
  /** Accepted posts per channel, by time (ms), for the per-channel bucket. */
  private readonly posted = new Map<string, number[]>();
  /** The message bucket: Discord's 5 per 5 s unless a test shortens the window (same shape, less waiting). */
  messageLimit = { perWindow: MESSAGES_PER_WINDOW, windowMs: MESSAGE_WINDOW_MS };
  private readonly failures: Failure[] = [];
  private readonly sockets = new Set<WebSocket>();
  private http!: Server;
  private gateway!: WebSocketServer;
  private seq = 0;

  apiRoot = '';

  async start(): Promise<void> {
    this.gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.gateway.once('listening', () => resolve()));
    this.gateway.on('connection', (socket) => this.onConnection(socket));
    this.http = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.apiRoot = `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** How many calls were refused with this HTTP status (429: rate limit, 403, 400). */
  refused(status: number): number {
    return this.refusals.filter((r) => r.status === status).length;
  }

  /** Answers the next call matching method and path with this status and body. */
  failNext(method: string, path: RegExp, status: number, body: unknown = {}): void {
    this.failures.push({ method, path, status, body });
  }

  /**
   * Holds answers to the invite list until the returned function is called; they then answer
   * the list as it is at that moment, as Discord answers it when it reads it.
   */
  holdInviteLists(): () => void {
    let release = () => {};
    this.inviteListHeld = new Promise((resolve) => {
      release = () => {
        this.inviteListHeld = undefined;
        resolve();
      };
    });
    return release;
  }

  override guild(): Record<string, unknown> {
    const guild = super.guild();
    return this.vanity ? { ...guild, features: ['VANITY_URL'], vanity_url_code: this.vanity.code } : guild;
  }

  /**
   * An attachment as a message carries it (for guildMessage's `attachments`): its bytes served by
   * the fake's CDN at `url` (signed query string and all), its size and type as Discord declares them.
   */
  attach(bytes: Uint8Array, filename: string, contentType?: string): Record<string, unknown> {
    const id = this.id();
    const path = `/attachments/${CHANNEL_ID}/${id}/${filename}`;
    this.attachmentFiles.set(path, bytes);
    const cdn = this.apiRoot.replace(/\/api$/, '');
    const signed = `?ex=6760a1b2&is=675f5032&hm=${id}`;
    return {
      id,
      filename,
      size: bytes.length,
      url: `${cdn}${path}${signed}`,
      proxy_url: `${cdn}/media${path}${signed}`,
      ...(contentType ? { content_type: contentType } : {}),
    };
  }

  /** Gives a guild member these roles on Discord, with no GUILD_MEMBER_UPDATE reaching the bot. */
  setRoles(user: FakeUser, roles: string[]): void {
    this.guildMembers.set(user.id, { user, roles });
  }

  /** The member leaves the guild, with no GUILD_MEMBER_REMOVE reaching the bot. */
  leaveUnseen(user: FakeUser): void {
    this.guildMembers.delete(user.id);
  }

  /** Sends a gateway event (op 0) to every connected client. */
  dispatch(t: string, d: unknown): void {
    this.noteMembership(
      t,
      d as { author?: FakeUser; member?: { roles?: string[] }; user?: FakeUser; roles?: string[] },
    );
    const payload = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const socket of this.sockets) socket.send(payload);
  }

  /** What a gateway event says about who is in the guild (see guildMembers). */
  private noteMembership(
    t: string,
    d: { author?: FakeUser; member?: { roles?: string[] }; user?: FakeUser; roles?: string[] },
  ): void {
    if (t === 'MESSAGE_CREATE' && d.author && d.member)
      this.guildMembers.set(d.author.id, { user: d.author, roles: d.member.roles ?? [] });
    if ((t === 'GUILD_MEMBER_ADD' || t === 'GUILD_MEMBER_UPDATE') && d.user)
      this.guildMembers.set(d.user.id, { user: d.user, roles: d.roles ?? [] });
    if (t === 'GUILD_MEMBER_REMOVE' && d.user) this.guildMembers.delete(d.user.id);
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d: { intents?: number } };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op !== 2) return;
      const intents = packet.d.intents ?? 0;
      this.identifies.push({ intents });
      if ((intents & this.refusedIntents) !== 0) {
        socket.close(4014, 'Disallowed intent(s).');
        return;
      }
      const ready = {
        v: 10,
        user: { discriminator: '0', avatar: null, global_name: null, ...BOT_USER },
        guilds: [{ id: GUILD_ID, unavailable: true }],
        session_id: 'fake-session',
        resume_gateway_url: `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`,
        shard: [0, 1],
        application: { id: APP_ID, flags: 0 },
      };
      socket.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d: ready }));
      socket.send(JSON.stringify({ op: 0, t: 'GUILD_CREATE', s: ++this.seq, d: this.guild() }));
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The CDN: attachments by path (the signature in the query string is not checked).
    const cdnPath = (req.url ?? '').replace(/\?.*$/, '');
    if (cdnPath.startsWith('/attachments/')) {
      const bytes = this.attachmentFiles.get(cdnPath);
      if (!bytes) return void res.writeHead(404).end();
      this.downloads.push(cdnPath);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      return void res.end(Buffer.from(bytes));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').replace(/^\/api\/v10/, '').replace(/\?.*$/, ''));
    const method = req.method ?? 'GET';
    const { body, files } = parseBody(String(req.headers['content-type'] ?? ''), raw);
    const reason = req.headers['x-audit-log-reason'];
    this.calls.push({
      method,
      path,
      body,
      files,
      ...(reason ? { reason: decodeURIComponent(String(reason)) } : {}),
    });
    const refuse = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
      const code = Number((answer as { code?: unknown } | undefined)?.code ?? 0);
      this.refusals.push({ method, path, status, code });
      send(res, status, answer, headers);
    };
    if (this.inviteListHeld && method === 'GET' && /^\/guilds\/\d+\/invites$/.test(path))
      await this.inviteListHeld;
    const asked = method === 'GET' ? /^\/guilds\/\d+\/members\/(\d+)$/.exec(path) : null;
    if (asked && !this.guildMembers.has(asked[1]!))
      return refuse(404, { message: 'Unknown Member', code: 10007 });
    if (method === 'GET' && /^\/guilds\/\d+\/vanity-url$/.test(path) && !this.vanity)
      return refuse(400, { message: 'Invite code is either invalid or taken.', code: 50020 });
    const failure = this.failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure !== -1) {
      const [f] = this.failures.splice(failure, 1);
      return refuse(f!.status, f!.body);
    }
    const content = (body as { content?: unknown } | undefined)?.content;
    if (typeof content === 'string' && [...content].length > MAX_CONTENT && /\/messages/.test(path))
      return refuse(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          content: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }],
          },
        },
      });
    // A picture's caption is an embed: its description takes at most 4,096 characters.
    const embeds = (body as { embeds?: { description?: string }[] } | undefined)?.embeds;
    if (embeds?.some((e) => [...(e.description ?? '')].length > MAX_EMBED_DESCRIPTION))
      return refuse(400, {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          embeds: {
            _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 4096 or fewer in length.' }],
          },
        },
      });
    // Components: at most 5 action rows of at most 5 buttons, each custom_id 1–100 characters.
    const rows = (body as { components?: { components?: { custom_id?: string }[] }[] } | undefined)
      ?.components;
    if (
      rows &&
      (rows.length > 5 ||
        rows.some(
          (row) =>
            (row.components?.length ?? 0) > 5 ||
            row.components?.some((b) => !b.custom_id || b.custom_id.length > 100),
        ))
    )
      return refuse(400, { message: 'Invalid Form Body', code: 50035 });
    const post = method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path) : null;
    if (post) {
      const channelId = post[1]!;
      const recipient = this.dmRecipient(channelId);
      if (!recipient && channelId !== CHANNEL_ID && channelId !== THREAD_ID)
        return refuse(404, { message: 'Unknown Channel', code: 10003 });
      if (recipient && this.closedDms.has(recipient))
        return refuse(403, { message: 'Cannot send messages to this user', code: 50007 });
      const bucket = this.bucket(channelId);
      if (bucket.resetAfterMs > 0 && bucket.remaining === 0) {
        const retryAfter = bucket.resetAfterMs / 1000;
        return refuse(
          429,
          { message: 'You are being rate limited.', retry_after: retryAfter, global: false, code: 0 },
          { ...bucket.headers, 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-scope': 'user' },
        );
      }
      this.posted.get(channelId)!.push(Date.now());
      const answer = this.route(method, path, body as Record<string, unknown> | undefined, files);
      return send(res, 200, answer, this.bucket(channelId).headers);
    }
    const answer = this.route(method, path, body as Record<string, unknown> | undefined, files);
    if (answer === undefined) return send(res, 404, { message: `fake: no route ${method} ${path}`, code: 0 });
    send(res, answer === null ? 204 : 200, answer);
  }

  /**
   * A message the bot posted or edited, as Discord keeps it (and GET answers it): its uploaded files
   * as attachments, its embeds and components. An edit keeps what it does not send: the files unless
   * `attachments` is given (Discord keeps attachments an edit leaves out), the embeds unless `embeds` is.
   */
  private keep(
    message: Record<string, unknown>,
    body: Record<string, unknown> | undefined,
    files: string[],
  ): Record<string, unknown> {
    const before = this.stored.get(String(message.id));
    const uploaded = files.map((filename) => ({
      id: this.id(),
      filename,
      size: 1,
      url: `https://cdn.discordapp.com/attachments/${message.channel_id}/${message.id}/${filename}`,
      proxy_url: `https://media.discordapp.net/attachments/${message.channel_id}/${message.id}/${filename}`,
    }));
    const kept = {
      ...message,
      ...(body && 'content' in body ? {} : before ? { content: before.content } : {}),
      attachments:
        body?.attachments !== undefined || !before
          ? uploaded
          : [...(before.attachments as unknown[]), ...uploaded],
      embeds: body?.embeds ?? before?.embeds ?? [],
      components: body?.components ?? before?.components ?? [],
    };
    this.stored.set(String(message.id), kept);
    return kept;
  }

  /** A channel's message bucket now: what is left of it and the headers Discord sends about it. */
  private bucket(channelId: string): {
    remaining: number;
    resetAfterMs: number;
    headers: Record<string, string>;
  } {
    const now = Date.now();
    const { perWindow, windowMs } = this.messageLimit;
    const times = (this.posted.get(channelId) ?? []).filter((t) => t > now - windowMs);
    this.posted.set(channelId, times);
    const remaining = Math.max(0, perWindow - times.length);
    const resetAfterMs = times.length > 0 ? times[0]! + windowMs - now : 0;
    return {
      remaining,
      resetAfterMs,
      headers: {
        'x-ratelimit-limit': String(perWindow),
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String((now + resetAfterMs) / 1000),
        'x-ratelimit-reset-after': String(resetAfterMs / 1000),
        'x-ratelimit-bucket': `messages-${channelId}`,
      },
    };
  }

  /** The member a DM channel of this fake belongs to (DM channel ids are the user's id with a leading 5). */
  private dmRecipient(channelId: string): string | undefined {
    return channelId.startsWith('5') ? `2${channelId.slice(1)}` : undefined;
  }

  /** The answer to a call: a JSON value, null for 204, undefined for 404. */
  private route(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    files: string[] = [],
  ): unknown {
    const port = (this.gateway.address() as AddressInfo).port;
    const content = typeof body?.content === 'string' ? body.content : '';
    const on = (verb: string, pattern: RegExp) => (verb === method ? pattern.exec(path) : null);
    if (on('GET', /^\/gateway\/bot$/))
      return {
        url: `ws://127.0.0.1:${port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      };
    const commands = on('PUT', /^\/applications\/(\d+)\/commands$/);
    if (commands)
      return (body as unknown as Record<string, unknown>[]).map((c) => ({
        ...c,
        id: this.id(),
        application_id: commands[1],
        version: '1',
      }));
    const post = on('POST', /^\/channels\/(\d+)\/messages$/);
    if (post) return this.keep(this.message(post[1]!, content), body, files);
    const patch = on('PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/);
    if (patch) return this.keep(this.message(patch[1]!, content, BOT_USER, patch[2]), body, files);
    const reaction = on('PUT', /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/);
    if (reaction) {
      const key = `${reaction[1]}/${reaction[2]}`;
      this.reactions.set(key, [...(this.reactions.get(key) ?? []), reaction[3]!]);
      return null;
    }
    const fetched = on('GET', /^\/channels\/(\d+)\/messages\/(\d+)$/);
    if (fetched) return this.stored.get(fetched[2]!);
    if (on('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)) return null;
    // A follow-up message of an interaction (a long answer's later pieces).
    if (on('POST', /^\/webhooks\/\d+\/[^/]+$/)) return this.message(CHANNEL_ID, content);
    if (on('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/))
      return this.message(CHANNEL_ID, content);
    if (on('DELETE', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)) return null;
    const kicked = on('DELETE', /^\/guilds\/\d+\/members\/(\d+)$/);
    if (kicked) {
      this.guildMembers.delete(kicked[1]!);
      return null;
    }
    const member = on('GET', /^\/guilds\/\d+\/members\/(\d+)$/);
    if (member) {
      const known = this.guildMembers.get(member[1]!);
      return known ? this.member(known.user, known.roles) : undefined;
    }
    if (on('GET', /^\/guilds\/\d+\/invites$/)) return this.invites.map((i) => this.inviteJson(i));
    if (on('GET', /^\/guilds\/\d+\/vanity-url$/)) return this.vanity;
    const invite = on('POST', /^\/channels\/(\d+)\/invites$/);
    if (invite) {
      const created: FakeInvite = {
        code: `inv${this.invites.length + 1}`,
        uses: 0,
        max_uses: 0,
        inviter: BOT_USER,
        channelId: invite[1]!,
      };
      this.invites.push(created);
      return this.inviteJson(created);
    }
    if (on('POST', /^\/users\/@me\/channels$/)) {
      const recipient = String(body?.recipient_id);
      return {
        id: `5${recipient.slice(1)}`,
        type: 1,
        last_message_id: null,
        recipients: [
          { id: recipient, username: `user${recipient.slice(-3)}`, discriminator: '0', avatar: null },
        ],
      };
    }
    return undefined;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** JSON bodies as they are; multipart bodies (attachments) by their payload_json and file names. */
function parseBody(type: string, raw: string): { body: unknown; files: string[] } {
  if (!raw) return { body: undefined, files: [] };
  if (type.startsWith('application/json')) return { body: JSON.parse(raw), files: [] };
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (!boundary) return { body: raw, files: [] };
  let body: unknown;
  const files: string[] = [];
  for (const part of raw.split(`--${boundary}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    const filename = /filename="([^"]+)"/.exec(part)?.[1];
    if (filename) files.push(filename);
    else if (name === 'payload_json')
      body = JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
  }
  return { body, files };
}
