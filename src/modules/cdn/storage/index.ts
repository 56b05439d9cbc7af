export * from './asset-storage.factory.js';
export * from './asset-storage.js';
export * from './azure-asset-storage.js';
export * from './local-asset-storage.js';
export * from './s3-asset-storage.js';
export * from './storage-body.util.js';
export * from './storage-key.util.js';
