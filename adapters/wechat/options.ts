import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { WechatyOptions } from 'wechaty';
import type { Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';

/** A puppet object (not a module name), e.g. a PuppetMock in tests. */
export type PuppetInstance = Exclude<NonNullable<WechatyOptions['puppet']>, string>;

export interface WechatAdapterOptions {
  log: Logger;
  /** WECHATY_PUPPET: the puppet module; unset means wechaty's default, or the puppet service when a token is set. */
  puppet?: string;
  /** WECHATY_PUPPET_SERVICE_TOKEN. */
  token?: string;
  /** A prebuilt puppet; wins over `puppet` and `token`. */
  puppetInstance?: PuppetInstance;
  /** Data dir: wechaty keeps its login session (memory card) in `<dataDir>/wechat/`. */
  dataDir?: string;
  /** Where the login QR code is printed (stdout by default: the operator scans it from the terminal). */
  qrOutput?: Writable;
  name?: string;
  /** Whose time spaces the parts of a long message (the bot's clock; tests pass their manual one). */
  clock?: Pick<Clock, 'setTimer'>;
}

const SERVICE_PUPPET = 'wechaty-puppet-service';

/** The options wechaty is built with; creates `<dataDir>/wechat/` when a data dir is set. */
export async function wechatyOptions(options: WechatAdapterOptions): Promise<WechatyOptions> {
  const { puppetInstance, token, dataDir } = options;
  let name = options.name ?? 'tuanbot';
  if (dataDir) {
    // wechaty names its session file after the bot (`<name>.memory-card.json`, relative to the working
    // directory); an absolute name keeps it in the data dir, so a restart needs no new scan.
    const dir = join(dataDir, 'wechat');
    await mkdir(dir, { recursive: true });
    name = join(dir, name);
  }
  if (puppetInstance) return { name, puppet: puppetInstance };
  const puppet = options.puppet ?? (token ? SERVICE_PUPPET : undefined);
  return {
    name,
    // The configured name is checked by wechaty when it loads the module; its type lists only official puppets.
    ...(puppet ? { puppet: puppet as Extract<WechatyOptions['puppet'], string> } : {}),
    ...(token ? { puppetOptions: { token } } : {}),
  };
}
