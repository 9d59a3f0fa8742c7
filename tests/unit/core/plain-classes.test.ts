import { describe, expect, it } from 'vitest';
import { withPlainClasses } from '../../../functions/core/text/plain-classes';

describe('withPlainClasses', () => {
  it('writes \\p{L} and \\p{N} as plain ranges, inside a character class or as one, and matches English and Russian titles as they did', () => {
    const source = "(?<![\\p{L}\\p{N}])\\p{L}+(?:ed|ли) [\\p{L}\\d'’.,-]+(?![\\p{L}\\p{N}])";
    const plain = withPlainClasses(source);
    expect(plain).not.toContain('\\p{');
    const titles = [
      'blogger detained in moscow',
      'блогера задержали в москве',
      'école fermée',
      'freed 2 of them',
      '7-летнего задержали вчера',
      'x',
    ];
    for (const t of titles) expect(new RegExp(plain).exec(t)?.[0], t).toBe(new RegExp(source, 'u').exec(t)?.[0]);
  });

  it('refuses any other property escape, which without the u flag would quietly match the letter p', () => {
    expect(() => withPlainClasses('[\\p{Lu}]\\p{L}+')).toThrow(/only \\p\{L\} and \\p\{N\}/);
    expect(() => withPlainClasses('\\P{L}')).toThrow();
    expect(withPlainClasses('a\\\\p')).toBe('a\\\\p');
  });
});
