import { describe, expect, it } from 'vitest';
import { sirutaWarning } from './institution-details.ts';

describe('the SIRUTA code of an institution', () => {
  it('is warned about, never refused, when its check digit fails — a short code as much as a six-digit one', () => {
    expect(sirutaWarning('179188')).toBe('organisation.siruta_check_warning');
    expect(sirutaWarning('1018')).toBe('organisation.siruta_check_warning');
    expect(sirutaWarning('179196')).toBeNull();
    expect(sirutaWarning('1017')).toBeNull(); // Alba Iulia
    expect(sirutaWarning(null)).toBeNull();
  });
});
