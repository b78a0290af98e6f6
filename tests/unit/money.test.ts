import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from '../../src/services/money.js';

describe('money as a Chinese group writes it', () => {
  it('a currency word goes after the amount, a symbol before', () => {
    expect(formatMoney(500, '元')).toBe('5.00元');
    expect(formatMoney(-1250, '元')).toBe('-12.50元');
    expect(formatMoney(500, '¥')).toBe('¥5.00');
    expect(formatMoney(500)).toBe('¥5.00');
  });

  it('reads an amount written with 元 or 块', () => {
    expect(parseMoney('59元')).toBe(5900);
    expect(parseMoney('12.5块')).toBe(1250);
    expect(parseMoney('元')).toBeUndefined();
  });
});
