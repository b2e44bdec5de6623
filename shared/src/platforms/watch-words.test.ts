import { describe, expect, it } from 'vitest';
import { findWatchWords, normalizeWatchText } from './watch-words';

const LIST = ['kafir', 'antek asing', 'PKI', 'berita bohong', 'hoaks'];

describe('watch-words', () => {
  it('when a text holds a listed word in another case, then it is found as the list spells it', () => {
    expect(findWatchWords(['Jangan percaya pki!'], LIST)).toEqual(['PKI']);
    expect(findWatchWords(['Itu HOAKS.'], LIST)).toEqual(['hoaks']);
  });

  it('when a word is only part of a longer word, then it is not found', () => {
    expect(findWatchWords(['pkinya', 'kafirun', 'hoaksnya', 'antek asingnya'], LIST)).toEqual([]);
  });

  it('when a phrase is split by several spaces or a line break, then it is still found', () => {
    expect(findWatchWords(['dasar antek   \n asing'], LIST)).toEqual(['antek asing']);
  });

  it('when the text uses full-width letters or hides a zero-width space, then normalization still finds the word', () => {
    expect(findWatchWords(['ｋａｆｉｒ'], LIST)).toEqual(['kafir']);
    expect(findWatchWords(['berita bo\u200Bhong'], LIST)).toEqual(['berita bohong']);
  });

  it('when words sit next to punctuation, hashtags or digits, then the boundaries are respected', () => {
    expect(findWatchWords(['#hoaks', '(kafir)', 'pki2'], LIST)).toEqual(['kafir', 'hoaks']);
  });

  it('when several texts are given, then a word in any of them counts, each word once', () => {
    expect(findWatchWords(['aman', 'ini hoaks', 'hoaks lagi, kafir'], LIST)).toEqual(['kafir', 'hoaks']);
  });

  it('normalizes case, width and spaces', () => {
    expect(normalizeWatchText('  Antek\t\tＡＳＩＮＧ ')).toBe('antek asing');
  });
});
