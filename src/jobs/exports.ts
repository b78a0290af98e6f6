import type { Job } from '../core/feature.js';
import { removeExpiredExports } from '../store/exports.js';

/**
 * Deletes exports (DATA_DIR/exports/: /mydata, order CSVs, reports) once they are older than
 * keepMs (EXPORTS_KEEP, default 24 h). A file a pending message still has to send (held for a
 * member who has not opened a private chat yet, or waiting out an outage) stays until it is sent:
 * the message was promised. Runs at every scheduler tick; a sweep is one directory listing.
 */
export function exportsJob(keepMs: number): Job {
  return {
    name: 'exports-keep',
    async run(ctx) {
      // Every shard's: a file another process still has to send stays too.
      const owed = await ctx.filesOwed();
      const removed = await removeExpiredExports(ctx.dataDir, ctx.clock.now(), keepMs, owed);
      if (removed.length > 0)
        ctx.log.info({ files: removed.length }, 'exports: deleted files past their keep time');
    },
  };
}
