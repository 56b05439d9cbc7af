/** The asset types accepted for upload: decided from the content, never from the name or the declared type alone. */
export const ASSET_KINDS = ['js', 'mjs', 'css', 'svg', 'png', 'jpeg', 'webp', 'avif', 'gif', 'woff2', 'json', 'txt'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
