import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POISONED_REASON } from '../../src/directory/directory-upload-poison';
import { createDirectoryUploadTable } from '../../src/directory/directory-upload.repository';
import { signedInOfficer, TEST_PASSWORD } from '../support/accounts';
import { officerFixture, seedDirectory } from '../support/directory-fixtures';
import { startE2e, type E2e } from '../support/e2e';

let e2e: E2e;
const officer = officerFixture();
let totpKey: string;
const SLOW = { timeout: 20_000 };

beforeAll(async () => {
  e2e = await startE2e();
  await seedDirectory(e2e.app.services, [], [officer]);
  ({ totpKey } = await signedInOfficer(e2e.app.services, officer));
});
afterAll(async () => e2e?.stop());

describe('«Directorio» in Chromium: an import whose every try failed (dirimports-poison)', () => {
  for (const width of [1280, 360] as const) {
    it(`the page following it shows it interrupted, with the reason, as soon as the poison worker closes it (${width} px)`, async () => {
      const { app } = e2e;
      // A job its worker left running with one row written; its lock is still held.
      const table = createDirectoryUploadTable(app.services.storage);
      while (await table.holder()) await table.unlock((await table.holder())!.uploadId);
      const id = crypto.randomUUID();
      const at = new Date().toISOString();
      await table.create({
        id,
        officer: `CC${officer.idNumber}`,
        createdAt: at,
        updatedAt: at,
        state: 'running',
        files: [],
        done: 1,
        total: 3,
        attempts: 5,
      });
      await table.update(id, { written: 1 });
      expect(await table.lock(id)).toBe(true);

      const { page, problems } = await e2e.newPage(width);
      await e2e.signIn(page, `CC${officer.idNumber}`, TEST_PASSWORD);
      await e2e.passSecondFactor(page, totpKey);
      await expect.poll(() => page.locator('h1').textContent(), SLOW).not.toBe('Verificación en dos pasos');
      await page.goto(`${app.url}/funcionario/directorio?carga=${id}`);
      await expect.poll(() => page.locator('#progreso').textContent(), SLOW).toBe('Importación en curso');

      // The platform gives up on the job's message: the local host's worker on dirimports-poison takes it.
      await app.services.storage.queueOf('dirimports-poison').send(Buffer.from(JSON.stringify({ uploadId: id })).toString('base64'));
      await expect.poll(() => page.locator('#resultado').textContent(), SLOW).toBe('La importación se interrumpió');
      const result = (await page.locator('section[aria-labelledby="resultado"]').textContent())!;
      expect(result).toContain('se interrumpió después de escribir 1 fila');
      expect(await page.locator('#resultado-motivo').textContent()).toBe(POISONED_REASON);
      await e2e.expectAccessible(page, `directorio-envenenada-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await table.holder()).toBeUndefined();
      expect(problems).toEqual([]);
    });
  }
});
