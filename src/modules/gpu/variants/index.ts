export { VariantBuilder, type DerivedModel, type DeriveOptions, type StoreVariantOptions } from './variant-builder.service.js';
export { VariantsModule } from './variants.module.js';
