import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import enActivity from '../locales/en/activity.json';
import idActivity from '../locales/id/activity.json';

// The activity catalogues under i18next as the app configures it (lib/i18n.ts needs a DOM).
const i18n = createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { id: { translation: idActivity }, en: { translation: enActivity } }, lng: 'id', fallbackLng: 'id', interpolation: { escapeValue: false } });
});

describe('counts and numbers in the activity pages', () => {
  it('when the last publication was today, then it says so instead of "0 days ago"; other days count', () => {
    const id = i18n.getFixedT('id');
    const en = i18n.getFixedT('en');
    expect([0, 1, 3].map((count) => id('activity.daysAgo', { count }))).toEqual(['hari ini', '1 hari lalu', '3 hari lalu']);
    expect([0, 1, 3].map((count) => en('activity.daysAgo', { count }))).toEqual(['today', '1 day ago', '3 days ago']);
  });

  it('when a median is a fraction of a minute, then it is written with the language\'s decimal mark', () => {
    expect(i18n.getFixedT('id')('activity.minutes', { value: 0.5 })).toBe('0,5 menit');
    expect(i18n.getFixedT('en')('activity.minutes', { value: 0.5 })).toBe('0.5 min');
  });

  it('when one publication is in the period, then English says "publication", not "publications"', () => {
    expect(i18n.getFixedT('en')('activity.charts.publishedDescription', { count: 1 })).toMatch(/^1 publication in this period/);
    expect(i18n.getFixedT('en')('activity.charts.publishedDescription', { count: 2 })).toMatch(/^2 publications in this period/);
    expect(i18n.getFixedT('id')('activity.charts.publishedDescription', { count: 1 })).toMatch(/^1 publikasi dalam periode ini/);
  });
});
