import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from '../../src/core/logger.js';

/** The privileged intents, which a bot owner must switch on in the Developer Portal. */
export type Privileged = 'GuildMembers' | 'MessageContent';

const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.GuildInvites,
];

/**
 * Intents to log in with, in order: all of them, then without one privileged intent, then without
 * both. Discord only says "disallowed" (close code 4014), not which one; trying them one at a time
 * keeps what is allowed and names exactly what is missing.
 */
const FALLBACKS: Privileged[][] = [
  [],
  ['GuildMembers'],
  ['MessageContent'],
  ['GuildMembers', 'MessageContent'],
];

export interface ConnectOptions {
  token: string;
  apiRoot?: string;
  log: Logger;
  /** Attaches the adapter's listeners to a new client, before it logs in. */
  wire(client: Client): void;
}

function createClient(dropped: Privileged[], options: ConnectOptions): Client {
  const privileged = (['GuildMembers', 'MessageContent'] as const)
    .filter((name) => !dropped.includes(name))
    .map((name) => GatewayIntentBits[name]);
  const client = new Client({
    intents: [...INTENTS, ...privileged],
    partials: [Partials.Channel], // DM channels arrive uncached
    // User text (deal titles, names) must never ping @everyone or roles.
    allowedMentions: { parse: ['users'] },
    ...(options.apiRoot ? { rest: { api: options.apiRoot } } : {}),
  });
  client.on(Events.Error, (error) => options.log.error({ err: error }, 'discord: client error'));
  client.on(Events.ShardError, (error) => options.log.warn({ err: error }, 'discord: gateway error'));
  options.wire(client);
  return client;
}

/** Logs in and waits until every guild arrived (discord.js's ClientReady). */
async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
}

/**
 * A logged-in client and the privileged intents it had to go without. A refused intent costs a
 * feature (joins, or message text), not the bot: the rest keeps working.
 */
export async function connect(options: ConnectOptions): Promise<{ client: Client; dropped: Privileged[] }> {
  for (const dropped of FALLBACKS) {
    const client = createClient(dropped, options);
    try {
      await login(client, options.token);
      return { client, dropped };
    } catch (error) {
      // discord.js's words for close code 4014; login already destroyed the client.
      if ((error as Error).message !== 'Used disallowed intents') throw error;
      options.log.warn({ dropped }, 'discord: privileged intents refused, trying with fewer');
    }
  }
  throw new Error('discord: login refused even without privileged intents');
}
