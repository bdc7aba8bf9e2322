import { describe, expect, it } from 'vitest';
import { remembered } from './remember';

describe('remembered', () => {
  it('works each input out once, starts over when full, and forgets on demand', () => {
    const calls: string[] = [];
    const upper = remembered((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A']);
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // a third input: the memory starts over
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    upper.forget();
    upper('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'a']);
  });
});
