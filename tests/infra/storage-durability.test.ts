import { beforeAll, describe, expect, it } from 'vitest';
import { loadBicepFiles, type BicepFile, type Finding } from '../support/bicep';
import { checkInfra } from '../support/bicep-checks';
import { checkStorageDurability } from '../support/storage-durability-checks';
import { infraPolicy } from './infra-policy';
import { mutated as mutate } from '../support/bicep-mutation';

const show = (findings: Finding[]) => findings.map((f) => f.message);

const mutated = (files: BicepFile[], file: string, from: string, to: string) => mutate(files, file, [[from, to]]);

describe('storage declared in Bicep, as the code uses it', () => {
  let files: BicepFile[];
  beforeAll(async () => {
    files = await loadBicepFiles('infra');
  });

  it('every table, queue and container of src/platform/storage/storage.ts is declared, and the audit container is write-once', () => {
    expect(show(checkStorageDurability(files))).toEqual([]);
  });

  it('when a table is added to the code only (or a queue dropped from Bicep), then it is reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', "  'auditpending'\n", '');
    changed = await mutated(changed, 'infra/main.bicep', "  'notifications-poison'\n", '');
    changed = await mutated(changed, 'infra/main.bicep', "  'secondfactors'\n", "  'secondfactors'\n  'sobrante'\n");
    expect(show(checkStorageDurability(changed))).toEqual([
      'storage: tables missing in Bicep: auditpending',
      'storage: tables in Bicep but not in the code: sobrante',
      'storage: queues missing in Bicep: notifications-poison',
    ]);
  });

  it('when audit-worm loses protected append writes or its policy, or exports lose versioning, then it is reported', async () => {
    let changed = await mutated(files, 'infra/main.bicep', 'allowProtectedAppendWrites: true', 'allowProtectedAppendWrites: false');
    changed = await mutated(changed, 'infra/main.bicep', 'isVersioningEnabled: true', 'isVersioningEnabled: false');
    changed = await mutated(changed, 'infra/main.bicep', '        {\n          name: exportContainerName\n        }\n', '');
    expect(show(checkStorageDurability(changed))).toEqual([
      'storage: container table-exports missing in Bicep',
      'storage: audit-worm allowProtectedAppendWrites must be true',
      'storage: blobServices.isVersioningEnabled must be true',
    ]);
    const noPolicy = await mutated(
      files,
      'infra/main.bicep',
      'immutabilityPolicy: auditImmutabilityLocked',
      'metadata: auditImmutabilityLocked',
    );
    expect(show(checkStorageDurability(noPolicy))).toEqual(['storage: audit-worm has no immutabilityPolicy']);
  });

  it("issue 16: the web upload of the directory has its queue (and poison queue), its container with the app's role on it, and a rule that deletes old uploads", async () => {
    let changed = await mutated(files, 'infra/main.bicep', "  'dirimports-poison'\n", '');
    changed = await mutated(changed, 'infra/main.bicep', '        {\n          name: uploadContainerName\n        }\n', '');
    expect(show(checkStorageDurability(changed))).toEqual([
      'storage: queues missing in Bicep: dirimports-poison',
      'storage: container directory-uploads missing in Bicep',
    ]);
    const noRole = await mutated(files, 'infra/app/rbac-blob.bicep', 'scope: uploadsContainer', 'scope: exportsContainer');
    expect(show(checkInfra(noRole, infraPolicy)).join('\n')).toContain('directory-uploads');
    const main = files.find((file) => file.path === 'infra/main.bicep')!.source;
    expect(main).toMatch(
      /name: 'delete-old-directory-uploads'[\s\S]*?daysAfterModificationGreaterThan: directoryUploadRetentionDays[\s\S]*?'\$\{uploadContainerName\}\/'/,
    );
  });

  it('when the app loses its blob endpoint setting, then the policy reports it', async () => {
    const changed = await mutated(files, 'infra/app/api.bicep', '  IHCE_STORAGE__blobServiceUri: blobEndpoint\n', '');
    expect(show(checkInfra(changed, infraPolicy)).join('\n')).toContain('IHCE_STORAGE__blobServiceUri');
  });
});
