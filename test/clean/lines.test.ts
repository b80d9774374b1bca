import { describe, expect, it } from 'vitest';
import { isFurniture, readLines } from '../../src/clean/lines.js';

const furniture = (text: string) => isFurniture(readLines(text)[0]);

describe('furniture tests behind their hints', () => {
  // The hints only skip lines no match could hold: every case the /i and /iu flags fold must still match.
  it.each([
    'ALL RIGHTS RESERVED', 'All rights reſerved', 'Tous droits RÉSERVÉS', 'ALLE RECHTE VORBEHALTEN', 'Tutti i diritti riservati',
    '版权所有', '무단전재 및 재배포 금지',
    'We use COOKIES to improve the site', 'Coo\u212aies help us', 'Мы используем куки', '쿠키 설정',
    'Copyright 2024 The Paper', '© 2024 Example Media', '(c) 2021 Example', 'Ⓒ Example Media',
  ])('%s is furniture', (line) => expect(furniture(line)).toBe(true));

  it.each([
    'The ministry said on Tuesday that the charges were groundless and reserved its right to respond.',
    'Kim said the talks in Seoul would resume next week, officials told reporters.',
  ])('%s is not', (line) => expect(furniture(line)).toBe(false));
});
