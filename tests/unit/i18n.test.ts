import { describe, expect, it } from 'vitest';
import { features } from '../../commands/index.js';
import { allMessageFamilies } from '../../src/core/i18n/index.js';
import '../../src/core/messages.js';

describe('i18n completeness', () => {
  it('every message family has the same keys in English and Chinese, none empty', () => {
    expect(allMessageFamilies().length).toBeGreaterThan(2);
    for (const family of allMessageFamilies()) {
      expect(Object.keys(family.zh).sort(), family.family).toEqual(Object.keys(family.en).sort());
      for (const [key, value] of [...Object.entries(family.en), ...Object.entries(family.zh)]) {
        if (typeof value === 'string') expect(value.trim(), `${family.family}.${key}`).not.toBe('');
      }
    }
  });

  it('Chinese texts are in Chinese', () => {
    for (const family of allMessageFamilies()) {
      const strings = Object.values(family.zh).filter((v): v is string => typeof v === 'string');
      for (const s of strings) expect(s, family.family).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('every command has help in both languages', () => {
    for (const feature of features) {
      for (const spec of feature.commands ?? []) {
        for (const locale of ['en', 'zh'] as const) {
          expect(spec.help[locale].summary, `${spec.name} ${locale}`).not.toBe('');
          expect(spec.help[locale].usage, `${spec.name} ${locale}`).toMatch(/^\//);
        }
      }
    }
  });
});
