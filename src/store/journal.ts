import { constants, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open, readFile, truncate } from 'node:fs/promises';
import { CorruptFileError, FILE_MODE } from './durable-file.js';

/** One committed transaction: its sequence number and the records it put (or deleted: null). */
export interface JournalEntry {
  s: number;
  c: [collection: string, id: string, record: unknown][];
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Bytes of complete, valid lines; anything after is a torn write from a crash. */
  goodBytes: number;
  tornTail: boolean;
}

/**
 * Reads a journal. A torn last line (the process died mid-append, so its commit was never
 * acknowledged) is dropped; a bad line followed by good ones means real corruption.
 */
export async function readJournal(file: string): Promise<JournalRead> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], goodBytes: 0, tornTail: false };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset < buf.length) {
    const nl = buf.indexOf(0x0a, offset);
    lineNo++;
    if (nl === -1) return { entries, goodBytes: offset, tornTail: true };
    const line = buf.subarray(offset, nl).toString('utf8');
    let entry: JournalEntry | undefined;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      entry = undefined;
    }
    if (!entry || typeof entry.s !== 'number' || !Array.isArray(entry.c)) {
      if (nl === buf.length - 1) return { entries, goodBytes: offset, tornTail: true };
      throw new CorruptFileError(`line ${lineNo} is not a valid journal entry`);
    }
    entries.push(entry);
    offset = nl + 1;
  }
  return { entries, goodBytes: offset, tornTail: false };
}

/** Lines up to this size are encoded into one buffer kept by the writer (see JournalWriter.encode). */
const REUSED_BYTES = 1024 * 1024;

/** Append-only, fsynced journal of committed transactions. */
export class JournalWriter {
  private reused: Buffer | undefined;

  private constructor(
    private handle: FileHandle,
    private bytes: number,
  ) {}

  static async open(file: string, goodBytes: number): Promise<JournalWriter> {
    // Cut off a torn tail before appending, or the next entry would be glued to garbage.
    await truncate(file, goodBytes).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    // O_DSYNC: each write returns only once its data is on disk, as if fdatasync followed it.
    const { O_WRONLY, O_APPEND, O_CREAT, O_DSYNC } = constants;
    const handle = await open(file, O_WRONLY | O_APPEND | O_CREAT | O_DSYNC, FILE_MODE);
    return new JournalWriter(handle, goodBytes);
  }

  get size(): number {
    return this.bytes;
  }

  /**
   * Appends lines and returns once they are on disk (the file is opened O_DSYNC). Blocking: see
   * Store.flushLoop for why. A write may take only part of the buffer (the disk filled up mid-way,
   * as tmpfs does at a page boundary): write the rest, which then fails with ENOSPC, instead of
   * acknowledging commits that are only half on disk (a torn last line is dropped at load).
   */
  append(lines: string): void {
    const data = this.encode(lines);
    for (let offset = 0; offset < data.length; ) {
      const written = writeSync(this.handle.fd, data, offset);
      if (written === 0) throw new Error('the journal write made no progress');
      offset += written;
    }
    this.bytes += data.length;
  }

  /**
   * The lines' UTF-8 bytes, in a buffer kept between writes when they fit: a flash sale writes a
   * line of ~100 KB every turn of the loop, and a fresh buffer each time was a visible share of
   * its CPU. A rare big line (an archive move) gets a buffer of its own, so none stays that big.
   */
  private encode(lines: string): Buffer {
    if (lines.length > REUSED_BYTES) return Buffer.from(lines, 'utf8');
    this.reused ??= Buffer.allocUnsafe(REUSED_BYTES);
    const length = this.reused.write(lines, 0, REUSED_BYTES, 'utf8');
    // write() never splits a character: with room for one more (up to 4 bytes) left, all fit.
    if (length <= REUSED_BYTES - 4) return this.reused.subarray(0, length);
    return Buffer.from(lines, 'utf8');
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
