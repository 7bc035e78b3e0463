/** Moved to scripts/local-host so `npm run cost` can use it (scripts may not import tests). */
export * from '../../scripts/local-host/key-vault-contract';
