import { z } from 'zod';
import { defineSetting, durationSetting, onOff } from './settings.js';

/**
 * The settings of pruning zombie members (清理僵尸用户, src/services/prune.ts): how long silence
 * makes a candidate (`prune.after`), the grace of new members (`prune.grace`), how long a buyer
 * stays (`prune.buyer_days`), how long a warning runs (`prune.warn_hours`), how many one run
 * removes (`prune.max_batch`) and whether the weekly sweep runs by itself (`prune.auto`).
 */

/** One hour and one day, in ms. */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A whole number with an optional unit letter: `90` or `90d`, `48` or `48h`. */
const countOf = (unit: string, max: number) => {
  const pattern = new RegExp(`^\\d{1,4}${unit}?$`, 'i');
  return z
    .string()
    .refine((s) => pattern.test(s), { params: { expected: 'number', unit } })
    .transform((s) => Number.parseInt(s, 10))
    .pipe(z.number().int().min(1).max(max));
};

export const pruneAfterSetting = defineSetting({
  key: 'prune.after',
  schema: durationSetting,
  default: 30 * DAY,
  durationUnitMs: 1,
});
export const pruneGraceSetting = defineSetting({
  key: 'prune.grace',
  schema: durationSetting,
  default: 7 * DAY,
  durationUnitMs: 1,
});
export const pruneBuyerDaysSetting = defineSetting({
  key: 'prune.buyer_days',
  schema: countOf('d', 3650),
  default: 90,
  durationUnitMs: DAY,
});
export const pruneWarnHoursSetting = defineSetting({
  key: 'prune.warn_hours',
  schema: countOf('h', 720),
  default: 48,
  durationUnitMs: HOUR,
});
export const pruneMaxBatchSetting = defineSetting({
  key: 'prune.max_batch',
  schema: z.coerce.number().int().min(1).max(500),
  default: 50,
});
export const pruneAutoSetting = defineSetting({
  key: 'prune.auto',
  schema: onOff,
  default: false,
});
