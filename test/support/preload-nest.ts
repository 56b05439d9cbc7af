/**
 * Evaluate Nest's ES modules before a test file's import graph is linked. Jest evaluates CommonJS dependencies
 * (such as @nestjs/throttler) while it links that graph, and their require() of a Nest package still being linked
 * fails as a require(esm) cycle. Loaded first, the packages are settled and the require() simply returns them.
 */
await import('@nestjs/common');
await import('@nestjs/core');
