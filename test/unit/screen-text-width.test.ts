// Display widths, not string lengths (issue #8): cuts, padding, wrapping and input lines by terminal cells.
import { describe, expect, it } from 'vitest';
import { displayWidth, fit, inputLine, tailToWidth, truncate, wrapToWidth } from '../../src/views/index.js';

describe('display widths', () => {
  it('measures wide characters and emoji as two cells', () => {
    expect(displayWidth('日本語 note 🚀')).toBe(14);
  });

  it('truncates and pads by cells, never splitting a surrogate pair or a wide character', () => {
    const note = '日本語 note 🚀';
    expect(truncate(note, 14)).toBe(note);
    expect(truncate(note, 13)).toBe('日本語 note …');
    expect(displayWidth(truncate(note, 13))).toBeLessThanOrEqual(13);
    // A cut inside 語 (cells 5-6) stops before it.
    expect(truncate('日本語', 5)).toBe('日本…');
    expect(fit('日本', 6)).toBe('日本  ');
    expect(displayWidth(fit('🚀🚀🚀', 5))).toBe(5);
    for (let w = 1; w < 16; w++) {
      const cut = truncate(`${note} 👩‍💻 done`, w);
      expect(displayWidth(cut)).toBeLessThanOrEqual(w);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(displayWidth(fit(note, w))).toBe(w);
    }
    expect(tailToWidth('ab🚀', 3)).toBe('b🚀');
    expect(tailToWidth('ab🚀', 1)).toBe('');
  });

  it('wraps by cells, at spaces and hard inside long words', () => {
    expect(wrapToWidth('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapToWidth('日本語日本語', 5)).toEqual(['日本', '語日', '本語']);
    expect(wrapToWidth('abcdefghij', 5, '  ')).toEqual(['abcde', '  fgh', '  ij']);
    expect(wrapToWidth('a\nb', 10)).toEqual(['a', 'b']);
    for (const l of wrapToWidth('Primary instance postgres-1 is not healthy: no instance is ready to be promoted 🚀', 20)) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  });

  it('keeps the end of a long input and its cursor visible', () => {
    const text = 'a very long note that the operator keeps typing 日本語 🚀';
    const line = inputLine('> ', text, 30);
    expect(displayWidth(line)).toBeLessThanOrEqual(30);
    expect(line.startsWith('> …')).toBe(true);
    expect(line.endsWith('日本語 🚀█')).toBe(true);
    expect(inputLine(':', 'help', 30)).toBe(':help█');
  });
});
