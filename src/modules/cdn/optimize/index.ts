export { type ImageKind, type ImageVariant, type ImageVariantOptions, imageVariants } from './image-variants.js';
export { CSS_MINIFY_OPTIONS, minifyCss } from './minify-css.js';
export { minifyScript, SCRIPT_MINIFY_OPTIONS } from './minify-script.js';
export { minifySvg } from './minify-svg.js';
export { type OptimizedVariant, type OptimizeOptions, type OptimizeResult, optimizeAsset } from './optimize-asset.js';
export { type Precompressed, precompress } from './precompress.js';
