import { describe, expect, it } from 'vitest';
import { digestHoursPhrase } from '../../src/requests/officer-digest-email';

describe('when the digest comes, in Spanish («a la» una, «a las» the other hours)', () => {
  it('one, two and three hours', () => {
    expect(digestHoursPhrase([8])).toBe('a las 8:00 a. m.');
    expect(digestHoursPhrase([13])).toBe('a la 1:00 p. m.');
    expect(digestHoursPhrase([8, 13])).toBe('a las 8:00 a. m. y a la 1:00 p. m.');
    expect(digestHoursPhrase([8, 13, 17])).toBe('a las 8:00 a. m., a la 1:00 p. m. y a las 5:00 p. m.');
  });

  it('midnight, one in the morning and noon', () => {
    expect(digestHoursPhrase([0, 1, 12])).toBe('a las 12:00 a. m., a la 1:00 a. m. y a las 12:00 p. m.');
  });
});
