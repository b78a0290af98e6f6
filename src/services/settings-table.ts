import type { Community } from '../store/schema.js';
import { getSetting, type SettingSpec } from './settings.js';

/**
 * Every community setting with its current value and default, for the dashboard's Settings page.
 * The list of settings is /settings' own (commands/settings.ts SETTINGS, passed in: services do not
 * import commands); the help text is keyed by the setting's key (commands/settings-text.ts
 * settingHelp). No wording here.
 */

/** One setting as the page lists it. */
export interface SettingRow {
  key: string;
  /** The key of its help text in settingHelp: the setting's key. */
  helpKey: string;
  /** The value in effect (parsed: a number, ms for durations, true/false for on/off, false for off). */
  value: unknown;
  default: unknown;
  /** The text stored for it, as the admin typed it; absent while the default applies. */
  stored?: string;
  /** The value in effect as it can be typed back to /settings (`3d`, `on`, `off`, `90d`). */
  typed: string;
  /** Whether the default applies (nothing stored, or a stored text that no longer reads). */
  isDefault: boolean;
  /** A length of time counted in units of this many ms (see SettingSpec). */
  durationUnitMs?: number;
}

const MINUTE = 60_000;

/**
 * A parsed value as /settings takes it back: on/off for switches, a duration in its largest whole
 * unit (`3d`, `36h`, `90m`) for lengths of time, a count with its unit letter (`90d`) for counts of
 * days or hours, else the value as text.
 */
export function typedValue(spec: SettingSpec<unknown>, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (spec.durationUnitMs === undefined) return String(value);
  if (spec.durationUnitMs > 1) {
    const unit = spec.durationUnitMs % (24 * 60 * MINUTE) === 0 ? 'd' : 'h';
    return `${Number(value)}${unit}`;
  }
  const ms = Number(value);
  for (const [unit, size] of [
    ['d', 24 * 60 * MINUTE],
    ['h', 60 * MINUTE],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / MINUTE)}m`;
}

/** Each setting of `specs`, in their order, as the community has it now. */
export function settingsTable(community: Community, specs: readonly SettingSpec<unknown>[]): SettingRow[] {
  return specs.map((spec) => {
    const stored = spec.field ? community[spec.field] : community.settings[spec.key];
    const value = getSetting(community, spec);
    const valid = stored !== undefined && spec.schema.safeParse(stored).success;
    return {
      key: spec.key,
      helpKey: spec.key,
      value,
      default: spec.default,
      ...(stored !== undefined ? { stored } : {}),
      typed: valid ? stored : typedValue(spec, value),
      isDefault: !valid,
      ...(spec.durationUnitMs !== undefined ? { durationUnitMs: spec.durationUnitMs } : {}),
    };
  });
}
