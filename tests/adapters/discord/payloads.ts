/** Gateway and REST payloads as Discord sends them, with the ids of the fake's one guild. */

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

export interface FakeInvite {
  code: string;
  uses: number;
  max_uses: number;
  inviter?: FakeUser;
  channelId: string;
}

export const BOT_USER: FakeUser = { id: '900000000000000001', username: 'tuanbot', bot: true };
export const APP_ID = '900000000000000002';
export const GUILD_ID = '100000000000000001';
export const CHANNEL_ID = '100000000000000010';
export const ADMIN_ROLE_ID = '100000000000000020';
/** A public thread in the group channel (a conversation of the same community). */
export const THREAD_ID = '100000000000000011';
export const OWNER: FakeUser = { id: '200000000000000001', username: 'owner' };
/** The privileged intents' bits: Discord closes with 4014 when they are asked for but not enabled. */
export const GUILD_MEMBERS_INTENT = 1 << 1;
export const MESSAGE_CONTENT_INTENT = 1 << 15;
export const MANAGE_GUILD = String(1 << 5);
export const EVERYONE_PERMS = String((1 << 10) | (1 << 11) | (1 << 16)); // view, send, read history

/** Builds payloads; ids are fresh snowflakes that grow like Discord's. */
export class FakePayloads {
  private nextId = 300000000000000000n;

  /** A fresh snowflake (ids grow, as Discord's do). */
  id(): string {
    this.nextId += 1n << 22n;
    return this.nextId.toString();
  }

  guild(): Record<string, unknown> {
    return {
      id: GUILD_ID,
      name: 'Tea Club',
      owner_id: OWNER.id,
      system_channel_id: null,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: '2024-01-01T00:00:00.000Z',
      roles: [
        {
          id: GUILD_ID,
          name: '@everyone',
          permissions: EVERYONE_PERMS,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: ADMIN_ROLE_ID,
          name: 'Mods',
          permissions: MANAGE_GUILD,
          position: 1,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [
        {
          id: CHANNEL_ID,
          type: 0,
          name: 'group-buy',
          position: 0,
          permission_overwrites: [],
          guild_id: GUILD_ID,
        },
      ],
      members: [this.member(BOT_USER), this.member(OWNER)],
      emojis: [],
      stickers: [],
      features: [],
      threads: [
        {
          id: THREAD_ID,
          type: 11, // public thread
          name: 'mango questions',
          parent_id: CHANNEL_ID,
          guild_id: GUILD_ID,
          owner_id: OWNER.id,
          thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false },
          message_count: 0,
          member_count: 1,
        },
      ],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  member(user: FakeUser, roles: string[] = []): Record<string, unknown> {
    return {
      user: { discriminator: '0', avatar: null, global_name: null, ...user },
      roles,
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    };
  }

  message(
    channelId: string,
    content: string,
    author: FakeUser = BOT_USER,
    id = this.id(),
  ): Record<string, unknown> {
    return {
      id,
      channel_id: channelId,
      type: 0,
      author: { discriminator: '0', avatar: null, global_name: null, ...author },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      flags: 0,
    };
  }

  /** A MESSAGE_CREATE payload from a guild member in the group channel (or in `channelId`, a thread). */
  guildMessage(
    author: FakeUser,
    content: string,
    extra: { id?: string; roles?: string[]; replyTo?: string; channelId?: string } = {},
  ) {
    const channelId = extra.channelId ?? CHANNEL_ID;
    return {
      ...this.message(channelId, content, author, extra.id),
      guild_id: GUILD_ID,
      member: this.member(author, extra.roles),
      ...(extra.replyTo
        ? { type: 19, message_reference: { message_id: extra.replyTo, channel_id: channelId } }
        : {}),
    };
  }

  /** An INTERACTION_CREATE payload of a slash command in the group channel (or in its thread). */
  slashCommand(
    user: FakeUser,
    name: string,
    options: unknown[] = [],
    permissions = EVERYONE_PERMS,
    where: { thread?: boolean } = {},
  ) {
    const id = this.id();
    const channel = where.thread
      ? { id: THREAD_ID, type: 11, name: 'mango questions', guild_id: GUILD_ID, parent_id: CHANNEL_ID }
      : { id: CHANNEL_ID, type: 0, name: 'group-buy', guild_id: GUILD_ID };
    return {
      id,
      application_id: APP_ID,
      type: 2,
      token: `token-${id}`,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: channel.id,
      channel,
      member: { ...this.member(user), permissions },
      data: { id: this.id(), name, type: 1, options },
      app_permissions: EVERYONE_PERMS,
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 0,
    };
  }

  inviteJson(invite: FakeInvite): Record<string, unknown> {
    return {
      code: invite.code,
      type: 0,
      guild: { id: GUILD_ID, name: 'Tea Club', features: [] },
      channel: { id: invite.channelId, name: 'group-buy', type: 0 },
      ...(invite.inviter
        ? { inviter: { discriminator: '0', avatar: null, global_name: null, ...invite.inviter } }
        : {}),
      uses: invite.uses,
      max_uses: invite.max_uses,
      max_age: 0,
      temporary: false,
      created_at: '2024-01-01T00:00:00.000Z',
    };
  }
}
