import { describe, it, expect } from 'vitest';
import { assignLogins, FALLBACK_BASE, uniqueLogin } from '../../src/domain/logins.js';

const takenIn = (logins: string[]) => (l: string) => logins.includes(l);

describe('uniqueLogin', () => {
  it('keeps a free base', () => {
    expect(uniqueLogin('ivanovii', takenIn([]))).toBe('ivanovii');
  });

  it('adds the first free number from 2', () => {
    expect(uniqueLogin('ivanovii', takenIn(['ivanovii']))).toBe('ivanovii2');
    expect(uniqueLogin('ivanovii', takenIn(['ivanovii', 'ivanovii2']))).toBe('ivanovii3');
    expect(uniqueLogin('ivanovii', takenIn(['ivanovii', 'ivanovii3']))).toBe('ivanovii2');
  });

  it('never returns an empty login', () => {
    expect(FALLBACK_BASE).toBe('user');
    expect(uniqueLogin('', takenIn([]))).toBe('user');
    expect(uniqueLogin('', takenIn(['user']))).toBe('user2');
  });
});

describe('assignLogins', () => {
  it('keeps people in one batch apart from each other and from existing logins', () => {
    expect(assignLogins(['ivanovii', 'petrovpp', 'ivanovii', 'ivanovii', ''], ['ivanovii2']))
      .toEqual(['ivanovii', 'petrovpp', 'ivanovii3', 'ivanovii4', 'user']);
  });

  it('gives every one of many namesakes a distinct login', () => {
    const logins = assignLogins(Array.from({ length: 50 }, () => 'kimaa'), ['kimaa']);
    expect(new Set(logins).size).toBe(50);
    expect(logins[0]).toBe('kimaa2');
    expect(logins[49]).toBe('kimaa51');
  });

  it('does not modify the taken set it is given', () => {
    const taken = new Set(['a']);
    assignLogins(['a', 'b'], taken);
    expect([...taken]).toEqual(['a']);
  });
});
