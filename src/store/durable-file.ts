export { FILE_MODE, fsyncDir, removeLeftoverTempFiles, writeFileDurably } from '../core/durable-write.js';

/** Why a data file cannot be used, in words an operator understands. */
export class CorruptFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CorruptFileError';
  }
}

export function parseJsonFile(text: string): unknown {
  if (text.trim() === '') throw new CorruptFileError('the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptFileError(`not valid JSON, probably truncated (${(error as Error).message})`);
  }
}
