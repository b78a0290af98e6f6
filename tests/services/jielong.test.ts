import { describe, expect, it } from 'vitest';
import { parseJielong } from '../../src/services/jielong.js';

describe('接龙 text parsing', () => {
  it.each([
    // plain orders
    ['+1', { kind: 'order', qty: 1 }],
    ['+3', { kind: 'order', qty: 3 }],
    ['+12', { kind: 'order', qty: 12 }],
    ['＋２', { kind: 'order', qty: 2 }],
    ['+1!', { kind: 'order', qty: 1 }],
    ['+1。', { kind: 'order', qty: 1 }],
    ['  +2  ', { kind: 'order', qty: 2 }],
    // options
    ['+2 L', { kind: 'order', qty: 2, word: 'L' }],
    ['+1 大份', { kind: 'order', qty: 1, word: '大份' }],
    ['+1 xl', { kind: 'order', qty: 1, word: 'xl' }],
    // 接龙 forms
    ['接龙', { kind: 'order', qty: 1 }],
    ['接龙 2', { kind: 'order', qty: 2 }],
    ['接龙2', { kind: 'order', qty: 2 }],
    ['接龙+1', { kind: 'order', qty: 1 }],
    ['接龙 +3', { kind: 'order', qty: 3 }],
    ['接龙+2 M', { kind: 'order', qty: 2, word: 'M' }],
    ['接龙 2 S', { kind: 'order', qty: 2, word: 'S' }],
    // deal codes
    ['+1 #3', { kind: 'order', qty: 1, deal: 3 }],
    ['#3 +2', { kind: 'order', qty: 2, deal: 3 }],
    ['+2 L #3', { kind: 'order', qty: 2, deal: 3, word: 'L' }],
    ['接龙 2 #12', { kind: 'order', qty: 2, deal: 12 }],
    ['+1 ＃4', { kind: 'order', qty: 1, deal: 4 }],
    // spending points
    ['+1 用50分', { kind: 'order', qty: 1, usePoints: 50 }],
    ['接龙 2 用120分 #3', { kind: 'order', qty: 2, deal: 3, usePoints: 120 }],
    ['+2 L use=30', { kind: 'order', qty: 2, word: 'L', usePoints: 30 }],
    // cancel and roster
    ['-1', { kind: 'cancel' }],
    ['－1', { kind: 'cancel' }],
    ['退出', { kind: 'cancel' }],
    ['取消接龙', { kind: 'cancel' }],
    ['-1 #3', { kind: 'cancel', deal: 3 }],
    ['列表', { kind: 'roster' }],
    ['roster', { kind: 'roster' }],
    ['Roster #2', { kind: 'roster', deal: 2 }],
    ['接龙列表', { kind: 'roster' }],
    // a copied numbered list with one's own line added last
    ['#3 芒果接龙\n1. 小明 +1\n2. 小红 +2', { kind: 'order', qty: 2, deal: 3 }],
    ['芒果接龙\n1. 小明\n2. 小红', { kind: 'order', qty: 1 }],
    ['1、阿强 x3\n2、阿珍 ×2', { kind: 'order', qty: 2 }],
  ])('%j is %j', (text, intent) => {
    expect(parseJielong(text)).toEqual(intent);
  });

  it.each([
    '+1 for this idea',
    '+1 good idea',
    '1+1=2',
    '+86 13800138000',
    '+8613800138000',
    '13800138000',
    '+1000',
    '+',
    '+-1',
    '+1.5',
    '+1s',
    'hello +1',
    '我也+1',
    '接龙吧',
    '接龙 2 3 4',
    '-2',
    '退出群聊',
    '列表呢',
    '#3',
    '+1 #3 #4',
    '+1 a=b',
    '用50分',
    '-1 用50分',
    '+1 用50分 用60分',
    '1. first\nnot numbered last',
    '1. only one numbered line',
    '',
    '   ',
  ])('%j is not an order', (text) => {
    expect(parseJielong(text)).toBeUndefined();
  });
});
