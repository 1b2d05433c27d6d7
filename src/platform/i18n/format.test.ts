import { describe, expect, it } from 'vitest';
import { formatFileSize } from './format.ts';

describe('formatFileSize', () => {
  it('writes a phone photo’s size with a decimal comma in Romanian and a point in English', () => {
    const photo = 2_547_377; // a 2.4 MB JPEG from a phone's camera
    expect(formatFileSize(photo, 'ro')).toBe('2,4 MB');
    expect(formatFileSize(photo, 'en')).toBe('2.4 MB');
  });

  it('writes whole kilobytes under a megabyte, never 0 KB for a small file', () => {
    expect(formatFileSize(300 * 1024, 'ro')).toBe('300 KB');
    expect(formatFileSize(10, 'en')).toBe('1 KB');
    expect(formatFileSize(20 * 1024 * 1024, 'ro')).toBe('20 MB');
  });
});
