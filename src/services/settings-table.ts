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
  /**
   * The value in effect, parsed: a number (a length of time as a count of `durationUnitMs`: ms,
   * or hours or days for a setting counted in them), true/false for on/off, false for off.
   */
  value: unknown;
  default: unknown;
  /** The text stored for it, as the admin typed it; absent when nothing is (see isDefault). */
  stored?: string;
  /** Whether the default applies (nothing stored, or a stored text that no longer reads). */
  isDefault: boolean;
  /** A length of time counted in units of this many ms (see SettingSpec). */
  durationUnitMs?: number;
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
      isDefault: !valid,
      ...(spec.durationUnitMs !== undefined ? { durationUnitMs: spec.durationUnitMs } : {}),
    };
  });
}
